import { describe, expect, it } from 'vitest';
import {
  ANNUAL_EVENTS,
  criteriaInput,
  criteriaProblems,
  deductionSum,
  draftFromCriteria,
  parseYear,
  sameCriteria,
  yearChoices,
} from './annual-criteria';
import { annualCriteria } from '@/graphql/survey-analysis/survey-index.rules';

const saved = {
  rules: [
    { event: 'CRISIS_COMPLAINT' as const, pointsEach: 5 },
    { event: 'MAJOR_COMPLAINT' as const, pointsEach: 2 },
    { event: 'GENERAL_COMPLAINT' as const, pointsEach: 0.5 },
  ],
  maxDeduction: 20,
};

describe('criteria draft', () => {
  it('starts from the saved criteria, an event without a rule at 0', () => {
    const draft = draftFromCriteria(saved);
    expect(draft.points).toEqual({
      CRISIS_COMPLAINT: '5',
      MAJOR_COMPLAINT: '2',
      GENERAL_COMPLAINT: '0.5',
      DISPUTED_RESOLUTION: '0',
    });
    expect(draft.maxDeduction).toBe('20');
    expect(criteriaProblems(draft)).toEqual({});
    expect(sameCriteria(draft, saved)).toBe(true);
  });

  it('names each problem', () => {
    const draft = draftFromCriteria(saved);
    draft.points.CRISIS_COMPLAINT = '';
    draft.points.MAJOR_COMPLAINT = '-1';
    draft.points.GENERAL_COMPLAINT = 'abc';
    draft.points.DISPUTED_RESOLUTION = '0.125';
    draft.maxDeduction = '150';
    expect(criteriaProblems(draft)).toEqual({
      CRISIS_COMPLAINT: 'required',
      MAJOR_COMPLAINT: 'negative',
      GENERAL_COMPLAINT: 'notANumber',
      DISPUTED_RESOLUTION: 'tooPrecise',
      maxDeduction: 'tooLarge',
    });
    expect(sameCriteria(draft, saved)).toBe(false);
  });

  it('accepts what people type: spaces, full-width digits, a comma as the decimal mark', () => {
    const draft = draftFromCriteria(saved);
    draft.points.CRISIS_COMPLAINT = ' ８ ';
    draft.points.GENERAL_COMPLAINT = '1,5';
    draft.maxDeduction = '100';
    expect(criteriaProblems(draft)).toEqual({});
    expect(criteriaInput(draft)).toEqual(
      annualCriteria({ CRISIS_COMPLAINT: 8, MAJOR_COMPLAINT: 2, GENERAL_COMPLAINT: 1.5, DISPUTED_RESOLUTION: 0 }, 100),
    );
    expect(sameCriteria(draft, saved)).toBe(false);
  });

  it('lists every event, most severe first', () => {
    expect(ANNUAL_EVENTS).toEqual(['CRISIS_COMPLAINT', 'MAJOR_COMPLAINT', 'GENERAL_COMPLAINT', 'DISPUTED_RESOLUTION']);
  });
});

describe('deductionSum', () => {
  it('adds the points and says whether the cap applied', () => {
    expect(deductionSum([{ points: 10 }, { points: 6 }], 20)).toEqual({ raw: 16, capped: false });
    expect(deductionSum([{ points: 15 }, { points: 10 }], 20)).toEqual({ raw: 25, capped: true });
    expect(deductionSum([], 20)).toEqual({ raw: 0, capped: false });
  });
});

describe('years', () => {
  it('offers the current year, the years of the period labels and the one asked for, newest first', () => {
    expect(yearChoices(2026, ['2026-Q4', '2025-H2', '2024', 'special'], 2021)).toEqual([2026, 2025, 2024, 2021]);
    expect(yearChoices(2026, [])).toEqual([2026]);
  });
  it('parses ?year= within a sane range', () => {
    expect(parseYear('2025', 2026)).toBe(2025);
    expect(parseYear('abc', 2026)).toBe(2026);
    expect(parseYear('1899', 2026)).toBe(2026);
    expect(parseYear(null, 2026)).toBe(2026);
  });
});
