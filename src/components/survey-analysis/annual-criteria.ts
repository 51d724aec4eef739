import type { AnnualIndexCriteriaInput, AnnualIndexEvent } from '@/gql/graphql';
import { MAX_ANNUAL_POINTS } from '@/graphql/survey-analysis/survey-index.rules';
import { isCalendarYear } from '@/graphql/service-rules/service-rules.rules';

/**
 * The annual-index criteria editor's pure part [000 §4.7.2]: the draft as the form holds it (text, as typed), its
 * problems, and the API input. Also the year picker's choices and the raw sum of deductions before the cap.
 */

// Keyed by the generated enum: a new event type fails the type check here until the editor offers it.
const EVENT: Record<AnnualIndexEvent, true> = {
  CRISIS_COMPLAINT: true,
  MAJOR_COMPLAINT: true,
  GENERAL_COMPLAINT: true,
  DISPUTED_RESOLUTION: true,
};
/** Most severe first, the order the deduction table and the editor list them in. */
export const ANNUAL_EVENTS = Object.keys(EVENT) as AnnualIndexEvent[];

/** The server's bound on one event's points and on the cap (survey-index.rules.ts). */
export const MAX_POINTS = MAX_ANNUAL_POINTS;

export type CriteriaDraft = { points: Record<AnnualIndexEvent, string>; maxDeduction: string };
export type CriteriaProblem = 'required' | 'notANumber' | 'negative' | 'tooLarge' | 'tooPrecise';
export type CriteriaProblems = Partial<Record<AnnualIndexEvent | 'maxDeduction', CriteriaProblem>>;

type CriteriaLike = { rules: readonly { event: AnnualIndexEvent; pointsEach: number }[]; maxDeduction: number };

export function draftFromCriteria(criteria: CriteriaLike): CriteriaDraft {
  const byEvent = new Map(criteria.rules.map((r) => [r.event, r.pointsEach]));
  const points = Object.fromEntries(ANNUAL_EVENTS.map((e) => [e, String(byEvent.get(e) ?? 0)])) as Record<
    AnnualIndexEvent,
    string
  >;
  return { points, maxDeduction: String(criteria.maxDeduction) };
}

// Points with at most two decimals ("0.5", "2", "1.25"); full-width digits and a comma decimal are accepted as typed.
const POINTS = /^\d{1,3}(\.\d{1,2})?$/;
const normalise = (text: string) =>
  text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[，,．。]/g, '.');

function problemOf(text: string): CriteriaProblem | null {
  const value = normalise(text);
  if (!value) return 'required';
  if (value.startsWith('-') && POINTS.test(value.slice(1))) return 'negative';
  if (!/^\d+(\.\d+)?$/.test(value)) return 'notANumber';
  if (Number(value) > MAX_POINTS) return 'tooLarge';
  if (!POINTS.test(value)) return 'tooPrecise';
  return null;
}

export function criteriaProblems(draft: CriteriaDraft): CriteriaProblems {
  const problems: CriteriaProblems = {};
  for (const event of ANNUAL_EVENTS) {
    const problem = problemOf(draft.points[event]);
    if (problem) problems[event] = problem;
  }
  const max = problemOf(draft.maxDeduction);
  if (max) problems.maxDeduction = max;
  return problems;
}

/** The API input for a draft without problems (check criteriaProblems first). */
export function criteriaInput(draft: CriteriaDraft): AnnualIndexCriteriaInput {
  return {
    rules: ANNUAL_EVENTS.map((event) => ({ event, pointsEach: Number(normalise(draft.points[event])) })),
    maxDeduction: Number(normalise(draft.maxDeduction)),
  };
}

/** True when the draft says the same as the saved criteria (nothing to save). */
export function sameCriteria(draft: CriteriaDraft, saved: CriteriaLike): boolean {
  if (Object.keys(criteriaProblems(draft)).length) return false;
  const input = criteriaInput(draft);
  const savedPoints = new Map(saved.rules.map((r) => [r.event, r.pointsEach]));
  return (
    input.maxDeduction === saved.maxDeduction &&
    input.rules.every((r) => (savedPoints.get(r.event) ?? 0) === r.pointsEach)
  );
}

/** Σ points before the cap, and whether the cap applied (the screen says "capped at N"). */
export function deductionSum(
  deductions: readonly { points: number }[],
  maxDeduction: number,
): { raw: number; capped: boolean } {
  const raw = deductions.reduce((sum, d) => sum + d.points, 0);
  return { raw, capped: raw > maxDeduction };
}

/**
 * Years to pick from: the current year, every year a period label starts with (2026-Q4, 2026-H2, 2026), and the
 * year in the URL — newest first.
 */
export function yearChoices(currentYear: number, periodLabels: readonly string[], selected?: number): number[] {
  const years = new Set<number>([currentYear]);
  for (const label of periodLabels) {
    const match = /^(\d{4})/.exec(label);
    if (match) years.add(Number(match[1]));
  }
  if (selected) years.add(selected);
  return [...years].sort((a, b) => b - a);
}

/** `?year=2026` → 2026; anything else (or a year the server refuses, outside CALENDAR_YEARS) → the fallback. */
export function parseYear(value: string | null | undefined, fallback: number): number {
  const year = Number(value);
  return isCalendarYear(year) ? year : fallback;
}
