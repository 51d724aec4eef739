import { describe, expect, it } from 'vitest';
import { customerNotice } from './customer-mail';

const base = {
  number: 'TS-2026-000123',
  type: 'COMPLAINT' as const,
  subject: '外径超差',
  recipientName: '刘经理',
  at: new Date('2026-11-23T03:00:00Z'),
  timeZone: 'Asia/Shanghai',
};

describe('customerNotice', () => {
  it('acknowledges with the number and the local time, and links to the portal record', () => {
    const notice = customerNotice({ ...base, event: 'RECEIVED', url: 'http://localhost:3000/portal/interactions/x' });
    expect(notice.subject).toBe('【已受理】您的投诉编号 TS-2026-000123');
    expect(notice.text).toBe(
      '刘经理，您好：\n\n我们已于 2026-11-23 11:00 受理您的投诉 TS-2026-000123「外径超差」。我们将尽快处理，请保留受理编号以便查询进度。' +
        '\n\n查看处理进度：http://localhost:3000/portal/interactions/x\n\n—— 客服通（系统自动发送，请勿直接回复）',
    );
  });

  it('tells a visitor to look the status up with number and phone', () => {
    const notice = customerNotice({
      ...base,
      type: 'CONSULTATION',
      number: 'ZX-2026-000007',
      event: 'RECEIVED',
      url: 'http://x/track',
      trackWithPhone: true,
    });
    expect(notice.subject).toBe('【已受理】您的咨询编号 ZX-2026-000007');
    expect(notice.text).toContain('查看处理进度：http://x/track（请输入受理编号和提交时留下的联系电话）');
  });

  it('gives the decline reason [000 §4.5], the answer, the resolution to confirm and the reopening', () => {
    expect(customerNotice({ ...base, event: 'DECLINED', detail: '超出合同约定的保修范围' }).text).toContain(
      '理由：超出合同约定的保修范围',
    );
    expect(customerNotice({ ...base, type: 'INQUIRY', event: 'ANSWERED', detail: '报告将于周五出具' }).text).toContain(
      '答复如下：\n\n报告将于周五出具',
    );
    const resolved = customerNotice({ ...base, event: 'RESOLVED' });
    expect(resolved.subject).toBe('【请确认】TS-2026-000123 已处理完毕');
    expect(resolved.text).toContain('确认是否接受处理结果');
    const withLink = customerNotice({ ...base, event: 'RESOLVED', confirmUrl: 'https://kefu.example/r/abc' });
    expect(withLink.text).toContain('请打开以下链接确认是否接受处理结果（无需登录）：\nhttps://kefu.example/r/abc');
    expect(customerNotice({ ...base, event: 'REOPENED', detail: '客户对处理结果有异议' }).text).toContain(
      '原因：客户对处理结果有异议',
    );
  });

  it('greets without a name when none is known', () => {
    expect(customerNotice({ ...base, recipientName: null, event: 'RESOLVED' }).text.startsWith('您好：')).toBe(true);
  });
});
