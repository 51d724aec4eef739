import { TZDate } from '@date-fns/tz';
import { isWorkingDay, localDate, type BusinessCalendar } from '../complaints/sla-clock.rules';

/**
 * Visits (SPEC §7; 名翔 客户访问周期表 MS-S4-1903, 客户访问行程表 MS-S4-1904, 工作日志表 MS-S4-1902): how often each
 * customer is visited, when the next visit falls due, the weekly itinerary's submission deadline ("于每周五…呈营业部主管
 * 审核") and its states. Client-safe and pure: the service, the forms and the tests read the same rules and limits.
 */

export const CUSTOMER_GRADES = ['A', 'B', 'C', 'D'] as const;
export type GradeName = (typeof CUSTOMER_GRADES)[number];

/** Shortest and longest visit interval, in days. */
export const VISIT_INTERVAL_MIN = 1;
export const VISIT_INTERVAL_MAX = 365;
/** Longest free text of a plan line or a work log field. */
export const VISIT_TEXT_MAX = 2000;
/** Longest province name of a per-province rule. */
export const PROVINCE_NAME_MAX = 50;
/** ISO weekdays, 1 = Monday … 7 = Sunday: the itinerary deadline's day. */
export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Most visits on one weekly itinerary. */
export const ITINERARY_ITEMS_MAX = 60;
/** The due list looks this many days ahead by default (next week included). */
export const DUE_HORIZON_DAYS_DEFAULT = 14;
export const DUE_HORIZON_DAYS_MAX = 366;
/** The setting key of the visit rules (table Setting). */
export const VISIT_RULES_SETTING = 'visitCycles';
/** The escalation reason of an itinerary not submitted by its deadline (Escalation.reason). */
export const ITINERARY_LATE = 'ITINERARY_LATE';

/**
 * The state of the recompute of every cycle after a rules change (a queued job, src/server/queue): which rules version
 * was asked for, which one the job is computing, which one it finished. Stored as the `visitCyclesRecompute` setting.
 */
export const VISIT_RECOMPUTE_SETTING = 'visitCyclesRecompute';
export type RecomputeStatus = {
  requestedVersion?: number;
  requestedAt?: string;
  runningVersion?: number;
  startedAt?: string;
  doneVersion?: number;
  finishedAt?: string;
  customers?: number;
};
export type RecomputeState = 'IDLE' | 'QUEUED' | 'RUNNING' | 'DONE';

/** Whether the cycles follow the newest requested rules: done, being computed, waiting for the worker, or never asked. */
export function recomputeStateOf(s: RecomputeStatus): RecomputeState {
  const requested = s.requestedVersion ?? 0;
  if (requested === 0) return s.doneVersion ? 'DONE' : 'IDLE';
  if ((s.doneVersion ?? 0) >= requested) return 'DONE';
  if ((s.runningVersion ?? 0) >= requested) return 'RUNNING';
  return 'QUEUED';
}

export const ITINERARY_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED'] as const;
export type ItineraryStatusName = (typeof ITINERARY_STATUSES)[number];
export const VISIT_LOG_KINDS = ['VISIT', 'PHONE'] as const;
export type VisitLogKindName = (typeof VISIT_LOG_KINDS)[number];

/**
 * The service manager's visit rules: a frequency per segment (a key account, a grade, a province) and a default, and
 * the weekly itinerary's deadline (ISO weekday before the planned week, local time).
 */
export type VisitRules = {
  defaultDays: number;
  keyAccountDays: number | null;
  gradeDays: Partial<Record<GradeName, number>>;
  provinceDays: Record<string, number>;
  deadlineWeekday: number;
  deadlineTime: string;
};

/** Defaults: key accounts every two weeks, A monthly, B every six weeks, C quarterly, D half-yearly; Friday 18:00. */
export const DEFAULT_VISIT_RULES: VisitRules = {
  defaultDays: 90,
  keyAccountDays: 14,
  gradeDays: { A: 30, B: 45, C: 90, D: 180 },
  provinceDays: {},
  deadlineWeekday: 5,
  deadlineTime: '18:00',
};

const validDays = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= VISIT_INTERVAL_MIN && (v as number) <= VISIT_INTERVAL_MAX;
/** "HH:mm", 00:00–23:59: the itinerary deadline's time of day. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The field a rule set fails on, or null when it is valid. */
export function visitRulesProblem(r: VisitRules): string | null {
  if (!validDays(r.defaultDays)) return 'defaultDays';
  if (r.keyAccountDays !== null && !validDays(r.keyAccountDays)) return 'keyAccountDays';
  for (const [grade, days] of Object.entries(r.gradeDays))
    if (!(CUSTOMER_GRADES as readonly string[]).includes(grade) || !validDays(days)) return 'gradeDays';
  for (const [province, days] of Object.entries(r.provinceDays))
    if (!province.trim() || province.length > PROVINCE_NAME_MAX || !validDays(days)) return 'provinceDays';
  if (!(ISO_WEEKDAYS as readonly number[]).includes(r.deadlineWeekday)) return 'deadlineWeekday';
  if (!TIME_OF_DAY.test(r.deadlineTime)) return 'deadlineTime';
  return null;
}

/** The stored setting read leniently: anything missing or invalid falls back to the default. */
export function visitRulesOf(value: unknown): VisitRules {
  if (!value || typeof value !== 'object') return DEFAULT_VISIT_RULES;
  const merged = { ...DEFAULT_VISIT_RULES, ...(value as Partial<VisitRules>) };
  return visitRulesProblem(merged) === null ? merged : DEFAULT_VISIT_RULES;
}

export type Segment = { grade: GradeName | null; keyAccount: boolean; province: string | null };

/** A customer's visit interval: their own frequency first, then key account, grade, province, the default. */
export function intervalDaysFor(segment: Segment, rules: VisitRules, customDays: number | null = null): number {
  if (customDays !== null) return customDays;
  if (segment.keyAccount && rules.keyAccountDays !== null) return rules.keyAccountDays;
  if (segment.grade && rules.gradeDays[segment.grade] !== undefined) return rules.gradeDays[segment.grade]!;
  if (segment.province && rules.provinceDays[segment.province] !== undefined)
    return rules.provinceDays[segment.province]!;
  return rules.defaultDays;
}

// ───────────────────────────── calendar dates ("YYYY-MM-DD") ─────────────────────────────

const pad = (n: number) => String(n).padStart(2, '0');
const utcOf = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
const dateOfUtc = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** A calendar date plus (or minus) whole days: month ends and leap years by the calendar. */
export const addDaysTo = (date: string, days: number) => dateOfUtc(utcOf(date) + days * 86_400_000);
/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export const weekdayOf = (date: string) => {
  const d = new Date(utcOf(date)).getUTCDay();
  return d === 0 ? 7 : d;
};
const working = (date: string, cal: BusinessCalendar) => isWorkingDay(date, weekdayOf(date), cal);

/** The latest working day on or before a date (a visit due on a holiday falls due the working day before). */
export function workingDayOnOrBefore(date: string, cal: BusinessCalendar): string {
  let d = date;
  // A calendar always has working days; two weeks bounds the longest holiday (春节 with its weekends).
  for (let i = 0; i < 30 && !working(d, cal); i++) d = addDaysTo(d, -1);
  return d;
}

/** Monday of the week a date falls in. */
export const weekStartOf = (date: string) => addDaysTo(date, 1 - weekdayOf(date));
/** Monday of the week after the one an instant falls in (local to the calendar): the week an itinerary plans. */
// ───── the rules form (服务规则 → 客户访问周期): what a manager types ─────

/** Days typed into a field: '' is "no rule" (null); anything else must be a whole number in range. */
export function daysOf(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (!/^\d+$/.test(trimmed)) return 'invalid';
  const n = Number(trimmed);
  return n >= VISIT_INTERVAL_MIN && n <= VISIT_INTERVAL_MAX ? n : 'invalid';
}

/** "浙江 60" a line (name, space or colon, days); the line numbers of lines that do not read so. */
export function parseProvinceLines(text: string): { rows: { province: string; days: number }[]; bad: number[] } {
  const rows: { province: string; days: number }[] = [];
  const bad: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const match = /^\s*(.+?)\s*[:：\s]\s*(\d+)\s*$/.exec(line);
    const days = match ? daysOf(match[2]!) : 'invalid';
    if (!match || typeof days !== 'number' || match[1]!.length > PROVINCE_NAME_MAX) bad.push(i + 1);
    else rows.push({ province: match[1]!, days });
  });
  return { rows, bad };
}

/** Days from a date to the Sunday that ends its week (the 工作台's "due this week"): 6 on a Monday, 0 on a Sunday. */
export const daysToWeekEnd = (date: string) => 7 - weekdayOf(date);

export const nextWeekStart = (now: Date, timeZone: string) => addDaysTo(weekStartOf(localDate(now, timeZone)), 7);

/** The instant a local date and "HH:mm" stand for in a zone. */
export function instantOf(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, h, min, timeZone).getTime());
}

/**
 * The next due visit (a local date): the last visit (or, never visited, the day the cycle started) plus the
 * interval, moved to the working day before when it falls on a weekend or holiday.
 */
export function nextDueDate(lastVisit: string, intervalDays: number, cal: BusinessCalendar): string {
  return workingDayOnOrBefore(addDaysTo(lastVisit, intervalDays), cal);
}

/** The due time stored for a due date: the start of that local day (so "due today" is due from midnight). */
export const dueInstant = (date: string, cal: BusinessCalendar) => instantOf(date, '00:00', cal.timeZone);

export type DueState = 'OVERDUE' | 'DUE_TODAY' | 'UPCOMING';

/** Overdue before today, due today, or still ahead (local dates of the calendar). */
export function dueStateOf(dueDate: string, today: string): DueState {
  if (dueDate < today) return 'OVERDUE';
  return dueDate === today ? 'DUE_TODAY' : 'UPCOMING';
}

/**
 * The submission deadline of the itinerary for the week starting `weekStart` (a Monday): the configured weekday of the
 * week before at the configured time; on a holiday or day off, the working day before (a Friday holiday moves it to
 * Thursday).
 */
export function itineraryDeadline(
  weekStart: string,
  rules: Pick<VisitRules, 'deadlineWeekday' | 'deadlineTime'>,
  cal: BusinessCalendar,
): Date {
  const day = workingDayOnOrBefore(addDaysTo(weekStart, rules.deadlineWeekday - 8), cal);
  return instantOf(day, rules.deadlineTime, cal.timeZone);
}

/** Submitted after the deadline. */
export const isLate = (submittedAt: Date, deadline: Date) => submittedAt.getTime() > deadline.getTime();

/** What may happen to an itinerary in a state: the salesperson edits DRAFT/REJECTED, the manager decides SUBMITTED. */
export const itineraryEditable = (status: ItineraryStatusName) => status === 'DRAFT' || status === 'REJECTED';
export const itineraryDecidable = (status: ItineraryStatusName) => status === 'SUBMITTED';
/** An approved itinerary is changed only as a new revision (back to DRAFT, the approved one kept in the history). */
export const itineraryRevisable = (status: ItineraryStatusName) => status === 'APPROVED';

/** A planned visit must fall inside the planned week (Monday to Sunday, local dates). */
export const insideWeek = (date: string, weekStart: string) => date >= weekStart && date <= addDaysTo(weekStart, 6);

/** The seven local dates of a week, Monday first (the week grid's columns). */
export const weekDays = (weekStart: string) => Array.from({ length: 7 }, (_, i) => addDaysTo(weekStart, i));

/** "YYYY-MM" → the first day of the month and of the next (local dates). */
export function monthBounds(month: string): { from: string; to: string } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return { from: `${y}-${pad(mo)}-01`, to: mo === 12 ? `${y + 1}-01-01` : `${y}-${pad(mo + 1)}-01` };
}

/** Planned vs done as a share (0–1), null when nothing was planned. */
export const completionRate = (planned: number, done: number) => (planned > 0 ? Math.min(1, done / planned) : null);
