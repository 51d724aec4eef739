import type { QuestionType } from '@/generated/prisma/enums';
import { RATING_RANGE } from '../survey-responses/survey-answer-limits.rules';
import type { CheckedAnswer } from '../survey-responses/survey-answer.rules';
import type { SurveyChoice } from '../survey-templates/survey-template.rules';

/**
 * The satisfaction index (SPEC §6 "per-dimension scores, satisfaction index (weighted)"; [000 §4.7.1] quarterly
 * analysis of the 《认证客户满意度调查表》, [000 §4.7.2] the annual index against evaluation criteria). Pure maths on
 * aggregates, so the analysis sums and counts in SQL and never loads the responses themselves:
 *
 * 1. Each scored answer is normalised to 0–100:
 *      RATING_5   (v − 1) ÷ 4 × 100        1 → 0, 3 → 50, 5 → 100
 *      RATING_10  (v − 1) ÷ 9 × 100        1 → 0, 10 → 100
 *      NPS        v ÷ 10 × 100             0 → 0, 10 → 100
 *      SINGLE_CHOICE with scored choices   the chosen choice's score (a choice without a score, e.g. 不适用, is not counted)
 *    A question counts ("scored") only when it belongs to a dimension; text and multiple choice never count.
 * 2. A dimension's score Sᵢ is the mean of its normalised answers (every answer weighs the same, whichever question of
 *    the dimension it answers).
 * 3. index = Σ wᵢ·Sᵢ ÷ Σ wᵢ over the dimensions that have answers. Weights need not sum to 1, and a dimension nobody
 *    answered drops out instead of counting as 0 (its weight is shared among the others: effectiveWeight).
 * 4. NPS = % promoters (9–10) − % detractors (0–6) of the NPS answers, −100…100.
 * 5. A response is flagged low (for follow-up) when its own index is below `indexBelow` (60) or any of its scored
 *    answers is below `answerBelow` (40) — setting `surveyLowScore`.
 *
 * The same functions score one response (count 1 per answer) and a whole period (counts from GROUP BY).
 */

export type IndexQuestion = {
  id: string;
  type: QuestionType;
  dimensionCode: string | null;
  choices: readonly SurveyChoice[];
};
export type IndexDimension = { code: string; name: string; nameEn?: string | null; weight: number };

/** One row of the analysis' aggregate: `count` answers to `questionId` had exactly this value. */
export type AnswerGroup = {
  questionId: string;
  numericValue: number | null;
  choiceValues: readonly string[];
  hasText: boolean;
  count: number;
};

/** An answer on the 0–100 scale, or null when it does not count (unscored type, unscored choice, no value). */
export function normalisedValue(
  question: Pick<IndexQuestion, 'type' | 'choices'>,
  answer: { numericValue: number | null; choiceValues: readonly string[] },
): number | null {
  const v = answer.numericValue;
  switch (question.type) {
    case 'RATING_5':
      return v === null ? null : ((v - 1) / 4) * 100;
    case 'RATING_10':
      return v === null ? null : ((v - 1) / 9) * 100;
    case 'NPS':
      return v === null ? null : (v / 10) * 100;
    case 'SINGLE_CHOICE': {
      const chosen = answer.choiceValues[0];
      return question.choices.find((c) => c.value === chosen)?.score ?? null;
    }
    case 'MULTI_CHOICE':
    case 'TEXT':
      return null;
  }
}

export type DimensionScore = {
  code: string;
  name: string;
  nameEn: string | null;
  weight: number;
  /** weight ÷ Σ weights of the dimensions with answers; 0 without answers. */
  effectiveWeight: number;
  /** Mean normalised answer, 0–100; null without answers. */
  score: number | null;
  answers: number;
  /** Σ normalised values (what `score` is the mean of), kept so partial results can be combined. */
  sum: number;
};

/** Σ normalised values and the number of scored answers of one dimension: what adds up across responses and periods. */
export type DimensionTotal = { code: string; sum: number; answers: number };

/** The scored answers in `groups` summed per dimension (codes of `dimensions` only; the others do not count). */
export function dimensionTotals(
  groups: readonly AnswerGroup[],
  questions: readonly IndexQuestion[],
  dimensions: readonly IndexDimension[],
): DimensionTotal[] {
  const byQuestion = new Map(questions.map((q) => [q.id, q]));
  const totals = new Map(dimensions.map((d) => [d.code, { code: d.code, sum: 0, answers: 0 }]));
  for (const g of groups) {
    const q = byQuestion.get(g.questionId);
    const total = q?.dimensionCode ? totals.get(q.dimensionCode) : undefined;
    if (!q || !total) continue;
    const value = normalisedValue(q, g);
    if (value === null) continue;
    total.sum += value * g.count;
    total.answers += g.count;
  }
  return [...totals.values()];
}

/** Dimension scores from totals (any number of rows per code, e.g. one per response or per period, are added up). */
export function scoresFromTotals(
  rows: readonly DimensionTotal[],
  dimensions: readonly IndexDimension[],
): DimensionScore[] {
  const totals = new Map(dimensions.map((d) => [d.code, { sum: 0, answers: 0 }]));
  for (const r of rows) {
    const total = totals.get(r.code);
    if (!total) continue;
    total.sum += r.sum;
    total.answers += r.answers;
  }
  const answeredWeight = dimensions.reduce((w, d) => w + (totals.get(d.code)!.answers > 0 ? d.weight : 0), 0);
  return dimensions.map((d) => {
    const { sum, answers } = totals.get(d.code)!;
    return {
      code: d.code,
      name: d.name,
      nameEn: d.nameEn ?? null,
      weight: d.weight,
      effectiveWeight: answers > 0 && answeredWeight > 0 ? d.weight / answeredWeight : 0,
      score: answers > 0 ? sum / answers : null,
      answers,
      sum,
    };
  });
}

/** Per-dimension scores of the scored answers in `groups`; dimensions in the order given. */
export function dimensionScores(
  groups: readonly AnswerGroup[],
  questions: readonly IndexQuestion[],
  dimensions: readonly IndexDimension[],
): DimensionScore[] {
  return scoresFromTotals(dimensionTotals(groups, questions, dimensions), dimensions);
}

/** Σ wᵢ·Sᵢ ÷ Σ wᵢ over the dimensions with answers; null when no dimension has any. */
export function weightedIndex(scores: readonly Pick<DimensionScore, 'weight' | 'score'>[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const s of scores) {
    if (s.score === null) continue;
    weighted += s.weight * s.score;
    weights += s.weight;
  }
  return weights > 0 ? weighted / weights : null;
}

const fixed1 = (n: number) => (Math.round(n * 10) / 10).toFixed(1);
/** Weights as stored (at most 4 decimals), at least 2: 0.3 → "0.30", 0.125 → "0.125". */
function weightText(w: number): string {
  const text = (Math.round(w * 10_000) / 10_000).toString();
  const [int, dec = ''] = text.split('.');
  return `${int}.${dec.padEnd(2, '0')}`;
}

/**
 * The calculation with its numbers, e.g. `满意度指数 = (0.30×82.5 + 0.20×75.0) ÷ 0.50 = 79.5` — only the dimensions
 * that have answers appear (the others dropped out). Figures are rounded for display (scores to 1 decimal); the
 * result is computed from the unrounded scores.
 */
export type FormulaLanguage = 'zh' | 'en';
const INDEX_WORDS: Record<FormulaLanguage, { label: string; none: string }> = {
  zh: { label: '满意度指数', none: '满意度指数：暂无计分的回答' },
  en: { label: 'Satisfaction index', none: 'Satisfaction index: no scored answers yet' },
};

export function indexFormula(
  scores: readonly Pick<DimensionScore, 'weight' | 'score'>[],
  language: FormulaLanguage = 'zh',
): string {
  const words = INDEX_WORDS[language];
  const answered = scores.filter((s): s is typeof s & { score: number } => s.score !== null);
  if (answered.length === 0) return words.none;
  const index = weightedIndex(answered)!;
  const terms = answered.map((s) => `${weightText(s.weight)}×${fixed1(s.score)}`).join(' + ');
  const weights = answered.reduce((w, s) => w + s.weight, 0);
  return `${words.label} = (${terms}) ÷ ${weightText(weights)} = ${fixed1(index)}`;
}

export type NpsResult = { score: number; promoters: number; passives: number; detractors: number; responses: number };

export type NpsCounts = { promoters: number; passives: number; detractors: number };

/** The answers to NPS questions by category: promoters 9–10, passives 7–8, detractors 0–6. */
export function npsCounts(
  groups: readonly AnswerGroup[],
  questions: readonly Pick<IndexQuestion, 'id' | 'type'>[],
): NpsCounts {
  const npsIds = new Set(questions.filter((q) => q.type === 'NPS').map((q) => q.id));
  const counts = { promoters: 0, passives: 0, detractors: 0 };
  for (const g of groups) {
    if (!npsIds.has(g.questionId) || g.numericValue === null) continue;
    if (g.numericValue >= 9) counts.promoters += g.count;
    else if (g.numericValue >= 7) counts.passives += g.count;
    else counts.detractors += g.count;
  }
  return counts;
}

/** % promoters − % detractors, −100…100; null without NPS answers. */
export function npsFromCounts({ promoters, passives, detractors }: NpsCounts): NpsResult | null {
  const responses = promoters + passives + detractors;
  if (responses === 0) return null;
  return { score: ((promoters - detractors) / responses) * 100, promoters, passives, detractors, responses };
}

/** % promoters (9–10) − % detractors (0–6) over the answers to NPS questions; null without any. */
export function npsOf(
  groups: readonly AnswerGroup[],
  questions: readonly Pick<IndexQuestion, 'id' | 'type'>[],
): NpsResult | null {
  return npsFromCounts(npsCounts(groups, questions));
}

export type DistributionBucket = { value: string; label: string; count: number; share: number };
export type QuestionStats = {
  answered: number;
  average: number | null;
  score: number | null;
  distribution: DistributionBucket[];
  textAnswers: number;
};

/**
 * One question's numbers: answers, mean raw value (ratings/NPS), mean normalised score (scored questions), the
 * distribution over every possible value (zeros included, so charts keep their axis) and the count of text answers.
 * A multiple-choice share is of the answers to the question, so shares may add up to more than 1.
 */
export function questionStats(
  question: IndexQuestion,
  groups: readonly AnswerGroup[],
  { scored }: { scored: boolean },
): QuestionStats {
  const own = groups.filter((g) => g.questionId === question.id);
  const answered = own.reduce(
    (n, g) => n + (g.numericValue !== null || g.choiceValues.length > 0 || g.hasText ? g.count : 0),
    0,
  );
  const share = (count: number) => (answered > 0 ? count / answered : 0);
  const range = RATING_RANGE[question.type];
  if (range) {
    const counts = new Map<number, number>();
    let sum = 0;
    for (const g of own) {
      if (g.numericValue === null) continue;
      counts.set(g.numericValue, (counts.get(g.numericValue) ?? 0) + g.count);
      sum += g.numericValue * g.count;
    }
    const distribution: DistributionBucket[] = [];
    for (let v = range[0]; v <= range[1]; v++) {
      const count = counts.get(v) ?? 0;
      distribution.push({ value: String(v), label: `${v} 分`, count, share: share(count) });
    }
    const normalised =
      answered > 0 ? own.reduce((s, g) => s + (normalisedValue(question, g) ?? 0) * g.count, 0) / answered : null;
    return {
      answered,
      average: answered > 0 ? sum / answered : null,
      score: scored ? normalised : null,
      distribution,
      textAnswers: 0,
    };
  }
  if (question.type === 'SINGLE_CHOICE' || question.type === 'MULTI_CHOICE') {
    const counts = new Map<string, number>();
    let scoredSum = 0;
    let scoredCount = 0;
    for (const g of own) {
      for (const value of g.choiceValues) counts.set(value, (counts.get(value) ?? 0) + g.count);
      const value = normalisedValue(question, g);
      if (value !== null) {
        scoredSum += value * g.count;
        scoredCount += g.count;
      }
    }
    const distribution = question.choices.map((c) => ({
      value: c.value,
      label: c.label,
      count: counts.get(c.value) ?? 0,
      share: share(counts.get(c.value) ?? 0),
    }));
    return {
      answered,
      average: null,
      score: scored && scoredCount > 0 ? scoredSum / scoredCount : null,
      distribution,
      textAnswers: 0,
    };
  }
  return { answered, average: null, score: null, distribution: [], textAnswers: answered };
}

// ───────────────────────────── one response ─────────────────────────────

export type LowScoreRule = { indexBelow: number; answerBelow: number };
export const DEFAULT_LOW_SCORE_RULE: LowScoreRule = { indexBelow: 60, answerBelow: 40 };

/** Setting `surveyLowScore` ({"indexBelow": 60, "answerBelow": 40}); anything missing or invalid keeps the default. */
export function parseLowScoreRule(value: unknown): LowScoreRule {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const valid = (n: unknown, fallback: number) => (typeof n === 'number' && n >= 0 && n <= 100 ? n : fallback);
  return {
    indexBelow: valid(v.indexBelow, DEFAULT_LOW_SCORE_RULE.indexBelow),
    answerBelow: valid(v.answerBelow, DEFAULT_LOW_SCORE_RULE.answerBelow),
  };
}

/**
 * A response's index and low-score flag, and what it adds to any total: its dimension totals — one per dimension, in
 * the order given (the template's), zeros where it has no scored answer — and its NPS answers by category.
 */
export type ResponseScore = {
  index: number | null;
  lowScore: boolean;
  lowQuestionIds: string[];
  totals: DimensionTotal[];
  nps: NpsCounts;
};

/** A single response's index (the same weighting as the analysis) and whether it is flagged low. */
export function responseScore(
  answers: readonly CheckedAnswer[],
  questions: readonly IndexQuestion[],
  dimensions: readonly IndexDimension[],
  rule: LowScoreRule,
): ResponseScore {
  const groups: AnswerGroup[] = answers.map((a) => ({
    questionId: a.questionId,
    numericValue: a.numericValue,
    choiceValues: a.choiceValues,
    hasText: a.textValue !== null,
    count: 1,
  }));
  const totals = dimensionTotals(groups, questions, dimensions);
  const index = weightedIndex(scoresFromTotals(totals, dimensions));
  const codes = new Set(dimensions.map((d) => d.code));
  const byId = new Map(questions.map((q) => [q.id, q]));
  const lowQuestionIds = answers.flatMap((a) => {
    const q = byId.get(a.questionId);
    if (!q?.dimensionCode || !codes.has(q.dimensionCode)) return [];
    const value = normalisedValue(q, a);
    return value !== null && value < rule.answerBelow ? [q.id] : [];
  });
  return {
    index,
    lowScore: (index !== null && index < rule.indexBelow) || lowQuestionIds.length > 0,
    lowQuestionIds,
    totals,
    nps: npsCounts(groups, questions),
  };
}

// ───────────────────────────── the annual index [000 §4.7.2] ─────────────────────────────

export const ANNUAL_INDEX_EVENTS = [
  'CRISIS_COMPLAINT',
  'MAJOR_COMPLAINT',
  'GENERAL_COMPLAINT',
  'DISPUTED_RESOLUTION',
] as const;
export type AnnualIndexEvent = (typeof ANNUAL_INDEX_EVENTS)[number];
export type AnnualIndexCriteria = { rules: { event: AnnualIndexEvent; pointsEach: number }[]; maxDeduction: number };

/** Criteria as they are always written: one rule per event, in the fixed order (most severe first), and the cap. */
export function annualCriteria(
  pointsEach: Readonly<Record<AnnualIndexEvent, number>>,
  maxDeduction: number,
): AnnualIndexCriteria {
  return { rules: ANNUAL_INDEX_EVENTS.map((event) => ({ event, pointsEach: pointsEach[event] })), maxDeduction };
}

export const ANNUAL_EVENT_LABEL: Record<AnnualIndexEvent, string> = {
  CRISIS_COMPLAINT: '危机投诉',
  MAJOR_COMPLAINT: '重大投诉',
  GENERAL_COMPLAINT: '一般投诉',
  DISPUTED_RESOLUTION: '处理结果争议',
};

export const ANNUAL_EVENT_LABEL_EN: Record<AnnualIndexEvent, string> = {
  CRISIS_COMPLAINT: 'crisis complaints',
  MAJOR_COMPLAINT: 'major complaints',
  GENERAL_COMPLAINT: 'general complaints',
  DISPUTED_RESOLUTION: 'disputed resolutions',
};

/**
 * "本年度引起较严重后果的重大不满意或投诉事件对照评价准则进行计算": by default a crisis complaint deducts 5 points, a
 * major one 2, a general one nothing, a resolution the customer disputed 1; never more than 30 in all.
 */
export const DEFAULT_ANNUAL_CRITERIA: AnnualIndexCriteria = annualCriteria(
  { CRISIS_COMPLAINT: 5, MAJOR_COMPLAINT: 2, GENERAL_COMPLAINT: 0, DISPUTED_RESOLUTION: 1 },
  30,
);

/** The index is 0–100, so neither one event nor all of them together can take more than 100 points. */
export const MAX_ANNUAL_POINTS = 100;
const points = (n: unknown): n is number =>
  typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= MAX_ANNUAL_POINTS;

/** Setting `annualIndexCriteria`, read defensively: one rule per event in the fixed order, defaults where missing. */
export function parseAnnualCriteria(value: unknown): AnnualIndexCriteria {
  const v = (value && typeof value === 'object' ? value : {}) as { rules?: unknown; maxDeduction?: unknown };
  const given = new Map<string, number>();
  if (Array.isArray(v.rules)) {
    for (const r of v.rules as unknown[]) {
      const { event, pointsEach } = (r ?? {}) as Record<string, unknown>;
      if (typeof event === 'string' && points(pointsEach)) given.set(event, pointsEach);
    }
  }
  const fallback = new Map(DEFAULT_ANNUAL_CRITERIA.rules.map((r) => [r.event, r.pointsEach]));
  return annualCriteria(
    Object.fromEntries(
      ANNUAL_INDEX_EVENTS.map((event) => [event, given.get(event) ?? fallback.get(event) ?? 0]),
    ) as Record<AnnualIndexEvent, number>,
    points(v.maxDeduction) ? v.maxDeduction : DEFAULT_ANNUAL_CRITERIA.maxDeduction,
  );
}

export type AnnualDeduction = { event: AnnualIndexEvent; count: number; pointsEach: number; points: number };
export type AnnualIndexResult = {
  deductions: AnnualDeduction[];
  totalDeduction: number;
  index: number | null;
  formula: string;
  formulaEn: string;
};

const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

/** max(0, surveyIndex − min(maxDeduction, Σ countₑ × pointsₑ)), with the calculation written out. */
export function annualIndex(
  surveyIndex: number | null,
  counts: Partial<Record<AnnualIndexEvent, number>>,
  criteria: AnnualIndexCriteria,
): AnnualIndexResult {
  const deductions = criteria.rules.map((r) => {
    const count = counts[r.event] ?? 0;
    return { event: r.event, count, pointsEach: r.pointsEach, points: count * r.pointsEach };
  });
  const raw = deductions.reduce((s, d) => s + d.points, 0);
  const totalDeduction = Math.min(criteria.maxDeduction, raw);
  const deductionText = (labels: Record<AnnualIndexEvent, string>) =>
    `min(${num(criteria.maxDeduction)}, ${deductions.map((d) => `${labels[d.event]} ${d.count}×${num(d.pointsEach)}`).join(' + ')}) = ${fixed1(totalDeduction)}`;
  const zh = deductionText(ANNUAL_EVENT_LABEL);
  const en = deductionText(ANNUAL_EVENT_LABEL_EN);
  if (surveyIndex === null) {
    return {
      deductions,
      totalDeduction,
      index: null,
      formula: `年度满意度指数：本年度暂无调查结果（扣分 ${zh}）`,
      formulaEn: `Annual satisfaction index: no survey results this year (deduction ${en})`,
    };
  }
  const index = Math.max(0, surveyIndex - totalDeduction);
  const figures = `max(0, ${fixed1(surveyIndex)} − ${fixed1(totalDeduction)}) = ${fixed1(index)}`;
  return {
    deductions,
    totalDeduction,
    index,
    formula: `年度满意度指数 = max(0, 调查指数 − 扣分) = ${figures}；扣分 = ${zh}`,
    formulaEn: `Annual satisfaction index = max(0, survey index − deduction) = ${figures}; deduction = ${en}`,
  };
}

/** Numbers the API returns: 2 decimals (floating-point noise like 79.39999999 never reaches a screen). */
export const round2 = (n: number) => Math.round(n * 100) / 100;
export const round2OrNull = (n: number | null) => (n === null ? null : round2(n));
