import { TZDate } from '@date-fns/tz';
import { PERIOD_LABEL } from '../survey-campaigns/survey-campaign-limits.rules';

/**
 * The period of a 《客户服务交流信息》 [001 第五章 7.7 "定期报送"]: a label in the form the survey campaigns already use
 * (PERIOD_LABEL: a year, optionally a part of it), limited to the parts that name a span of time — a year (2026), a
 * half (2026-H2), a quarter (2026-Q4) or a month (2026-11) — and the instants it spans in the company's time zone.
 * Client-safe: the generate dialog validates and previews with the same rules.
 */
export const SUMMARY_PERIOD = /^(\d{4})(?:-(?:H([12])|Q([1-4])|(0[1-9]|1[0-2])))?$/;

/** The text sections' length limit (characters), shared by the editor and the service. */
export const SUMMARY_TEXT_MAX = 4000;
/** At most this many recipient departments (the company has a handful). */
export const MAX_RECIPIENT_DEPARTMENTS = 50;

export type SummaryPeriod = { label: string; start: Date; end: Date };

/** The label normalised (trimmed, upper case), or null when it is not a period a summary can cover. */
export function normalisePeriodLabel(input: string): string | null {
  const label = input.trim().toUpperCase();
  return PERIOD_LABEL.test(label) && SUMMARY_PERIOD.test(label) ? label : null;
}

/**
 * The period a label names, from its first instant to the first instant after it (end exclusive), midnight in
 * `timeZone`; null for a label that names none.
 */
export function summaryPeriod(input: string, timeZone: string): SummaryPeriod | null {
  const label = normalisePeriodLabel(input);
  const match = label ? SUMMARY_PERIOD.exec(label) : null;
  if (!label || !match) return null;
  const year = Number(match[1]);
  let firstMonth = 0; // 0-based
  let months = 12;
  if (match[2]) [firstMonth, months] = [(Number(match[2]) - 1) * 6, 6];
  else if (match[3]) [firstMonth, months] = [(Number(match[3]) - 1) * 3, 3];
  else if (match[4]) [firstMonth, months] = [Number(match[4]) - 1, 1];
  const start = new TZDate(year, firstMonth, 1, timeZone);
  const end = new TZDate(year, firstMonth + months, 1, timeZone); // month 12 rolls into the next year
  return { label, start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

/** The quarter a moment falls in, as a label (the generate dialog's default: the current quarter). */
export function quarterOf(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  return `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;
}
