import { zodFieldErrors } from '@/server/error-keys';
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

// First problem per field as its message key, as the service reports them (zodFieldErrors in error-keys.ts).
const fieldsOf = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string; code: string }[] };
}) => {
  const fields: Record<string, string> = {};
  for (const [name, problem] of Object.entries(zodFieldErrors(result.error ?? { issues: [] })))
    fields[name] = problem.key;
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
    [{ triageHours: 0 }, 'triageHours', 'validation.tooSmall'],
    [{ triageHours: 2.5 }, 'triageHours', 'validation.notInteger'],
    [{ resolutionHours: 2001 }, 'resolutionHours', 'validation.tooBig'],
    [{ resolutionHours: -8 }, 'resolutionHours', 'validation.tooSmall'],
    [{ callbackDays: 0 }, 'callbackDays', 'validation.tooSmall'],
    [{ callbackDays: 31 }, 'callbackDays', 'validation.tooBig'],
    [{ interactionType: 'CONSULTATION', severity: 'MAJOR' }, 'severity', 'serviceRules.severityComplaintOnly'],
    [{ triageHours: 8, resolutionHours: 4 }, 'resolutionHours', 'serviceRules.resolutionBeforeTriage'],
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
    [{ timeZone: 'Mars/Olympus' }, 'timeZone', 'serviceRules.timeZoneInvalid'],
    [{ days: [] }, 'days', 'serviceRules.workdayRequired'],
    [{ days: [0, 1] }, 'days.0', 'serviceRules.weekdayInvalid'],
    [{ start: '8:30' }, 'start', 'serviceRules.timeFormat'],
    [{ end: '25:00' }, 'end', 'serviceRules.timeFormat'],
    [{ start: '17:30', end: '08:30' }, 'end', 'serviceRules.endBeforeStart'],
    [{ start: '09:00', end: '09:00' }, 'end', 'serviceRules.endBeforeStart'],
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
      name: 'serviceRules.calendarNameRequired',
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
    ).toEqual({ to: 'customer.endBeforeStart' });
    expect(
      fieldsOf(
        ZAddCalendarDaysInput.safeParse({ from: d('2030-01-01'), to: d('2030-02-01'), isWorkday: false, name: '长假' }),
      ),
    ).toEqual({ to: 'serviceRules.rangeTooLong' });
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
      fields: {
        'MAJOR.approve': { key: 'serviceRules.approverRequired' },
        'CRISIS.close': { key: 'serviceRules.roleInvalid' },
      },
    });
    expect(parseApprovalAuthority(all().slice(0, 2))).toEqual({
      ok: false,
      fields: { CRISIS: { key: 'serviceRules.authorityMissing', params: { severity: 'CRISIS' } } },
    });
    expect(parseApprovalAuthority([...all(), all()[0]!])).toEqual({
      ok: false,
      fields: { GENERAL: { key: 'serviceRules.severityRepeated' } },
    });
    expect(parseApprovalAuthority(all({ GENERAL: { approve: ['CEO'] } }))).toMatchObject({
      ok: false,
      fields: { 'GENERAL.approve': { key: 'serviceRules.roleInvalid' } },
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
      dueSoonHours: 'validation.tooSmall',
    });
    expect(fieldsOf(ZEscalationPolicyInput.safeParse({ dueSoonHours: 4, overduePeriodHours: 1.5 }))).toEqual({
      overduePeriodHours: 'validation.notInteger',
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
