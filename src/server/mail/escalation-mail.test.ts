import { describe, expect, it } from 'vitest';
import { escalationDigest, escalationNotice } from './escalation-mail';

const base = {
  number: 'TS-2026-000123',
  subject: '外径超差',
  dueAt: new Date('2026-11-23T03:00:00Z'),
  timeZone: 'Asia/Shanghai',
};

describe('escalationNotice', () => {
  it('writes a Chinese subject per reason and the due time in the company zone', () => {
    expect(escalationNotice({ ...base, reason: 'TRIAGE_OVERDUE', level: 1 })).toEqual({
      subject: '【分派超时】TS-2026-000123 未在规定时间内确定责任部门',
      text: '客诉 TS-2026-000123「外径超差」应于 2026-11-23 11:00 前确定责任部门，至今未分派，请召集会议并尽快分派。\n\n—— 客服通（系统自动发送，请勿直接回复）',
    });
    expect(escalationNotice({ ...base, reason: 'RESOLUTION_OVERDUE', level: 3 }).subject).toBe(
      '【处理逾期·三级（客服部部长）升级】TS-2026-000123',
    );
    expect(escalationNotice({ ...base, reason: 'DUE_SOON', level: 0 }).subject).toBe(
      '【即将到期】TS-2026-000123 处理期限将至',
    );
    expect(escalationNotice({ ...base, reason: 'CALLBACK_OVERDUE', level: 1 }).subject).toBe(
      '【回访逾期】TS-2026-000123 回访未按期完成',
    );
    expect(escalationNotice({ ...base, reason: 'CRISIS', level: 4 }).text).toContain('立即通报总经理');
    // An action's ladder ends with quality, not the executive.
    expect(escalationNotice({ ...base, reason: 'ACTION_OVERDUE', level: 3 }).subject).toBe(
      '【措施逾期·三级（质量经理）】TS-2026-000123 措施未按期完成',
    );
  });

  it('adds the link when there is one and copes with a missing due time', () => {
    const notice = escalationNotice({
      ...base,
      dueAt: null,
      reason: 'RESOLUTION_OVERDUE',
      level: 1,
      url: 'http://localhost:3000/console/interactions/x',
    });
    expect(notice.text).toContain('处理期限 — 已过');
    expect(notice.text).toContain('查看：http://localhost:3000/console/interactions/x');
  });
});

describe('escalationDigest', () => {
  it('is the ordinary notice for one item', () => {
    const item = { ...base, reason: 'TRIAGE_OVERDUE' as const, level: 1 };
    expect(escalationDigest([item])).toEqual(escalationNotice(item));
  });

  it('lists several items in one mail, most urgent first, each with its lead and link', () => {
    const digest = escalationDigest([
      { ...base, number: 'TS-2026-000002', reason: 'DUE_SOON', level: 0, url: 'http://x/2' },
      { ...base, number: 'TS-2026-000003', reason: 'RESOLUTION_OVERDUE', level: 2, url: 'http://x/3' },
      { ...base, number: 'TS-2026-000001', reason: 'CRISIS', level: 4, url: 'http://x/1' },
    ]);
    expect(digest.subject).toBe('【升级汇总】3 项待您关注（含危机客诉 1 项）：TS-2026-000001 等');
    const order = ['http://x/1', 'http://x/3', 'http://x/2'].map((url) => digest.text.indexOf(`查看：${url}`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(digest.text).toContain('1. 【危机客诉】TS-2026-000001 请立即关注');
    expect(digest.text).toContain('2. 【处理逾期·二级（部门负责人）升级】TS-2026-000003');
    expect(digest.text).toContain('查看：http://x/2');
    expect(digest.text.endsWith('—— 客服通（系统自动发送，请勿直接回复）')).toBe(true);
  });
});
