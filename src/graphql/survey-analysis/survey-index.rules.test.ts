import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annualCriteria,
  annualIndex,
  DEFAULT_ANNUAL_CRITERIA,
  DEFAULT_LOW_SCORE_RULE,
  dimensionScores,
  indexFormula,
  normalisedValue,
  npsOf,
  parseAnnualCriteria,
  npsFromCounts,
  parseLowScoreRule,
  questionStats,
  responseScore,
  scoresFromTotals,
  weightedIndex,
  type AnswerGroup,
  type IndexDimension,
  type IndexQuestion,
} from './survey-index.rules';

const choices = [
  { value: 'A', label: '合理', labelEn: null, score: 100 },
  { value: 'B', label: '基本合理', labelEn: null, score: 50 },
  { value: 'C', label: '不适用', labelEn: null, score: null },
];
const questions: IndexQuestion[] = [
  { id: 'q1', type: 'RATING_5', dimensionCode: 'TIMELINESS', choices: [] },
  { id: 'q2', type: 'RATING_5', dimensionCode: 'TIMELINESS', choices: [] },
  { id: 'q3', type: 'RATING_10', dimensionCode: 'ATTITUDE', choices: [] },
  { id: 'q4', type: 'SINGLE_CHOICE', dimensionCode: 'PRICE', choices },
  { id: 'q5', type: 'NPS', dimensionCode: null, choices: [] },
  { id: 'q6', type: 'TEXT', dimensionCode: null, choices: [] },
];
const dims = (w: [number, number, number]): IndexDimension[] => [
  { code: 'TIMELINESS', name: '服务及时性', weight: w[0] },
  { code: 'ATTITUDE', name: '服务态度', weight: w[1] },
  { code: 'PRICE', name: '收费合理性', weight: w[2] },
];
const n = (questionId: string, numericValue: number, count: number): AnswerGroup => ({
  questionId,
  numericValue,
  choiceValues: [],
  hasText: false,
  count,
});
const c = (questionId: string, choiceValues: string[], count: number): AnswerGroup => ({
  questionId,
  numericValue: null,
  choiceValues,
  hasText: false,
  count,
});

// Hand-computed: TIMELINESS = (100+100+50+75)/4 = 81.25; ATTITUDE = (100+0)/2 = 50; PRICE = (100+50+50)/3 = 66.67
// (the unscored choice C does not count); index = 0.3×81.25 + 0.2×50 + 0.5×66.67 = 67.708.
const groups: AnswerGroup[] = [
  n('q1', 5, 2),
  n('q1', 3, 1),
  n('q2', 4, 1),
  n('q3', 10, 1),
  n('q3', 1, 1),
  c('q4', ['A'], 1),
  c('q4', ['B'], 2),
  c('q4', ['C'], 1),
];

describe('normalisation to 0–100', () => {
  it('maps each type by its formula and leaves unscored answers out', () => {
    expect(normalisedValue({ type: 'RATING_5', choices: [] }, { numericValue: 1, choiceValues: [] })).toBe(0);
    expect(normalisedValue({ type: 'RATING_5', choices: [] }, { numericValue: 4, choiceValues: [] })).toBe(75);
    expect(normalisedValue({ type: 'RATING_10', choices: [] }, { numericValue: 10, choiceValues: [] })).toBe(100);
    expect(normalisedValue({ type: 'RATING_10', choices: [] }, { numericValue: 4, choiceValues: [] })).toBeCloseTo(
      33.333,
      3,
    );
    expect(normalisedValue({ type: 'NPS', choices: [] }, { numericValue: 7, choiceValues: [] })).toBe(70);
    expect(normalisedValue({ type: 'SINGLE_CHOICE', choices }, { numericValue: null, choiceValues: ['B'] })).toBe(50);
    expect(normalisedValue({ type: 'SINGLE_CHOICE', choices }, { numericValue: null, choiceValues: ['C'] })).toBeNull();
    expect(normalisedValue({ type: 'MULTI_CHOICE', choices }, { numericValue: null, choiceValues: ['A'] })).toBeNull();
  });

  it('keeps every rating inside 0–100', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('RATING_5' as const, 'RATING_10' as const, 'NPS' as const),
        fc.integer({ min: 0, max: 10 }),
        (type, v) => {
          const value = type === 'RATING_5' ? 1 + (v % 5) : type === 'RATING_10' ? 1 + (v % 10) : v;
          const score = normalisedValue({ type, choices: [] }, { numericValue: value, choiceValues: [] })!;
          return score >= 0 && score <= 100;
        },
      ),
    );
  });
});

describe('dimension scores and the weighted index', () => {
  it('averages the normalised answers per dimension and weights them', () => {
    const scores = dimensionScores(groups, questions, dims([0.3, 0.2, 0.5]));
    expect(scores.map((s) => [s.code, s.answers])).toEqual([
      ['TIMELINESS', 4],
      ['ATTITUDE', 2],
      ['PRICE', 3],
    ]);
    expect(scores[0]!.score).toBe(81.25);
    expect(scores[1]!.score).toBe(50);
    expect(scores[2]!.score).toBeCloseTo(66.667, 3);
    expect(weightedIndex(scores)).toBeCloseTo(67.708, 3);
    expect(scores.map((s) => s.effectiveWeight)).toEqual([0.3, 0.2, 0.5]);
  });

  it('weights need not sum to 1: 3/2/5 gives the same index as 0.3/0.2/0.5', () => {
    const scores = dimensionScores(groups, questions, dims([3, 2, 5]));
    expect(weightedIndex(scores)).toBeCloseTo(67.708, 3);
    expect(scores.map((s) => s.effectiveWeight)).toEqual([0.3, 0.2, 0.5]);
    expect(indexFormula(scores)).toBe('满意度指数 = (3.00×81.3 + 2.00×50.0 + 5.00×66.7) ÷ 10.00 = 67.7');
    expect(indexFormula(scores, 'en')).toBe('Satisfaction index = (3.00×81.3 + 2.00×50.0 + 5.00×66.7) ÷ 10.00 = 67.7');
  });

  it('a dimension without answers drops out instead of counting as 0', () => {
    const withoutPrice = groups.filter((g) => g.questionId !== 'q4');
    const scores = dimensionScores(withoutPrice, questions, dims([0.3, 0.2, 0.5]));
    expect(scores[2]).toMatchObject({ code: 'PRICE', score: null, answers: 0, effectiveWeight: 0 });
    // (0.3×81.25 + 0.2×50) ÷ 0.5 = 68.75
    expect(weightedIndex(scores)).toBe(68.75);
    expect(scores[0]!.effectiveWeight).toBeCloseTo(0.6, 10);
    expect(indexFormula(scores)).toBe('满意度指数 = (0.30×81.3 + 0.20×50.0) ÷ 0.50 = 68.8');
  });

  it('no scored answers at all: no index', () => {
    const scores = dimensionScores([n('q5', 9, 3)], questions, dims([1, 1, 1]));
    expect(weightedIndex(scores)).toBeNull();
    expect(indexFormula(scores)).toBe('满意度指数：暂无计分的回答');
    expect(indexFormula(scores, 'en')).toBe('Satisfaction index: no scored answers yet');
  });

  it('a pooled index equals the index of the pooled answers, whatever the grouping (sums and counts combine)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 10 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (answers) => {
          const one = answers.map(([r5, r10]) => [n('q1', r5, 1), n('q3', r10, 1)]).flat();
          const grouped = new Map<string, AnswerGroup>();
          for (const g of one) {
            const key = `${g.questionId}:${g.numericValue}`;
            const prev = grouped.get(key);
            grouped.set(key, prev ? { ...prev, count: prev.count + 1 } : g);
          }
          const a = weightedIndex(dimensionScores(one, questions, dims([2, 1, 1])))!;
          const b = weightedIndex(dimensionScores([...grouped.values()], questions, dims([2, 1, 1])))!;
          return Math.abs(a - b) < 1e-9 && a >= 0 && a <= 100;
        },
      ),
    );
  });
});

describe('NPS', () => {
  it('is % promoters (9–10) − % detractors (0–6)', () => {
    expect(
      npsOf([n('q5', 10, 1), n('q5', 9, 1), n('q5', 8, 1), n('q5', 7, 1), n('q5', 6, 1), n('q5', 0, 1)], questions),
    ).toEqual({
      score: 0,
      promoters: 2,
      passives: 2,
      detractors: 2,
      responses: 6,
    });
    expect(npsOf([n('q5', 10, 3), n('q5', 5, 1)], questions)?.score).toBe(50);
    expect(npsOf([n('q5', 3, 4)], questions)?.score).toBe(-100);
    expect(npsOf([n('q1', 5, 4)], questions)).toBeNull();
  });
});

describe('question statistics', () => {
  it('lists every rating value, with raw average and normalised score', () => {
    const stats = questionStats(questions[0]!, groups, { scored: true });
    expect(stats.answered).toBe(3);
    expect(stats.average).toBeCloseTo(13 / 3, 10);
    expect(stats.score).toBeCloseTo(250 / 3, 10);
    expect(stats.distribution.map((b) => [b.value, b.count])).toEqual([
      ['1', 0],
      ['2', 0],
      ['3', 1],
      ['4', 0],
      ['5', 2],
    ]);
    expect(stats.distribution[4]!.share).toBeCloseTo(2 / 3, 10);
  });

  it('counts choices; multiple-choice shares are of the answers, so they may exceed 1 in sum', () => {
    const multi: IndexQuestion = { id: 'm', type: 'MULTI_CHOICE', dimensionCode: null, choices };
    const stats = questionStats(multi, [c('m', ['A', 'B'], 2), c('m', ['B'], 1)], { scored: false });
    expect(stats.answered).toBe(3);
    expect(stats.distribution.map((b) => [b.value, b.count, b.share])).toEqual([
      ['A', 2, 2 / 3],
      ['B', 3, 1],
      ['C', 0, 0],
    ]);
    expect(stats.score).toBeNull();
    const single = questionStats(questions[3]!, groups, { scored: true });
    expect(single.score).toBeCloseTo(200 / 3, 10);
  });

  it('text questions count their answers only', () => {
    expect(
      questionStats(
        questions[5]!,
        [{ questionId: 'q6', numericValue: null, choiceValues: [], hasText: true, count: 4 }],
        { scored: false },
      ),
    ).toEqual({
      answered: 4,
      average: null,
      score: null,
      distribution: [],
      textAnswers: 4,
    });
  });
});

describe('one response: index and low-score flag', () => {
  const answer = (questionId: string, numericValue: number | null, choiceValues: string[] = []) => ({
    questionId,
    numericValue,
    choiceValues,
    textValue: null,
  });
  // The template of these cases: dimension weights 0.3 / 0.2 / 0.5 and the default low-score rule.
  const scoreOf = (answers: ReturnType<typeof answer>[]) =>
    responseScore(answers, questions, dims([0.3, 0.2, 0.5]), DEFAULT_LOW_SCORE_RULE);

  it('flags a response whose index is below 60', () => {
    // TIMELINESS (50+50)/2 = 50, ATTITUDE (5−1)/9×100 = 44.4, PRICE 50 → (0.3×50 + 0.2×44.4 + 0.5×50) = 48.9
    const score = scoreOf([answer('q1', 3), answer('q2', 3), answer('q3', 5), answer('q4', null, ['B'])]);
    expect(score.index).toBeCloseTo(48.889, 3);
    expect(score.lowScore).toBe(true);
    expect(score.lowQuestionIds).toEqual([]);
  });

  it('flags a response with one scored answer below 40 even when the index is high', () => {
    const score = scoreOf([answer('q1', 5), answer('q2', 2), answer('q3', 10), answer('q4', null, ['A'])]);
    // TIMELINESS (100+25)/2 = 62.5 → 0.3×62.5 + 0.2×100 + 0.5×100 = 88.75
    expect(score.index).toBe(88.75);
    expect(score.lowScore).toBe(true);
    expect(score.lowQuestionIds).toEqual(['q2']);
  });

  it('does not flag a good response; an unscored NPS answer does not count', () => {
    const score = scoreOf([answer('q1', 4), answer('q3', 8), answer('q5', 0)]);
    expect(score.lowScore).toBe(false);
    expect(score.index).toBeCloseTo((0.3 * 75 + 0.2 * (700 / 9)) / 0.5, 10);
  });

  it('carries its totals per dimension in the template’s order, zeros where it has none, and its NPS answers', () => {
    const score = scoreOf([answer('q1', 5), answer('q2', 3), answer('q5', 9)]);
    expect(score.totals).toEqual([
      { code: 'TIMELINESS', sum: 150, answers: 2 },
      { code: 'ATTITUDE', sum: 0, answers: 0 },
      { code: 'PRICE', sum: 0, answers: 0 },
    ]);
    expect(score.nps).toEqual({ promoters: 1, passives: 0, detractors: 0 });
  });

  it('responses’ totals added up give exactly the pooled analysis of their answers (trend and breakdowns use them)', () => {
    const value = fc.record({
      r5a: fc.integer({ min: 1, max: 5 }),
      r5b: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      r10: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
      price: fc.option(fc.constantFrom('A', 'B', 'C'), { nil: null }),
      nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 25 }), (responses) => {
        const d = dims([0.25, 0.25, 0.5]);
        const answersOf = (r: (typeof responses)[number]) => [
          answer('q1', r.r5a),
          ...(r.r5b === null ? [] : [answer('q2', r.r5b)]),
          ...(r.r10 === null ? [] : [answer('q3', r.r10)]),
          ...(r.price === null ? [] : [answer('q4', null, [r.price])]),
          ...(r.nps === null ? [] : [answer('q5', r.nps)]),
        ];
        const scored = responses.map((r) => responseScore(answersOf(r), questions, d, DEFAULT_LOW_SCORE_RULE));
        const fromTotals = weightedIndex(
          scoresFromTotals(
            scored.flatMap((x) => x.totals),
            d,
          ),
        );
        const groups = responses.flatMap(answersOf).map((a) => ({
          questionId: a.questionId,
          numericValue: a.numericValue,
          choiceValues: a.choiceValues,
          hasText: false,
          count: 1,
        }));
        const pooled = weightedIndex(dimensionScores(groups, questions, d));
        const npsTotals = npsFromCounts(
          scored.reduce(
            (n, x) => ({
              promoters: n.promoters + x.nps.promoters,
              passives: n.passives + x.nps.passives,
              detractors: n.detractors + x.nps.detractors,
            }),
            { promoters: 0, passives: 0, detractors: 0 },
          ),
        );
        return (
          Math.abs(fromTotals! - pooled!) < 1e-9 &&
          JSON.stringify(npsTotals) === JSON.stringify(npsOf(groups, questions))
        );
      }),
    );
  });

  it('reads the surveyLowScore setting defensively', () => {
    expect(parseLowScoreRule({ indexBelow: 70 })).toEqual({ indexBelow: 70, answerBelow: 40 });
    expect(parseLowScoreRule({ indexBelow: 'x', answerBelow: 500 })).toEqual(DEFAULT_LOW_SCORE_RULE);
    expect(parseLowScoreRule(null)).toEqual(DEFAULT_LOW_SCORE_RULE);
  });
});

describe('annual satisfaction index [000 §4.7.2]', () => {
  it('deducts the year’s complaint events by the criteria', () => {
    const result = annualIndex(
      82.34,
      { CRISIS_COMPLAINT: 1, MAJOR_COMPLAINT: 2, GENERAL_COMPLAINT: 3, DISPUTED_RESOLUTION: 1 },
      DEFAULT_ANNUAL_CRITERIA,
    );
    expect(result.deductions.map((d) => [d.event, d.count, d.points])).toEqual([
      ['CRISIS_COMPLAINT', 1, 5],
      ['MAJOR_COMPLAINT', 2, 4],
      ['GENERAL_COMPLAINT', 3, 0],
      ['DISPUTED_RESOLUTION', 1, 1],
    ]);
    expect(result.totalDeduction).toBe(10);
    expect(result.index).toBeCloseTo(72.34, 10);
    expect(result.formula).toBe(
      '年度满意度指数 = max(0, 调查指数 − 扣分) = max(0, 82.3 − 10.0) = 72.3；扣分 = min(30, 危机投诉 1×5 + 重大投诉 2×2 + 一般投诉 3×0 + 处理结果争议 1×1) = 10.0',
    );
    expect(result.formulaEn).toBe(
      'Annual satisfaction index = max(0, survey index − deduction) = max(0, 82.3 − 10.0) = 72.3; deduction = min(30, crisis complaints 1×5 + major complaints 2×2 + general complaints 3×0 + disputed resolutions 1×1) = 10.0',
    );
  });

  it('caps the deduction and never goes below 0', () => {
    expect(annualIndex(80, { CRISIS_COMPLAINT: 10 }, DEFAULT_ANNUAL_CRITERIA)).toMatchObject({
      totalDeduction: 30,
      index: 50,
    });
    expect(annualIndex(20, { CRISIS_COMPLAINT: 10 }, DEFAULT_ANNUAL_CRITERIA)).toMatchObject({
      totalDeduction: 30,
      index: 0,
    });
    const none = annualIndex(null, { MAJOR_COMPLAINT: 1 }, DEFAULT_ANNUAL_CRITERIA);
    expect(none.index).toBeNull();
    expect(none.formula).toContain('暂无调查结果');
    expect(none.formulaEn).toBe(
      'Annual satisfaction index: no survey results this year (deduction min(30, crisis complaints 0×5 + major complaints 1×2 + general complaints 0×0 + disputed resolutions 0×1) = 2.0)',
    );
  });

  it('reads the criteria setting defensively, in the fixed event order', () => {
    const parsed = parseAnnualCriteria({
      rules: [
        { event: 'MAJOR_COMPLAINT', pointsEach: 3 },
        { event: 'NOPE', pointsEach: 9 },
        { event: 'CRISIS_COMPLAINT', pointsEach: -1 },
      ],
      maxDeduction: 20,
    });
    expect(parsed).toEqual(
      annualCriteria({ CRISIS_COMPLAINT: 5, MAJOR_COMPLAINT: 3, GENERAL_COMPLAINT: 0, DISPUTED_RESOLUTION: 1 }, 20),
    );
    expect(parseAnnualCriteria(undefined)).toEqual(DEFAULT_ANNUAL_CRITERIA);
  });
});
