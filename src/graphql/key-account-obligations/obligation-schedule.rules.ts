import { TZDate } from '@date-fns/tz';
import { addMonths, addWeeks, getDaysInMonth, isLastDayOfMonth, setDate } from 'date-fns';

/**
 * Key-account obligations as scheduled work (SPEC §2, 001 第五章 §7.2–7.7, 001 §6.2): what each kind of perk repeats
 * on, the defaults, and the due-date arithmetic. Client-safe (no Prisma, no server imports): the service and the
 * service-rules tab read the same kinds, units and limits.
 */

export const OBLIGATION_KINDS = [
  'CALLBACK',
  'LEADERSHIP_VISIT',
  'QUALITY_REPORT',
  'TRAINING',
  'PRICING_REVIEW',
  'EXCHANGE_SUMMARY',
] as const;
export type ObligationKindName = (typeof OBLIGATION_KINDS)[number];

export const SCHEDULE_UNITS = ['WEEK', 'MONTH'] as const;
export type ScheduleUnit = (typeof SCHEDULE_UNITS)[number];

/** "Every N weeks/months"; null: on request only (no schedule). */
export type ObligationSchedule = { every: number; unit: ScheduleUnit } | null;
export type ObligationSchedules = Record<ObligationKindName, ObligationSchedule>;

/** Shortest interval a schedule may name: every one week or month. */
export const SCHEDULE_MIN = 1;
/** Largest interval a schedule may name, per unit (two years). */
export const SCHEDULE_MAX: Record<ScheduleUnit, number> = { WEEK: 104, MONTH: 24 };
/** Longest completion note and reschedule reason. */
export const OBLIGATION_NOTE_MAX = 2000;
/** Days after its due time an open obligation is escalated a second time (to the service managers). */
export const OBLIGATION_LEVEL2_DAYS = 7;
/** The setting key of the schedules (table Setting). */
export const OBLIGATION_SCHEDULE_SETTING = 'key-account-obligation-schedule';

/**
 * Defaults [001 第五章 §7.2–7.7, 001 §6.2]: a phone callback monthly, a leadership visit by middle/senior managers
 * quarterly, a quality-analysis report on request, a training offer half-yearly, the periodical (客户服务交流信息)
 * quarterly, the preferential-price note reviewed yearly.
 */
export const DEFAULT_OBLIGATION_SCHEDULES: ObligationSchedules = {
  CALLBACK: { every: 1, unit: 'MONTH' },
  LEADERSHIP_VISIT: { every: 3, unit: 'MONTH' },
  QUALITY_REPORT: null,
  TRAINING: { every: 6, unit: 'MONTH' },
  PRICING_REVIEW: { every: 12, unit: 'MONTH' },
  EXCHANGE_SUMMARY: { every: 3, unit: 'MONTH' },
};

/** Kinds done through the callback flow (a Callback task carries them). */
export const isCallbackKind = (kind: ObligationKindName) => kind === 'CALLBACK';

function validSchedule(value: unknown): value is NonNullable<ObligationSchedule> {
  if (!value || typeof value !== 'object') return false;
  const { every, unit } = value as { every?: unknown; unit?: unknown };
  return (
    typeof unit === 'string' &&
    (SCHEDULE_UNITS as readonly string[]).includes(unit) &&
    Number.isInteger(every) &&
    (every as number) >= SCHEDULE_MIN &&
    (every as number) <= SCHEDULE_MAX[unit as ScheduleUnit]
  );
}

/** The stored setting read leniently: a kind missing or malformed falls back to its default. */
export function schedulesOf(stored: unknown): ObligationSchedules {
  const value = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const out = { ...DEFAULT_OBLIGATION_SCHEDULES };
  for (const kind of OBLIGATION_KINDS) {
    if (!(kind in value)) continue;
    const s = value[kind];
    if (s === null) out[kind] = null;
    else if (validSchedule(s)) out[kind] = { every: s.every, unit: s.unit };
  }
  return out;
}

export type ScheduleInputRow = { kind: string; every?: number | null; unit?: string | null };

/**
 * Validates an edit of the schedules: every kind at most once; a row without `every` makes the kind on request.
 * Returns the schedules or the first offending kind.
 */
export function parseSchedules(
  rows: readonly ScheduleInputRow[],
  current: ObligationSchedules,
): { ok: true; schedules: ObligationSchedules } | { ok: false; kind: string } {
  const out = { ...current };
  const seen = new Set<string>();
  for (const row of rows) {
    if (!(OBLIGATION_KINDS as readonly string[]).includes(row.kind) || seen.has(row.kind))
      return { ok: false, kind: row.kind };
    seen.add(row.kind);
    const kind = row.kind as ObligationKindName;
    if (row.every == null) {
      out[kind] = null;
      continue;
    }
    const candidate = { every: row.every, unit: row.unit ?? 'MONTH' };
    if (!validSchedule(candidate)) return { ok: false, kind };
    out[kind] = { every: candidate.every, unit: candidate.unit as ScheduleUnit };
  }
  return { ok: true, schedules: out };
}

/**
 * One step of a schedule from `from`, counted in the wall clock of `timeZone` (the time of day stays). Month steps are
 * month-end safe: Jan 31 + 1 month is Feb 28 (29 in a leap year), and a due date on the last day of its month stays on
 * the last day (Feb 28 → Mar 31), so a schedule anchored at a month's end does not drift to the 28th.
 */
export function stepSchedule(from: Date, schedule: NonNullable<ObligationSchedule>, timeZone: string): Date {
  const local = new TZDate(from.getTime(), timeZone);
  if (schedule.unit === 'WEEK') return new Date(addWeeks(local, schedule.every).getTime());
  const next = addMonths(local, schedule.every);
  if (!isLastDayOfMonth(local)) return new Date(next.getTime());
  return new Date(setDate(next, getDaysInMonth(next)).getTime());
}

/** The first due time of a scheduled kind: one step after the key account became active. */
export function firstDueAt(activatedAt: Date, schedule: NonNullable<ObligationSchedule>, timeZone: string): Date {
  return stepSchedule(activatedAt, schedule, timeZone);
}

/**
 * The due time of the occurrence after one that was due at `previousDueAt` and done at `doneAt`: stepped from the
 * previous due time (a late completion does not shift the schedule), but never at or before the completion itself —
 * occurrences that fell due while the work was late are skipped rather than piled up.
 */
export function nextDueAt(
  previousDueAt: Date,
  doneAt: Date,
  schedule: NonNullable<ObligationSchedule>,
  timeZone: string,
): Date {
  let next = stepSchedule(previousDueAt, schedule, timeZone);
  for (let i = 0; i < 1000 && next.getTime() <= doneAt.getTime(); i++) next = stepSchedule(next, schedule, timeZone);
  return next;
}

/** Overdue escalation levels due for an open obligation: 1 (the owner) at the due time, 2 (the service managers) later. */
export function dueObligationLevels(dueAt: Date, now: Date, takenLevel: number): number[] {
  const levels: number[] = [];
  if (takenLevel < 1 && dueAt.getTime() <= now.getTime()) levels.push(1);
  if (takenLevel < 2 && dueAt.getTime() + OBLIGATION_LEVEL2_DAYS * 86_400_000 <= now.getTime()) levels.push(2);
  return levels;
}
