import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTHORITY } from '../complaints/complaint-workflow.rules';
import { DEFAULT_ESCALATION_POLICY } from '../complaints/escalation.rules';
import {
  approvalAuthorityOf,
  businessHoursOf,
  datesInRange,
  describeSlaKey,
  escalationLadder,
  escalationPolicyOf,
  isIanaTimeZone,
  isoDate,
  parseApprovalAuthority,
  sameSlaKey,
  ZAddCalendarDaysInput,
  ZBusinessHoursInput,
  ZEscalationPolicyInput,
  ZSlaRuleInput,
} from './service-rules.rules';

// First message per field, as the service reports them (fieldErrors in customer.rules.ts).
const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => {
  const fields: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) fields[issue.path.map(String).join('.')] ??= issue.message;
  return fields;
};

const rule = (over: Record<string, unknown> = {}) => ({
  interactionType: 'COMPLAINT',
  severity: 'MAJOR',
  keyAccount: null,
  triageHours: 4,
  resolutionHours: 24,
  callbackDays: 7,
  ...over,
});

describe('SLA rule input', () => {
  it('accepts a rule and reads missing conditions as "any"', () => {
    const parsed = ZSlaRuleInput.parse({ triageHours: 4, resolutionHours: 8, callbackDays: 7 });
    expect(parsed).toMatchObject({ interactionType: null, severity: null, keyAccount: null });
  });

  it.each([
    [{ triageHours: 0 }, 'triageHours', '分派时限（小时）须在 1–80 之间'],
    [{ triageHours: 2.5 }, 'triageHours', '分派时限（小时）必须是整数'],
    [{ resolutionHours: 2001 }, 'resolutionHours', '处理时限（小时）须在 1–2000 之间'],
    [{ resolutionHours: -8 }, 'resolutionHours', '处理时限（小时）须在 1–2000 之间'],
    [{ callbackDays: 0 }, 'callbackDays', '回访天数须在 1–30 之间'],
    [{ callbackDays: 31 }, 'callbackDays', '回访天数须在 1–30 之间'],
    [{ interactionType: 'CONSULTATION', severity: 'MAJOR' }, 'severity', '严重程度只适用于投诉'],
    [{ triageHours: 8, resolutionHours: 4 }, 'resolutionHours', '处理时限不能短于分派时限'],
  ])('refuses %j with a message on its field', (over, field, message) => {
    expect(fieldsOf(ZSlaRuleInput.safeParse(rule(over)))).toEqual({ [field]: message });
  });

  it('compares rules by their conditions only, null meaning any', () => {
    expect(sameSlaKey(rule(), rule({ resolutionHours: 40 }))).toBe(true);
    expect(sameSlaKey(rule(), rule({ keyAccount: true }))).toBe(false);
    expect(sameSlaKey(rule({ severity: null }), rule())).toBe(false);
    expect(describeSlaKey(rule({ keyAccount: true }))).toBe('投诉 / 重大 / 重要客户');
    expect(describeSlaKey({ interactionType: null, severity: null, keyAccount: false })).toBe(
      '任意类型 / 任意严重程度 / 非重要客户',
    );
  });
});

describe('business hours', () => {
  const hours = { timeZone: 'Asia/Shanghai', days: [5, 1, 2, 3, 4, 1], start: '08:30', end: '17:30' };

  it('sorts and de-duplicates the working days', () => {
    expect(ZBusinessHoursInput.parse(hours).days).toEqual([1, 2, 3, 4, 5]);
  });

  it('knows IANA zones and refuses offsets and typos', () => {
    expect(isIanaTimeZone('Asia/Shanghai')).toBe(true);
    expect(isIanaTimeZone('Europe/Berlin')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('+08:00')).toBe(false);
    expect(isIanaTimeZone('Asia/Shangai')).toBe(false);
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'timeZone', '不是有效的 IANA 时区（如 Asia/Shanghai）'],
    [{ days: [] }, 'days', '至少选择一个工作日'],
    [{ days: [0, 1] }, 'days.0', '星期须为 1–7'],
    [{ start: '8:30' }, 'start', '时间格式为 HH:mm'],
    [{ end: '25:00' }, 'end', '时间格式为 HH:mm'],
    [{ start: '17:30', end: '08:30' }, 'end', '下班时间须晚于上班时间'],
    [{ start: '09:00', end: '09:00' }, 'end', '下班时间须晚于上班时间'],
  ])('refuses %j', (over, field, message) => {
    expect(fieldsOf(ZBusinessHoursInput.safeParse({ ...hours, ...over }))).toEqual({ [field]: message });
  });

  it('reads the stored setting with the clock defaults where something is missing', () => {
    expect(businessHoursOf(null)).toEqual({
      timeZone: 'Asia/Shanghai',
      days: [1, 2, 3, 4, 5],
      start: '08:30',
      end: '17:30',
    });
    expect(businessHoursOf({ start: '09:00' }).start).toBe('09:00');
  });
});

describe('calendar days', () => {
  const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

  it('expands a range inclusively (国庆节 10-01..10-07)', () => {
    expect(datesInRange(d('2030-10-01'), d('2030-10-07')).map(isoDate)).toEqual([
      '2030-10-01',
      '2030-10-02',
      '2030-10-03',
      '2030-10-04',
      '2030-10-05',
      '2030-10-06',
      '2030-10-07',
    ]);
    expect(datesInRange(d('2030-05-01'), null).map(isoDate)).toEqual(['2030-05-01']);
  });

  it('needs a name, an ordered range and at most 31 days', () => {
    expect(fieldsOf(ZAddCalendarDaysInput.safeParse({ from: d('2030-10-01'), isWorkday: false, name: ' ' }))).toEqual({
      name: '名称必填（如 国庆节、调休上班）',
    });
    expect(
      fieldsOf(
        ZAddCalendarDaysInput.safeParse({
          from: d('2030-10-07'),
          to: d('2030-10-01'),
          isWorkday: false,
          name: '国庆节',
        }),
      ),
    ).toEqual({ to: '结束日期不能早于开始日期' });
    expect(
      fieldsOf(
        ZAddCalendarDaysInput.safeParse({ from: d('2030-01-01'), to: d('2030-02-01'), isWorkday: false, name: '长假' }),
      ),
    ).toEqual({ to: '一次最多 31 天' });
    expect(
      ZAddCalendarDaysInput.safeParse({ from: d('2030-01-01'), to: d('2030-01-31'), isWorkday: false, name: '长假' })
        .success,
    ).toBe(true);
  });
});

describe('核决权限', () => {
  const all = (over: Record<string, { approve?: string[]; close?: string[] }> = {}) =>
    (['GENERAL', 'MAJOR', 'CRISIS'] as const).map((severity) => ({
      severity,
      approve: ['QUALITY_MANAGER'],
      close: ['QUALITY_MANAGER'],
      ...over[severity],
    }));

  it('stores the engine shape, roles de-duplicated in a fixed order', () => {
    const parsed = parseApprovalAuthority(all({ CRISIS: { approve: ['EXECUTIVE', 'SERVICE_MANAGER', 'EXECUTIVE'] } }));
    expect(parsed).toEqual({
      ok: true,
      value: {
        GENERAL: { approve: ['QUALITY_MANAGER'], close: ['QUALITY_MANAGER'] },
        MAJOR: { approve: ['QUALITY_MANAGER'], close: ['QUALITY_MANAGER'] },
        CRISIS: { approve: ['SERVICE_MANAGER', 'EXECUTIVE'], close: ['QUALITY_MANAGER'] },
      },
    });
  });

  it('refuses an empty list, a customer or unknown role, a missing or repeated severity', () => {
    expect(parseApprovalAuthority(all({ MAJOR: { approve: [] }, CRISIS: { close: ['CUSTOMER'] } }))).toEqual({
      ok: false,
      fields: { 'MAJOR.approve': '至少选择一个批准角色', 'CRISIS.close': '包含不存在或不能授权的角色' },
    });
    expect(parseApprovalAuthority(all().slice(0, 2))).toEqual({
      ok: false,
      fields: { CRISIS: '缺少“危机”的核决权限' },
    });
    expect(parseApprovalAuthority([...all(), all()[0]!])).toEqual({
      ok: false,
      fields: { GENERAL: '每个严重程度只能出现一次' },
    });
    expect(parseApprovalAuthority(all({ GENERAL: { approve: ['CEO'] } }))).toMatchObject({
      ok: false,
      fields: { 'GENERAL.approve': '包含不存在或不能授权的角色' },
    });
  });

  it('reads the stored setting, falling back per severity to the workflow default', () => {
    expect(approvalAuthorityOf(undefined)).toBe(DEFAULT_AUTHORITY);
    expect(approvalAuthorityOf({ MAJOR: { approve: ['EXECUTIVE'], close: ['EXECUTIVE'] } })).toEqual({
      ...DEFAULT_AUTHORITY,
      MAJOR: { approve: ['EXECUTIVE'], close: ['EXECUTIVE'] },
    });
  });
});

describe('escalation policy', () => {
  it('validates both periods as positive integers within bounds', () => {
    expect(fieldsOf(ZEscalationPolicyInput.safeParse({ dueSoonHours: 0, overduePeriodHours: 8 }))).toEqual({
      dueSoonHours: '临期提醒（小时）须在 1–80 之间',
    });
    expect(fieldsOf(ZEscalationPolicyInput.safeParse({ dueSoonHours: 4, overduePeriodHours: 1.5 }))).toEqual({
      overduePeriodHours: '逐级升级间隔（小时）必须是整数',
    });
  });

  it('reads the setting as the sweep does and derives the increasing ladder', () => {
    expect(escalationPolicyOf({ dueSoonHours: -1 })).toEqual(DEFAULT_ESCALATION_POLICY);
    expect(escalationLadder({ dueSoonHours: 4, overduePeriodHours: 6 })).toEqual([
      { level: 1, afterOverdueHours: 0, audience: ['OWNER'] },
      { level: 2, afterOverdueHours: 6, audience: ['DEPARTMENT_HEAD', 'OWNER'] },
      { level: 3, afterOverdueHours: 12, audience: ['SERVICE_MANAGERS', 'OWNER'] },
      { level: 4, afterOverdueHours: 18, audience: ['EXECUTIVES', 'OWNER'] },
    ]);
  });
});
