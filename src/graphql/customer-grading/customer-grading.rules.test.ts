import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GRADE_FORM,
  gradeForTotal,
  gradeFormOf,
  gradeRanges,
  scoreEvaluation,
  totalScore,
  ZGradeForm,
  ZPeriod,
  type GradeForm,
} from './customer-grading.rules';

const bands = { A: 85, B: 70, C: 60 };

describe('gradeForTotal: each boundary belongs to the grade it starts', () => {
  it.each([
    [100, 'A'],
    [85, 'A'],
    [84.99, 'B'],
    [70, 'B'],
    [69.99, 'C'],
    [60, 'C'],
    [59.99, 'D'],
    [0, 'D'],
  ] as const)('%s → %s', (total, grade) => {
    expect(gradeForTotal(total, bands)).toBe(grade);
  });

  it('the ranges cover 0–100 without gaps or overlaps', () => {
    const ranges = gradeRanges(bands);
    expect(ranges).toEqual([
      { grade: 'A', min: 85, below: null },
      { grade: 'B', min: 70, below: 85 },
      { grade: 'C', min: 60, below: 70 },
      { grade: 'D', min: 0, below: 60 },
    ]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.below).toBe(ranges[i - 1]!.min);
  });
});

describe('the form', () => {
  const form = (patch: Partial<GradeForm> = {}) => ({ ...DEFAULT_GRADE_FORM, ...patch });
  const problems = (value: unknown) => {
    const parsed = ZGradeForm.safeParse(value);
    return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message]);
  };

  it('accepts the defaults, whose weights add up to 100', () => {
    expect(problems(DEFAULT_GRADE_FORM)).toEqual([]);
    expect(DEFAULT_GRADE_FORM.criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
  });

  it('refuses weights that do not add up to 100', () => {
    const criteria = DEFAULT_GRADE_FORM.criteria.map((c, i) => (i === 0 ? { ...c, weight: c.weight - 1 } : c));
    expect(problems(form({ criteria }))).toEqual([['criteria', 'grading.weightsTotal']]);
  });

  it('refuses a repeated or malformed criterion key, and bad weights and maxima', () => {
    const [a, b] = DEFAULT_GRADE_FORM.criteria;
    expect(
      problems(
        form({
          criteria: [
            { ...a!, weight: 50 },
            { ...b!, key: a!.key, weight: 50 },
          ],
        }),
      ),
    ).toEqual([['criteria.1.key', 'grading.criterionKeyRepeated']]);
    expect(problems(form({ criteria: [{ ...a!, key: 'Bad Key', weight: 100 }] }))[0]).toEqual([
      'criteria.0.key',
      'grading.criterionKeyInvalid',
    ]);
    expect(problems(form({ criteria: [{ ...a!, weight: 100, maxScore: 0 }] }))[0]?.[0]).toBe('criteria.0.maxScore');
    expect(problems(form({ criteria: [{ ...a!, weight: 100.5 }] }))[0]?.[0]).toBe('criteria.0.weight');
    expect(problems(form({ criteria: [] }))[0]?.[0]).toBe('criteria');
  });

  it('refuses bands out of order (equal thresholds would leave a grade empty)', () => {
    expect(problems(form({ bands: { A: 70, B: 70, C: 60 } }))).toEqual([['bands.B', 'grading.bandsOrder']]);
    expect(problems(form({ bands: { A: 90, B: 50, C: 60 } }))).toEqual([['bands.C', 'grading.bandsOrder']]);
    expect(problems(form({ bands: { A: 101, B: 70, C: 60 } }))[0]?.[0]).toBe('bands.A');
    expect(problems(form({ bands: { A: 90, B: 70, C: 0 } }))[0]?.[0]).toBe('bands.C');
  });

  it('reads a stored value, or the defaults when it is missing or broken', () => {
    expect(gradeFormOf(null)).toEqual(DEFAULT_GRADE_FORM);
    expect(gradeFormOf({ criteria: [], bands })).toEqual(DEFAULT_GRADE_FORM);
    const one = { criteria: [{ key: 'x', label: 'X', weight: 100, maxScore: 5 }], bands };
    expect(gradeFormOf(one)).toEqual(one);
  });
});

describe('scores', () => {
  const form: GradeForm = {
    criteria: [
      { key: 'a', label: 'A', weight: 60, maxScore: 10 },
      { key: 'b', label: 'B', weight: 40, maxScore: 5 },
    ],
    bands,
  };

  it('weights each score by weight / max and rounds to two decimals', () => {
    expect(totalScore([{ weight: 60, maxScore: 10, score: 10 }])).toBe(60);
    expect(totalScore([{ weight: 100, maxScore: 3, score: 1 }])).toBe(33.33);
    expect(totalScore([{ weight: 100, maxScore: 3, score: 2 }])).toBe(66.67);
  });

  it('a full score is 100 and grades A; the boundaries of the bands are reached exactly', () => {
    expect(
      scoreEvaluation(form, [
        { key: 'a', score: 10 },
        { key: 'b', score: 5 },
      ]),
    ).toMatchObject({
      ok: true,
      total: 100,
      grade: 'A',
    });
    // 60 × 7/10 + 40 × 4/5 = 42 + 32 = 74 → B
    expect(
      scoreEvaluation(form, [
        { key: 'a', score: 7 },
        { key: 'b', score: 4 },
      ]),
    ).toMatchObject({ total: 74, grade: 'B' });
    // 60 × 5/10 + 40 × 3/5 = 30 + 24 = 54 → D
    expect(
      scoreEvaluation(form, [
        { key: 'a', score: 5 },
        { key: 'b', score: 3 },
      ]),
    ).toMatchObject({ total: 54, grade: 'D' });
    // 60 × 10/10 + 40 × 0 = 60 → C (the boundary itself)
    expect(
      scoreEvaluation(form, [
        { key: 'a', score: 10 },
        { key: 'b', score: 0 },
      ]),
    ).toMatchObject({ total: 60, grade: 'C' });
  });

  it('keeps each criterion as it was scored', () => {
    const result = scoreEvaluation(form, [
      { key: 'b', score: 5 },
      { key: 'a', score: 10 },
    ]);
    expect(result.ok && result.scored).toEqual([
      { key: 'a', label: 'A', weight: 60, maxScore: 10, score: 10 },
      { key: 'b', label: 'B', weight: 40, maxScore: 5, score: 5 },
    ]);
  });

  it('names every problem: missing, out of range, repeated, unknown', () => {
    expect(scoreEvaluation(form, [{ key: 'a', score: 11 }])).toEqual({
      ok: false,
      problems: {
        'scores.a': { key: 'grading.scoreRange', params: { max: 10 } },
        'scores.b': { key: 'grading.scoreMissing' },
      },
    });
    expect(
      scoreEvaluation(form, [
        { key: 'a', score: 1 },
        { key: 'a', score: 2 },
        { key: 'b', score: -1 },
        { key: 'z', score: 1 },
      ]),
    ).toEqual({
      ok: false,
      problems: {
        'scores.a': { key: 'grading.scoreRepeated' },
        'scores.b': { key: 'grading.scoreRange', params: { max: 5 } },
        scores: { key: 'grading.unknownCriterion' },
      },
    });
    expect(
      scoreEvaluation(form, [
        { key: 'a', score: 1.5 },
        { key: 'b', score: 1 },
      ]),
    ).toMatchObject({ ok: false });
  });
});

describe('period labels', () => {
  it.each(['2026', '2026-H1', '2026-h2', '2026-Q3', '2026-07', '2026-12'])('accepts %s', (label) => {
    expect(ZPeriod.safeParse(label).success).toBe(true);
  });
  it.each(['26', '2026-Q5', '2026-13', '2026-00', '2026Q1', '2026-H3', 'Q1-2026', ''])('refuses %s', (label) => {
    expect(ZPeriod.safeParse(label).success).toBe(false);
  });
  it('upper-cases what it accepts', () => {
    expect(ZPeriod.parse(' 2026-q1 ')).toBe('2026-Q1');
  });
});
