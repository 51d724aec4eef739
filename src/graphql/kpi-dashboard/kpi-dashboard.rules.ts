import { TZDate } from '@date-fns/tz';
import { CAUSE_CLASSES, SEVERITIES } from '../complaints/complaint-workflow.rules';

/**
 * KPI dashboard (SPEC §9, issue 14 item 2): the pure definitions of every figure. Client-safe (the screen shows the
 * same definitions and builds its drill-down links from the same periods). The definitions (medians, percentiles,
 * on time, repeats, rates, comparisons) are decided here and unit-tested by hand; the service computes them in SQL on
 * the rollup (kpi-fact.service.ts), and tests/integration/kpi-facts.test.ts checks the two agree on the records.
 *
 * Definitions:
 * - A period is a calendar month ("2026-11"), quarter ("2026-Q4") or year ("2026") in Asia/Shanghai: [from, to) from
 *   local midnight of its first day to that of the next period's first day. Beside it: the previous period of the same
 *   length, and the same period a year earlier.
 * - Complaints of a period: complaints registered in it. Time-dependent figures (on time, durations) are counted as
 *   of the period's end, or now while it runs.
 * - Complaint rate per 100 customers served: complaints × 100 ÷ distinct customers with any intake (complaint,
 *   consultation, inquiry, suggestion) registered in the period; null without any.
 * - Complaint rate per contract volume: complaints ÷ (sum of the amounts of contracts signed in the period ÷
 *   CONTRACT_VOLUME_UNIT, i.e. per ¥1,000,000); null without contracts.
 * - Durations: business hours of the company calendar (the SLA clock) from registration to triage, to resolution, to
 *   closure; median and 90th percentile (linear interpolation between closest ranks), over the complaints that reached
 *   the step by asOf; null when none did.
 * - On-time rate of a step with a due time (triage, resolution, callback): done by the due time ÷ (done with a due
 *   time + due by asOf and not done by then); null when none.
 * - Overdue now: open complaints whose resolution due time has passed (a current figure, no comparison).
 * - Repeat complaint: the same customer registered another complaint with the same cause class or the same
 *   product/part in the REPEAT_WINDOW_DAYS before it.
 */

export const REPEAT_WINDOW_DAYS = 90;

/**
 * The rollup (ComplaintKpiFact, kpi-fact.service.ts): complaints refreshed per transaction; the backlog of marked
 * complaints up to which a dashboard request refreshes them itself before it reads (so a figure includes every change
 * committed before the request); the backlog beyond which a refresh is a bulk one (first install, a calendar change,
 * an import) whose repeat flags are recomputed in one set-based pass at its end.
 */
export const KPI_FACT_BATCH = 1000;
export const KPI_FACT_ON_DEMAND_LIMIT = 500;
export const KPI_FACT_BULK_THRESHOLD = 5000;
export const CONTRACT_VOLUME_UNIT = 1_000_000;

/**
 * Dashboard snapshots (kpi-snapshot.service.ts): a staff member's dashboard is served from the last computation for the
 * same role, period and filter while it is younger than KPI_SNAPSHOT_MAX_AGE_SECONDS (the figures' staleness bound,
 * shown on the page as 数据更新于); the kpi-fact-refresh job recomputes the snapshots read within
 * KPI_SNAPSHOT_KEEP_WARM_HOURS before they reach that age, at most KPI_SNAPSHOT_REFRESH_LIMIT per run, and deletes
 * those unread for KPI_SNAPSHOT_FORGET_DAYS.
 */
export const KPI_SNAPSHOT_MAX_AGE_SECONDS = 300;
export const KPI_SNAPSHOT_REFRESH_AHEAD_SECONDS = 90;
export const KPI_SNAPSHOT_KEEP_WARM_HOURS = 2;
export const KPI_SNAPSHOT_REFRESH_LIMIT = 12;
export const KPI_SNAPSHOT_FORGET_DAYS = 7;
export const MEDIAN = 0.5;
export const P90 = 0.9;

export type PeriodKind = 'MONTH' | 'QUARTER' | 'YEAR';
export type Period = { period: string; kind: PeriodKind; from: Date; to: Date };

const pad = (n: number) => String(n).padStart(2, '0');
const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

type Parsed = { year: number; kind: PeriodKind; index: number };

function parse(text: string): Parsed | null {
  const match = PERIOD.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2099) return null;
  if (match[2]) return { year, kind: 'MONTH', index: Number(match[2]) - 1 };
  if (match[3]) return { year, kind: 'QUARTER', index: Number(match[3]) - 1 };
  return { year, kind: 'YEAR', index: 0 };
}

const MONTHS_OF: Record<PeriodKind, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

function label({ year, kind, index }: Parsed): string {
  if (kind === 'MONTH') return `${year}-${pad(index + 1)}`;
  if (kind === 'QUARTER') return `${year}-Q${index + 1}`;
  return String(year);
}

function toPeriod(parsed: Parsed, timeZone: string): Period {
  const firstMonth = parsed.index * MONTHS_OF[parsed.kind];
  const from = new TZDate(parsed.year, firstMonth, 1, 0, 0, 0, timeZone);
  const to = new TZDate(parsed.year, firstMonth + MONTHS_OF[parsed.kind], 1, 0, 0, 0, timeZone);
  return { period: label(parsed), kind: parsed.kind, from: new Date(from.getTime()), to: new Date(to.getTime()) };
}

/** "2026-11", "2026-Q4" or "2026" → its range in the zone; null for anything else (years 2000–2099). */
export function parsePeriod(text: string, timeZone: string): Period | null {
  const parsed = parse(text);
  return parsed ? toPeriod(parsed, timeZone) : null;
}

/** The period `delta` periods of the same kind away: shiftPeriod("2026-Q1", -1) = "2025-Q4". */
export function shiftPeriod(period: Period, delta: number, timeZone: string): Period {
  const parsed = parse(period.period)!;
  const perYear = 12 / MONTHS_OF[parsed.kind];
  const absolute = parsed.year * perYear + parsed.index + delta;
  return toPeriod({ kind: parsed.kind, year: Math.floor(absolute / perYear), index: absolute % perYear }, timeZone);
}

/** The same period a year earlier. */
export const sameLastYear = (period: Period, timeZone: string) =>
  shiftPeriod(period, -(12 / MONTHS_OF[period.kind]), timeZone);

/** The period of a kind that holds an instant (the default: the running month). */
export function periodOf(instant: Date, kind: PeriodKind, timeZone: string): Period {
  const local = new TZDate(instant.getTime(), timeZone);
  const month = local.getMonth();
  const index = kind === 'MONTH' ? month : kind === 'QUARTER' ? Math.floor(month / 3) : 0;
  return toPeriod({ year: local.getFullYear(), kind, index }, timeZone);
}

/** The instant time-dependent figures are counted at: the period's end, or now while it runs. */
export const asOfFor = (period: Pick<Period, 'to'>, now: Date) => (now < period.to ? now : period.to);

/** The local calendar days [first, last] of a period ("YYYY-MM-DD", inclusive): the drill-down's date filter. */
export function periodDays(period: Pick<Period, 'from' | 'to'>, timeZone: string): { from: string; to: string } {
  const day = (instant: number) => {
    const local = new TZDate(instant, timeZone);
    return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
  };
  return { from: day(period.from.getTime()), to: day(period.to.getTime() - 1) };
}

// ───────────────────────────── formulas ─────────────────────────────

/** The q-quantile (0…1) by linear interpolation between closest ranks (Excel PERCENTILE.INC); null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** numerator ÷ denominator, null when the denominator is 0. */
export const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

export const ratePer100Customers = (complaints: number, customersServed: number) =>
  customersServed > 0 ? (complaints * 100) / customersServed : null;

export const ratePerContractVolume = (complaints: number, contractAmount: number) =>
  contractAmount > 0 ? complaints / (contractAmount / CONTRACT_VOLUME_UNIT) : null;

export type DurationStats = { median: number | null; p90: number | null; count: number };

/** Business hours from registration to a step, over the rows that reached it by asOf. */
export function durationStats(
  rows: readonly { createdAt: Date; reachedAt: Date | null }[],
  asOf: Date,
  hoursBetween: (from: Date, to: Date) => number,
): DurationStats {
  const hours = rows.flatMap((r) =>
    r.reachedAt && r.reachedAt <= asOf ? [hoursBetween(r.createdAt, r.reachedAt)] : [],
  );
  return { median: quantile(hours, MEDIAN), p90: quantile(hours, P90), count: hours.length };
}

export type OnTime = { onTime: number; late: number; overdue: number; rate: number | null };

/** On time: done by the due time; late: done after it; overdue: due by asOf and not done by then. */
export function onTime(rows: readonly { dueAt: Date | null; doneAt: Date | null }[], asOf: Date): OnTime {
  let early = 0;
  let late = 0;
  let overdue = 0;
  for (const { dueAt, doneAt } of rows) {
    if (!dueAt) continue;
    const done = doneAt && doneAt <= asOf ? doneAt : null;
    if (done) {
      if (done <= dueAt) early++;
      else late++;
    } else if (dueAt <= asOf) overdue++;
  }
  return { onTime: early, late, overdue, rate: ratio(early, early + late + overdue) };
}

/**
 * Repeat complaints among `complaints`: those whose customer registered another complaint (in `history`, which holds
 * the complaints themselves and the REPEAT_WINDOW_DAYS before) with the same cause class or product in the window
 * before it. Anonymous complaints are not matched.
 */
export function repeatComplaints<
  C extends {
    id: string;
    customerId: string | null;
    causeClass: string | null;
    productRef: string | null;
    createdAt: Date;
  },
>(complaints: readonly C[], history: readonly C[], windowDays = REPEAT_WINDOW_DAYS): C[] {
  const windowMs = windowDays * 24 * 60 * 60 * 1000;
  // Each customer's history oldest first, so a complaint looks only at the window before it (a big customer has
  // thousands of complaints: comparing each with all of them was quadratic).
  const byCustomer = new Map<string, C[]>();
  for (const h of history) {
    if (!h.customerId) continue;
    const list = byCustomer.get(h.customerId);
    if (list) list.push(h);
    else byCustomer.set(h.customerId, [h]);
  }
  for (const list of byCustomer.values()) list.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
  /** The first index whose createdAt is at or after `t`. */
  const firstAtOrAfter = (list: readonly C[], t: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.createdAt.getTime() < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return complaints.filter((c) => {
    const list = c.customerId ? byCustomer.get(c.customerId) : undefined;
    if (!list) return false;
    const at = c.createdAt.getTime();
    for (let i = firstAtOrAfter(list, at - windowMs), end = firstAtOrAfter(list, at); i < end; i++) {
      const h = list[i]!;
      if (
        h.id !== c.id &&
        ((c.causeClass !== null && h.causeClass === c.causeClass) ||
          (c.productRef !== null && h.productRef === c.productRef))
      )
        return true;
    }
    return false;
  });
}

/** Change against a comparison figure: the difference and its ratio (null when either is missing or the base is 0). */
export function change(current: number | null, base: number | null): { delta: number | null; rate: number | null } {
  if (current === null || base === null) return { delta: null, rate: null };
  return { delta: current - base, rate: base !== 0 ? (current - base) / base : null };
}

/** Pareto: items by count descending with the cumulative share of the total. */
export function pareto<T extends { count: number }>(items: readonly T[]): (T & { cumulativeShare: number })[] {
  const total = items.reduce((s, i) => s + i.count, 0);
  let running = 0;
  return [...items]
    .sort((a, b) => b.count - a.count)
    .map((i) => {
      running += i.count;
      return { ...i, cumulativeShare: total > 0 ? running / total : 0 };
    });
}

// ───────────────────────────── drill-down ─────────────────────────────

/** The records behind a figure, as the interactions list (/console/interactions) filters them from its URL. */
export type DrillDown = {
  type?: string | null;
  /** Local calendar days, inclusive. */
  from?: string | null;
  to?: string | null;
  severity?: string | null;
  causeClass?: string | null;
  departmentId?: string | null;
  keyAccount?: boolean | null;
  customerId?: string | null;
  productRef?: string | null;
  province?: string | null;
};

const DRILL_KEYS = [
  ['type', 'type'],
  ['from', 'from'],
  ['to', 'to'],
  ['severity', 'severity'],
  ['causeClass', 'cause'],
  ['departmentId', 'dept'],
  ['customerId', 'customer'],
  ['productRef', 'product'],
  ['province', 'province'],
] as const;

/** The list URL's query string for a drill-down. */
export function drillDownSearch(drill: DrillDown): string {
  const params = new URLSearchParams();
  for (const [key, param] of DRILL_KEYS) {
    const value = drill[key];
    if (value) params.set(param, value);
  }
  if (typeof drill.keyAccount === 'boolean') params.set('ka', drill.keyAccount ? '1' : '0');
  return params.toString();
}

/** The drill-down criteria the list reads back from its URL (beside its own type/status/channel/search/dates). */
export function drillDownOf(params: URLSearchParams): DrillDown {
  const drill: DrillDown = {};
  for (const [key, param] of DRILL_KEYS) {
    const value = params.get(param)?.trim();
    if (value) drill[key] = value;
  }
  const ka = params.get('ka');
  if (ka === '1' || ka === '0') drill.keyAccount = ka === '1';
  return drill;
}

const oneOf = <T extends string>(value: string | null | undefined, allowed: readonly T[]): T[] | null => {
  const found = allowed.find((a) => a === value);
  return found ? [found] : null;
};

/** The interactions-list filter fields of a drill-down (besides type and dates); unknown values are dropped. */
export function drillDownFilter(drill: DrillDown) {
  return {
    severity: oneOf(drill.severity, SEVERITIES),
    causeClass: oneOf(drill.causeClass, CAUSE_CLASSES),
    responsibleDepartmentId: drill.departmentId ?? null,
    keyAccount: drill.keyAccount ?? null,
    customerId: drill.customerId ?? null,
    productRef: drill.productRef ?? null,
    province: drill.province ?? null,
  };
}
