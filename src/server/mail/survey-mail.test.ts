import { describe, expect, it } from 'vitest';
import { surveyMail } from './survey-mail';

const base = {
  customerName: '华东精密汽配有限公司',
  campaignName: '2026 年第四季度客户满意度调查',
  closesAt: new Date('2026-12-31T09:30:00Z'),
  url: 'http://localhost:3000/s/abc',
  timeZone: 'Asia/Shanghai',
};

describe('surveyMail', () => {
  it('invites in Chinese with the personal link and the closing time in the company zone', () => {
    const mail = surveyMail({ ...base, kind: 'INVITATION' });
    expect(mail.subject).toBe('【满意度调查】2026 年第四季度客户满意度调查');
    expect(mail.text).toContain('尊敬的华东精密汽配有限公司：');
    expect(mail.text).toContain('填写链接：http://localhost:3000/s/abc');
    expect(mail.text).toContain('截止时间：2026-12-31 17:30');
    expect(mail.text).toContain('无需登录');
    expect(mail.text.endsWith('—— 客服通（系统自动发送，请勿直接回复）')).toBe(true);
  });

  it('reminds with the same link and the deadline', () => {
    const mail = surveyMail({ ...base, kind: 'REMINDER' });
    expect(mail.subject).toBe('【提醒】2026 年第四季度客户满意度调查 尚未填写');
    expect(mail.text).toContain(
      '我们尚未收到贵单位对「2026 年第四季度客户满意度调查」的反馈。调查将于 2026-12-31 17:30 截止',
    );
    expect(mail.text).toContain('填写链接：http://localhost:3000/s/abc');
  });
});
