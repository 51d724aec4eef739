import { TZDate } from '@date-fns/tz';

/**
 * The business-hours clock of SPEC §4: "responsible department decided within 4 hours of registration", resolution
 * targets per severity, key accounts on a faster clock — counted in working hours of the company's calendar
 * (Asia/Shanghai by default), skipping nights, weekends and public holidays, and counting make-up working days (调休).
 * Pure functions: the hard cases are unit-tested without a database.
 */
export type BusinessCalendar = {
  timeZone: string;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workdays: readonly number[];
  /** Working hours, local "HH:mm". */
  start: string;
  end: string;
  /** Local dates "YYYY-MM-DD" that are not working days although their weekday is (public holidays). */
  holidays: ReadonlySet<string>;
  /** Local dates that are working days although their weekday is not (调休 make-up days). */
  extraWorkdays: ReadonlySet<string>;
};

export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  workdays: [1, 2, 3, 4, 5],
  start: '08:30',
  end: '17:30',
  holidays: new Set(),
  extraWorkdays: new Set(),
};

const MINUTE = 60_000;

function parseHm(hm: string): [number, number] {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hm);
  if (!match) throw new Error(`Invalid time of day: ${hm}`);
  const [h, m] = [Number(match[1]), Number(match[2])];
  if (h > 24 || m > 59) throw new Error(`Invalid time of day: ${hm}`);
  return [h, m];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar date of an instant, as "YYYY-MM-DD", in the calendar's zone. */
export function localDate(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** Whether a local date "YYYY-MM-DD" (ISO weekday 1–7) is a working day of the calendar. */
export function isWorkingDay(date: string, weekday: number, cal: BusinessCalendar): boolean {
  if (cal.extraWorkdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  return cal.workdays.includes(weekday);
}

/** The working window [open, close) of the local day containing `instant`, or null on a day off. */
function windowOfDay(instant: Date, cal: BusinessCalendar): { open: number; close: number } | null {
  const local = new TZDate(instant.getTime(), cal.timeZone);
  const y = local.getFullYear();
  const mo = local.getMonth();
  const d = local.getDate();
  const weekday = local.getDay() === 0 ? 7 : local.getDay();
  if (!isWorkingDay(`${y}-${pad(mo + 1)}-${pad(d)}`, weekday, cal)) return null;
  const [sh, sm] = parseHm(cal.start);
  const [eh, em] = parseHm(cal.end);
  return {
    open: new TZDate(y, mo, d, sh, sm, cal.timeZone).getTime(),
    close: new TZDate(y, mo, d, eh, em, cal.timeZone).getTime(),
  };
}

/** Local midnight starting the day after the one containing `instant`. */
function startOfNextDay(instant: number, cal: BusinessCalendar): number {
  const local = new TZDate(instant, cal.timeZone);
  return new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, 0, 0, cal.timeZone).getTime();
}

const MAX_DAYS = 3660; // a calendar with no working time must not loop forever

/** The instant `hours` working hours after `from`; from outside working hours the clock starts at the next opening. */
export function addBusinessHours(from: Date, hours: number, cal: BusinessCalendar = DEFAULT_CALENDAR): Date {
  if (!(hours >= 0)) throw new Error('hours must be ≥ 0');
  let remaining = Math.round(hours * 60) * MINUTE;
  let cursor = from.getTime();
  for (let day = 0; day < MAX_DAYS; day++) {
    const window = windowOfDay(new Date(cursor), cal);
    if (window) {
      const begin = Math.max(window.open, cursor);
      if (begin <= window.close) {
        if (remaining <= window.close - begin) return new Date(begin + remaining);
        remaining -= window.close - begin;
      }
    }
    cursor = startOfNextDay(cursor, cal);
  }
  throw new Error('The business calendar has no working time within ten years');
}

/** Working hours between two instants (negative when `to` is before `from`): "how much is left" on a due time. */
export function businessHoursBetween(from: Date, to: Date, cal: BusinessCalendar = DEFAULT_CALENDAR): number {
  if (to < from) return -businessHoursBetween(to, from, cal);
  let total = 0;
  for (
    let cursor = from.getTime(), day = 0;
    cursor < to.getTime() && day < MAX_DAYS;
    cursor = startOfNextDay(cursor, cal), day++
  ) {
    const window = windowOfDay(new Date(cursor), cal);
    if (window) total += Math.max(0, Math.min(window.close, to.getTime()) - Math.max(window.open, cursor));
  }
  return total / (60 * MINUTE);
}

/** Local midnight starting the day that contains `instant`. */
function startOfDay(instant: number, cal: BusinessCalendar): number {
  const local = new TZDate(instant, cal.timeZone);
  return new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), 0, 0, cal.timeZone).getTime();
}

/**
 * The earliest instant from which at most `hours` working hours are left until `to` (businessHoursBetween(t, to) ≤
 * hours): where a "due within N working hours" warning starts. Walks back from `to` one local day at a time. The time
 * off before an opening costs no working time, so a window that would begin at an opening begins at the previous
 * working day's close.
 */
export function businessHoursBefore(to: Date, hours: number, cal: BusinessCalendar = DEFAULT_CALENDAR): Date {
  if (!(hours >= 0)) throw new Error('hours must be ≥ 0');
  let remaining = hours * 60 * MINUTE;
  let cursor = to.getTime();
  for (let day = 0; day < MAX_DAYS; day++) {
    const window = windowOfDay(new Date(cursor), cal);
    if (window) {
      const end = Math.min(window.close, cursor);
      if (end > window.open) {
        if (remaining < end - window.open) return new Date(end - remaining);
        remaining -= end - window.open;
      }
    }
    cursor = startOfDay(cursor, cal) - 1;
  }
  throw new Error('The business calendar has no working time within ten years');
}

export type SlaRuleLike = {
  interactionType: string | null;
  severity: string | null;
  keyAccount: boolean | null;
  triageHours: number;
  resolutionHours: number;
  callbackDays: number;
};

export type SlaRecord = { type: string; severity: string | null; keyAccount: boolean };

/** How specific a rule is: its type counts 1, its severity 2, its key-account condition 4. */
const specificity = (rule: SlaRuleLike) =>
  (rule.interactionType !== null ? 1 : 0) + (rule.severity !== null ? 2 : 0) + (rule.keyAccount !== null ? 4 : 0);

/**
 * The rules a record runs under: each whose set fields all match (null = any). A key account also runs under the rules
 * for other customers (`keyAccount: false`), so it is never served more slowly than they are (SPEC §2).
 */
export function matchingSlaRules<R extends SlaRuleLike>(rules: readonly R[], record: SlaRecord): R[] {
  return rules.filter(
    (rule) =>
      (rule.interactionType === null || rule.interactionType === record.type) &&
      (rule.severity === null || rule.severity === record.severity) &&
      (rule.keyAccount === null || rule.keyAccount === record.keyAccount || record.keyAccount),
  );
}

/** A record's targets and the rule each comes from. */
export type SlaTargets<R> = {
  triageHours: number;
  resolutionHours: number;
  callbackDays: number;
  /** The rule of the resolution target: the one the record is said to run on. */
  rule: R;
  triageRule: R;
  callbackRule: R;
  /** Every rule that matched, the winner of the resolution target first. */
  matching: R[];
};

/**
 * When several rules match, each target is the shortest of theirs (SPEC §2, §4): a key account's crisis complaint runs
 * on the crisis rule's 1 h / 8 h when that is faster than the key-account rule, and adding a condition (key account,
 * a severity) never makes a due time later. On equal targets the more specific rule is named. Null when none matches.
 */
export function slaTargets<R extends SlaRuleLike>(rules: readonly R[], record: SlaRecord): SlaTargets<R> | null {
  const matching = matchingSlaRules(rules, record);
  if (!matching.length) return null;
  const shortest = (hours: (rule: R) => number) =>
    matching.reduce((best, rule) => {
      const [a, b] = [hours(rule), hours(best)];
      return a < b || (a === b && specificity(rule) > specificity(best)) ? rule : best;
    });
  const rule = shortest((r) => r.resolutionHours);
  const triageRule = shortest((r) => r.triageHours);
  const callbackRule = shortest((r) => r.callbackDays);
  return {
    triageHours: triageRule.triageHours,
    resolutionHours: rule.resolutionHours,
    callbackDays: callbackRule.callbackDays,
    rule,
    triageRule,
    callbackRule,
    matching: [rule, ...matching.filter((r) => r !== rule)],
  };
}

/** Due times of a record registered at `registeredAt` under `rule`. The callback is due N calendar days after resolution. */
export function dueTimes(registeredAt: Date, rule: SlaRuleLike, cal: BusinessCalendar = DEFAULT_CALENDAR) {
  return {
    triageDueAt: addBusinessHours(registeredAt, rule.triageHours, cal),
    resolutionDueAt: addBusinessHours(registeredAt, rule.resolutionHours, cal),
  };
}

export function callbackDueAt(resolvedAt: Date, rule: Pick<SlaRuleLike, 'callbackDays'>): Date {
  return new Date(resolvedAt.getTime() + rule.callbackDays * 24 * 60 * MINUTE);
}
