import { z } from 'zod';
import type { ApprovalAuthority, Severity, WorkflowRole } from '../complaints/complaint-workflow.rules';
import { DEFAULT_AUTHORITY, SEVERITIES } from '../complaints/complaint-workflow.rules';
import {
  DEFAULT_ESCALATION_POLICY,
  MAX_LEVEL,
  RESOLUTION_LADDER,
  type Audience,
  type EscalationPolicy,
} from '../complaints/escalation.rules';
import { STAFF_ACCOUNT_ROLES } from '../admin/admin.rules';
import { INTERACTION_TYPES } from '../interactions/intake.rules';
import { DEFAULT_CALENDAR } from '../complaints/sla-clock.rules';
import { CONFIGURABLE_STEPS, STEP_HOURS_LIMITS } from '../complaints/complaint-steps.rules';
import { errorKey, type FieldErrors } from '@/server/error-keys';
import { activityMessage, type ActivityMessage } from '@/lib/activity';

/**
 * Validation of the complaint clock's configuration (SPEC §4: "clocks are configurable, with business hours";
 * 核决权限 by severity). Pure: the service parses with these, then writes. Every shape here is the one the engine
 * already reads — `businessHours` (business-calendar.ts), `approvalAuthority` (complaint.service.ts), `escalation`
 * (escalation.service.ts), SlaRule rows (sla.service.ts) — so a saved value is what the next triage uses.
 * Messages are keyed like the form's fields (BAD_USER_INPUT `fields`).
 */

/** Staff roles that may hold approval authority; a portal account (CUSTOMER) never does. */
export const AUTHORITY_ROLES = STAFF_ACCOUNT_ROLES satisfies readonly WorkflowRole[];

/** The years the company calendar (and the annual satisfaction index) may be read or filled for. */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;
export const isCalendarYear = (year: number) =>
  Number.isInteger(year) && year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max;

// Bounds: the clock counts business hours (9 a day by default). Triage beyond two working weeks or a resolution
// target beyond a working year is a typing error, not a policy.
export const BOUNDS = {
  triageHours: { min: 1, max: 80 },
  resolutionHours: { min: 1, max: 2000 },
  callbackDays: { min: 1, max: 30 },
  dueSoonHours: { min: 1, max: 80 },
  overduePeriodHours: { min: 1, max: 200 },
  calendarRangeDays: 31,
  calendarNameLength: 50,
} as const;

const int = (_label: string, { min, max }: { min: number; max: number }) =>
  z
    .number()
    .int({ message: errorKey('validation.notInteger') })
    .min(min)
    .max(max);

// ───────────────────────────── SLA rules ─────────────────────────────

export const ZSlaRuleInput = z
  .object({
    interactionType: z
      .enum(INTERACTION_TYPES)
      .nullish()
      .transform((v) => v ?? null),
    severity: z
      .enum(SEVERITIES)
      .nullish()
      .transform((v) => v ?? null),
    keyAccount: z
      .boolean()
      .nullish()
      .transform((v) => v ?? null),
    triageHours: int('分派时限（小时）', BOUNDS.triageHours),
    resolutionHours: int('处理时限（小时）', BOUNDS.resolutionHours),
    callbackDays: int('回访天数', BOUNDS.callbackDays),
    // Hours per waiting step; steps left out take the defaults (complaint-steps.rules.ts).
    stepHours: z
      .array(z.object({ step: z.enum(CONFIGURABLE_STEPS), hours: int('步骤时限（小时）', STEP_HOURS_LIMITS) }))
      .nullish()
      // Left out (an older client): the rule keeps its hours per step.
      .transform((list) => (list ? Object.fromEntries(list.map(({ step, hours }) => [step, hours])) : undefined)),
  })
  // Severity is set at triage of a complaint only: a severity on another type's rule would never match.
  .refine((r) => r.severity === null || r.interactionType === null || r.interactionType === 'COMPLAINT', {
    message: errorKey('serviceRules.severityComplaintOnly'),
    path: ['severity'],
  })
  .refine((r) => r.resolutionHours >= r.triageHours, {
    message: errorKey('serviceRules.resolutionBeforeTriage'),
    path: ['resolutionHours'],
  });
export type TSlaRuleInput = z.output<typeof ZSlaRuleInput>;

export type SlaRuleKey = { interactionType: string | null; severity: string | null; keyAccount: boolean | null };

/** Two rules with the same (type, severity, key account) — null meaning "any": one of them could never matter. */
export const sameSlaKey = (a: SlaRuleKey, b: SlaRuleKey) =>
  a.interactionType === b.interactionType && a.severity === b.severity && a.keyAccount === b.keyAccount;

/** "投诉 / 重大 / 重要客户", for messages and the history. */
/** The rule's conditions for the history, language-neutral ('ANY' where a condition is left open). */
export function slaKeyMessage(key: SlaRuleKey): ActivityMessage {
  return activityMessage('serviceRules.slaRule', {
    type: key.interactionType ?? 'ANY',
    severity: key.severity ?? 'ANY',
    keyAccount: key.keyAccount === null ? 'ANY' : String(key.keyAccount),
  });
}

export function describeSlaKey(key: SlaRuleKey): string {
  const type = key.interactionType ? TYPE_LABEL[key.interactionType] : '任意类型';
  const severity = key.severity ? SEVERITY_LABEL[key.severity] : '任意严重程度';
  const account = key.keyAccount === null ? '任意客户' : key.keyAccount ? '重要客户' : '非重要客户';
  return `${type} / ${severity} / ${account}`;
}
const TYPE_LABEL: Record<string, string> = {
  CONSULTATION: '咨询',
  INQUIRY: '查询',
  COMPLAINT: '投诉',
  SUGGESTION: '建议',
};
const SEVERITY_LABEL: Record<string, string> = { GENERAL: '一般', MAJOR: '重大', CRISIS: '危机' };

// ───────────────────────────── Business hours ─────────────────────────────

export type BusinessHoursValue = { timeZone: string; days: number[]; start: string; end: string };

/** True for a time zone the runtime knows by its IANA name ("Asia/Shanghai"); offsets like "+08:00" are refused. */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A time of day as the business-hours setting stores it ("08:30"; "24:00" for a day that ends at midnight). */
export const HOUR_MINUTE = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
export const minutesOf = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

export const ZBusinessHoursInput = z
  .object({
    timeZone: z
      .string()
      .trim()
      .min(1, { message: errorKey('validation.required') })
      .refine(isIanaTimeZone, { message: errorKey('serviceRules.timeZoneInvalid') }),
    days: z
      .array(
        z
          .number()
          .int()
          .min(1, { message: errorKey('serviceRules.weekdayInvalid') })
          .max(7, { message: errorKey('serviceRules.weekdayInvalid') }),
      )
      .min(1, { message: errorKey('serviceRules.workdayRequired') })
      .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
    start: z.string().regex(HOUR_MINUTE, { message: errorKey('serviceRules.timeFormat') }),
    end: z.string().regex(HOUR_MINUTE, { message: errorKey('serviceRules.timeFormat') }),
  })
  .refine((h) => !HOUR_MINUTE.test(h.start) || !HOUR_MINUTE.test(h.end) || minutesOf(h.end) > minutesOf(h.start), {
    message: errorKey('serviceRules.endBeforeStart'),
    path: ['end'],
  });

/** The stored `businessHours` setting read defensively, with the clock's own defaults where something is missing. */
export function businessHoursOf(value: unknown): BusinessHoursValue {
  const v = (value && typeof value === 'object' ? value : {}) as Partial<Record<keyof BusinessHoursValue, unknown>>;
  return {
    timeZone: typeof v.timeZone === 'string' ? v.timeZone : (process.env.KEFU_TIME_ZONE ?? DEFAULT_CALENDAR.timeZone),
    days:
      Array.isArray(v.days) && v.days.every((d) => typeof d === 'number')
        ? (v.days as number[])
        : [...DEFAULT_CALENDAR.workdays],
    start: typeof v.start === 'string' ? v.start : DEFAULT_CALENDAR.start,
    end: typeof v.end === 'string' ? v.end : DEFAULT_CALENDAR.end,
  };
}

// ───────────────────────────── Calendar ─────────────────────────────

const ISO_DAY = 24 * 60 * 60 * 1000;
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

const ZDayName = z
  .string()
  .trim()
  .min(1, { message: errorKey('serviceRules.calendarNameRequired') })
  .max(BOUNDS.calendarNameLength);

export const ZCalendarDayInput = z.object({ isWorkday: z.boolean(), name: ZDayName });

export const ZAddCalendarDaysInput = z
  .object({ from: z.date(), to: z.date().nullish(), isWorkday: z.boolean(), name: ZDayName })
  .refine((r) => !r.to || r.to >= r.from, { message: errorKey('customer.endBeforeStart'), path: ['to'] })
  .refine((r) => !r.to || (r.to.getTime() - r.from.getTime()) / ISO_DAY < BOUNDS.calendarRangeDays, {
    message: errorKey('serviceRules.rangeTooLong'),
    path: ['to'],
  });

/** The dates from `from` to `to` inclusive (Date scalars are UTC midnights). */
export function datesInRange(from: Date, to: Date | null | undefined): Date[] {
  const out: Date[] = [];
  for (let t = from.getTime(); t <= (to ?? from).getTime(); t += ISO_DAY) out.push(new Date(t));
  return out;
}

// ───────────────────────────── 核决权限 ─────────────────────────────

export type SeverityAuthorityInput = { severity: string; approve: readonly string[]; close: readonly string[] };

/**
 * One entry per severity, each naming at least one staff role that approves the disposition and one that confirms the
 * closure (SPEC §4: "who may approve the disposition and the close"). Stored as the engine's ApprovalAuthority.
 */
export function parseApprovalAuthority(
  input: readonly SeverityAuthorityInput[],
): { ok: true; value: ApprovalAuthority } | { ok: false; fields: FieldErrors } {
  const fields: FieldErrors = {};
  const seen = new Map<string, SeverityAuthorityInput>();
  for (const entry of input) {
    if (!(SEVERITIES as readonly string[]).includes(entry.severity))
      fields[entry.severity || '_'] = { key: 'serviceRules.severityUnknown' };
    else if (seen.has(entry.severity)) fields[entry.severity] = { key: 'serviceRules.severityRepeated' };
    else seen.set(entry.severity, entry);
  }
  const roles = (list: readonly string[]) => [...new Set(list)];
  const known = (list: readonly string[]) => list.every((r) => (AUTHORITY_ROLES as readonly string[]).includes(r));
  for (const severity of SEVERITIES) {
    const entry = seen.get(severity);
    if (!entry) {
      fields[severity] ??= { key: 'serviceRules.authorityMissing', params: { severity } };
      continue;
    }
    for (const part of ['approve', 'close'] as const) {
      const list = roles(entry[part]);
      if (list.length === 0)
        fields[`${severity}.${part}`] = {
          key: part === 'approve' ? 'serviceRules.approverRequired' : 'serviceRules.closerRequired',
        };
      else if (!known(list)) fields[`${severity}.${part}`] = { key: 'serviceRules.roleInvalid' };
    }
  }
  if (Object.keys(fields).length) return { ok: false, fields };
  // Stored in the roles' fixed order, so the same choice always compares equal in the history.
  const order = (list: readonly string[]) => AUTHORITY_ROLES.filter((r) => list.includes(r));
  const of = (severity: Severity) => ({
    approve: order(seen.get(severity)!.approve),
    close: order(seen.get(severity)!.close),
  });
  return { ok: true, value: { GENERAL: of('GENERAL'), MAJOR: of('MAJOR'), CRISIS: of('CRISIS') } };
}

/** The stored `approvalAuthority` setting, or the workflow's default (the engine falls back the same way). */
export function approvalAuthorityOf(value: unknown): ApprovalAuthority {
  const v = value as Partial<ApprovalAuthority> | null | undefined;
  if (!v || typeof v !== 'object') return DEFAULT_AUTHORITY;
  const of = (s: Severity) => {
    const entry = v[s];
    return entry && Array.isArray(entry.approve) && Array.isArray(entry.close) ? entry : DEFAULT_AUTHORITY[s];
  };
  return { GENERAL: of('GENERAL'), MAJOR: of('MAJOR'), CRISIS: of('CRISIS') };
}

// ───────────────────────────── Escalation ─────────────────────────────

export const ZEscalationPolicyInput = z.object({
  dueSoonHours: int('临期提醒（小时）', BOUNDS.dueSoonHours),
  overduePeriodHours: int('逐级升级间隔（小时）', BOUNDS.overduePeriodHours),
});

/** The `escalation` setting as the sweep reads it (escalation.service.ts: positive numbers, else the default). */
export function escalationPolicyOf(value: unknown): EscalationPolicy {
  const v = (value && typeof value === 'object' ? value : {}) as Partial<Record<keyof EscalationPolicy, unknown>>;
  const positive = (n: unknown, fallback: number) => (typeof n === 'number' && n > 0 ? n : fallback);
  return {
    dueSoonHours: positive(v.dueSoonHours, DEFAULT_ESCALATION_POLICY.dueSoonHours),
    overduePeriodHours: positive(v.overduePeriodHours, DEFAULT_ESCALATION_POLICY.overduePeriodHours),
  };
}

/**
 * The RESOLUTION_OVERDUE ladder under a policy: level n is reached (n − 1) periods after the due time (overdueLevel in
 * escalation.rules.ts), so the thresholds increase by construction; who each level reaches is fixed by the engine.
 */
export function escalationLadder(
  policy: EscalationPolicy,
): { level: number; afterOverdueHours: number; audience: Audience[] }[] {
  return Array.from({ length: MAX_LEVEL }, (_, i) => ({
    level: i + 1,
    afterOverdueHours: i * policy.overduePeriodHours,
    audience: [...RESOLUTION_LADDER[(i + 1) as 1 | 2 | 3 | 4]],
  }));
}
