import { TZDate } from '@date-fns/tz';
import type { MonthRange } from './report.rules';

/**
 * Report periods (SPEC §9): calendar months, quarters and years in the company's zone (Asia/Shanghai), written
 * "2026-11", "2026-Q3" and "2026". Client-safe: the page's period picker and the delivery job use the same rules.
 */

export type ReportPeriodKind = 'MONTH' | 'QUARTER' | 'YEAR';
export const REPORT_PERIOD_KINDS: readonly ReportPeriodKind[] = ['MONTH', 'QUARTER', 'YEAR'];

/** The day of the month after a period on which its report is mailed: 2 unless the subscription says otherwise. */
export const DEFAULT_DELIVERY_DAY = 2;
/** 1–28: a day every month has. */
export const DELIVERY_DAY_RANGE = { min: 1, max: 28 } as const;
/** A delivery that failed this many times is left FAILED (visible on the page) and no longer retried. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** Deliveries listed on the reports page (newest first). */
export const DELIVERY_LIST_LIMIT = 50;

const MONTHS_IN: Record<ReportPeriodKind, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };
const PATTERNS: Record<ReportPeriodKind, RegExp> = {
  MONTH: /^(\d{4})-(0[1-9]|1[0-2])$/,
  QUARTER: /^(\d{4})-Q([1-4])$/,
  YEAR: /^(\d{4})$/,
};
const pad = (n: number) => String(n).padStart(2, '0');

/** Months since year 0 of the period's first month, or null for a malformed period (years 2000–2099). */
function firstMonthIndex(kind: ReportPeriodKind, period: string): number | null {
  const match = PATTERNS[kind].exec(period.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2099) return null;
  if (kind === 'YEAR') return year * 12;
  if (kind === 'QUARTER') return year * 12 + (Number(match[2]) - 1) * 3;
  return year * 12 + Number(match[2]) - 1;
}

/** The period's text for the period that starts at month index `index`. */
function periodAt(kind: ReportPeriodKind, index: number): string {
  const year = Math.floor(index / 12);
  const month = index % 12;
  if (kind === 'YEAR') return String(year);
  if (kind === 'QUARTER') return `${year}-Q${Math.floor(month / 3) + 1}`;
  return `${year}-${pad(month + 1)}`;
}

export const isValidPeriod = (kind: ReportPeriodKind, period: string) => firstMonthIndex(kind, period) !== null;

/** The period `delta` periods away: shiftPeriod('QUARTER', '2026-Q1', -1) = '2025-Q4'. */
export function shiftPeriod(kind: ReportPeriodKind, period: string, delta: number): string {
  const index = firstMonthIndex(kind, period);
  if (index === null) throw new Error(`Invalid ${kind} period: ${period}`);
  return periodAt(kind, index + delta * MONTHS_IN[kind]);
}

/** The period an instant falls in, in the zone. */
export function periodOf(kind: ReportPeriodKind, instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  const index = local.getFullYear() * 12 + local.getMonth();
  return periodAt(kind, index - (index % MONTHS_IN[kind]));
}

export type PeriodRange = MonthRange & { kind: ReportPeriodKind; period: string };

/** [local midnight of the period's first day, that of the next period's first day); null for a malformed period. */
export function periodRange(kind: ReportPeriodKind, period: string, timeZone: string): PeriodRange | null {
  const index = firstMonthIndex(kind, period);
  if (index === null) return null;
  const at = (i: number) => new Date(new TZDate(Math.floor(i / 12), i % 12, 1, 0, 0, 0, timeZone).getTime());
  const text = periodAt(kind, index);
  return { kind, period: text, month: text, from: at(index), to: at(index + MONTHS_IN[kind]) };
}

/** The last period that has ended by `now`: the one whose report the delivery job mails. */
export const lastEndedPeriod = (kind: ReportPeriodKind, now: Date, timeZone: string) =>
  shiftPeriod(kind, periodOf(kind, now, timeZone), -1);

/** When the period's report is due to be mailed: local midnight of the `day`-th of the month after the period. */
export function deliveryDueAt(kind: ReportPeriodKind, period: string, day: number, timeZone: string): Date {
  const range = periodRange(kind, period, timeZone);
  if (!range) throw new Error(`Invalid ${kind} period: ${period}`);
  const end = new TZDate(range.to.getTime(), timeZone);
  return new Date(new TZDate(end.getFullYear(), end.getMonth(), day, 0, 0, 0, timeZone).getTime());
}

/** The period whose report is due by `now` for a subscription with this delivery day, or null before its day. */
export function periodDue(kind: ReportPeriodKind, day: number, now: Date, timeZone: string): string | null {
  const period = lastEndedPeriod(kind, now, timeZone);
  return now >= deliveryDueAt(kind, period, day, timeZone) ? period : null;
}

export const isValidDeliveryDay = (day: number) =>
  Number.isInteger(day) && day >= DELIVERY_DAY_RANGE.min && day <= DELIVERY_DAY_RANGE.max;

/** The Chinese title of a period, as printed on the PDF and in the mail: "2026 年 11 月", "2026 年第 3 季度", "2026 年度". */
export function periodTitle(kind: ReportPeriodKind, period: string): string {
  const index = firstMonthIndex(kind, period);
  if (index === null) return period;
  const year = Math.floor(index / 12);
  if (kind === 'YEAR') return `${year} 年度`;
  if (kind === 'QUARTER') return `${year} 年第 ${Math.floor((index % 12) / 3) + 1} 季度`;
  return `${year} 年 ${(index % 12) + 1} 月`;
}

export const PERIOD_KIND_TITLE: Record<ReportPeriodKind, string> = {
  MONTH: '月度',
  QUARTER: '季度',
  YEAR: '年度',
};

/** "2026 年第 3 季度投诉与服务报告". */
export const reportTitle = (kind: ReportPeriodKind, period: string) => `${periodTitle(kind, period)}投诉与服务报告`;
