import { z } from 'zod';
import { errorKey, type FieldErrors } from '@/server/error-keys';
import { CUSTOMER_GRADES } from '../customers/customer.rules';

/**
 * Customer grading (分等分级, SPEC §1) from the 受审核方服务有效性水平评价表 [000 §4.2.3; record CXLM/CX-16-02]. Pure
 * and client-safe: the evaluate dialog computes the total and grade live with the same functions the service stores.
 *
 * The form (setting `customerGradeForm`): criteria, each with a weight (percent; the weights sum to 100) and a maximum
 * score; a criterion scored s of max m contributes weight × s / m, so the total runs from 0 to 100. The bands give
 * each grade the lowest total it starts at: A from `A`, B from `B` up to below A, C from `C` up to below B, D from 0
 * up to below C — ordered and without gaps by construction once A > B > C > 0.
 *
 * The seed names the form and makes it the main basis of the grading but gives neither its criteria nor weights; the
 * defaults below are the points an auditor can judge on site about the audited organisation's service, with the
 * customer-service record's usual bands (≥ 85 A, ≥ 70 B, ≥ 60 C). Both are settings the service manager changes.
 */

export type CustomerGrade = (typeof CUSTOMER_GRADES)[number];
export { CUSTOMER_GRADES };

export const GRADE_FORM_SETTING = 'customerGradeForm';

export const GRADING_LIMITS = {
  minCriteria: 1,
  maxCriteria: 20,
  labelMax: 100,
  descriptionMax: 500,
  maxScoreMax: 100,
  weightTotal: 100,
  commentMax: 2000,
  reasonMin: 2,
  reasonMax: 1000,
  periodMax: 20,
} as const;

export type GradeCriterion = {
  key: string;
  label: string;
  description?: string | null;
  weight: number;
  maxScore: number;
};
export type GradeBands = { A: number; B: number; C: number };
export type GradeForm = { criteria: GradeCriterion[]; bands: GradeBands };

export const DEFAULT_GRADE_FORM: GradeForm = {
  criteria: [
    {
      key: 'system',
      label: '管理体系运行有效性',
      description: '体系文件与实际运行一致，内审、管理评审按期有效开展',
      weight: 30,
      maxScore: 10,
    },
    {
      key: 'service',
      label: '服务质量与顾客满意',
      description: '服务承诺兑现、顾客满意度测评及结果利用',
      weight: 25,
      maxScore: 10,
    },
    {
      key: 'complaints',
      label: '投诉处理与持续改进',
      description: '投诉受理及时、纠正措施有效，改进有记录',
      weight: 20,
      maxScore: 10,
    },
    {
      key: 'cooperation',
      label: '审核配合与沟通',
      description: '按期接受审核、资料准备充分、沟通顺畅',
      weight: 15,
      maxScore: 10,
    },
    {
      key: 'compliance',
      label: '证书使用与诚信守法',
      description: '证书和标志使用规范，无违法失信记录',
      weight: 10,
      maxScore: 10,
    },
  ],
  bands: { A: 85, B: 70, C: 60 },
};

const CRITERION_KEY = /^[a-z][a-z0-9_]{0,39}$/;

const wholeNumber = (min: number, max: number) =>
  z
    .number({ message: errorKey('validation.invalidType') })
    .int({ message: errorKey('validation.notInteger') })
    .min(min, { message: errorKey('validation.tooSmall') })
    .max(max, { message: errorKey('validation.tooBig') });

export const ZGradeCriterion = z.object({
  key: z
    .string()
    .trim()
    .regex(CRITERION_KEY, { message: errorKey('grading.criterionKeyInvalid') }),
  label: z.string().trim().min(1).max(GRADING_LIMITS.labelMax),
  description: z.string().trim().max(GRADING_LIMITS.descriptionMax).nullish(),
  weight: wholeNumber(1, GRADING_LIMITS.weightTotal),
  maxScore: wholeNumber(1, GRADING_LIMITS.maxScoreMax),
});

export const ZGradeBands = z
  .object({
    A: wholeNumber(1, 100),
    B: wholeNumber(1, 100),
    C: wholeNumber(1, 100),
  })
  .superRefine((b, ctx) => {
    if (!(b.A > b.B)) ctx.addIssue({ code: 'custom', path: ['B'], message: errorKey('grading.bandsOrder') });
    if (!(b.B > b.C)) ctx.addIssue({ code: 'custom', path: ['C'], message: errorKey('grading.bandsOrder') });
  });

export const ZGradeForm = z
  .object({
    criteria: z.array(ZGradeCriterion).min(GRADING_LIMITS.minCriteria).max(GRADING_LIMITS.maxCriteria),
    bands: ZGradeBands,
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.criteria.forEach((c, i) => {
      if (seen.has(c.key))
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', i, 'key'],
          message: errorKey('grading.criterionKeyRepeated'),
        });
      seen.add(c.key);
    });
    const total = form.criteria.reduce((sum, c) => sum + c.weight, 0);
    if (total !== GRADING_LIMITS.weightTotal)
      ctx.addIssue({
        code: 'custom',
        path: ['criteria'],
        message: errorKey('grading.weightsTotal'),
      });
  });

/** The stored setting as the engine reads it: a valid form, else the defaults (a broken row never blocks evaluating). */
export function gradeFormOf(value: unknown): GradeForm {
  const parsed = ZGradeForm.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_GRADE_FORM;
}

/** The grade a total falls in: A from bands.A, B from bands.B, C from bands.C, D below (boundaries belong upwards). */
export function gradeForTotal(total: number, bands: GradeBands): CustomerGrade {
  if (total >= bands.A) return 'A';
  if (total >= bands.B) return 'B';
  if (total >= bands.C) return 'C';
  return 'D';
}

/** Each grade's range [min, below) of the total, for the settings tab and the dialog's legend. */
export function gradeRanges(bands: GradeBands): { grade: CustomerGrade; min: number; below: number | null }[] {
  return [
    { grade: 'A', min: bands.A, below: null },
    { grade: 'B', min: bands.B, below: bands.A },
    { grade: 'C', min: bands.C, below: bands.B },
    { grade: 'D', min: 0, below: bands.C },
  ];
}

/**
 * A period label: a year (2026), a half (2026-H1), a quarter (2026-Q3) or a month (2026-07). One evaluation per
 * customer per label.
 */
export const PERIOD_PATTERN = /^(19|20)\d{2}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;

export const ZPeriod = z
  .string()
  .trim()
  .toUpperCase()
  .regex(PERIOD_PATTERN, { message: errorKey('grading.periodInvalid') });

export type CriterionScore = { key: string; score: number };

/** A criterion's scores as stored with an evaluation: the criterion as it was (the form may change later) and its score. */
export type ScoredCriterion = GradeCriterion & { score: number };

/** Weight × score / max, summed and rounded to two decimals (the column's scale). */
export function totalScore(scored: readonly { weight: number; maxScore: number; score: number }[]): number {
  const sum = scored.reduce((acc, c) => acc + (c.weight * c.score) / c.maxScore, 0);
  return Math.round(sum * 100) / 100;
}

/**
 * Matches the scores to the form: every criterion scored exactly once, a whole number from 0 to its maximum, and no
 * score for a criterion the form does not have. Problems are keyed `scores.<criterion key>` (or `scores`).
 */
export function scoreEvaluation(
  form: GradeForm,
  scores: readonly CriterionScore[],
): { ok: true; scored: ScoredCriterion[]; total: number; grade: CustomerGrade } | { ok: false; problems: FieldErrors } {
  const problems: FieldErrors = {};
  const byKey = new Map<string, number>();
  for (const s of scores) {
    if (!form.criteria.some((c) => c.key === s.key)) problems['scores'] = { key: 'grading.unknownCriterion' };
    else if (byKey.has(s.key)) problems[`scores.${s.key}`] = { key: 'grading.scoreRepeated' };
    else byKey.set(s.key, s.score);
  }
  const scored: ScoredCriterion[] = [];
  for (const c of form.criteria) {
    const score = byKey.get(c.key);
    if (score === undefined) problems[`scores.${c.key}`] ??= { key: 'grading.scoreMissing' };
    else if (!Number.isInteger(score) || score < 0 || score > c.maxScore)
      problems[`scores.${c.key}`] = { key: 'grading.scoreRange', params: { max: c.maxScore } };
    else scored.push({ ...c, score });
  }
  if (Object.keys(problems).length) return { ok: false, problems };
  const total = totalScore(scored);
  return { ok: true, scored, total, grade: gradeForTotal(total, form.bands) };
}
