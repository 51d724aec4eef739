import { z } from 'zod';
import type { QuestionType } from '@/generated/prisma/enums';
import { badInput } from '@/server/errors';
import { errorKey, zodFieldErrors } from '@/server/error-keys';
import { flagRepeats, optionalText as blankAsNull, requiredText } from '../input.rules';
import {
  CHOICE_SCORE_RANGE,
  DIMENSION_CODE,
  MAX_QUESTIONS,
  MAX_WEIGHT,
  MIN_CHOICES,
  QUESTION_TYPES,
} from './survey-template-limits.rules';

export { MAX_QUESTIONS, QUESTION_TYPES };

/**
 * Pure rules of survey templates (SPEC §6: questions rated 1–5 / 1–10, NPS, single/multi choice, text; dimensions and
 * weights): input validation with field-level messages keyed by path (`sections.0.questions.2.text`), the choices
 * stored in SurveyQuestion.options, and which questions count toward the satisfaction index.
 */

export const CHOICE_TYPES: readonly QuestionType[] = ['SINGLE_CHOICE', 'MULTI_CHOICE'];
export const RATING_TYPES: readonly QuestionType[] = ['RATING_5', 'RATING_10', 'NPS'];
export const TEMPLATE_LOCALES = ['zh-CN', 'en'] as const;

export type SurveyChoice = { value: string; label: string; labelEn: string | null; score: number | null };

/** Absent and blank both become null: a template version stores every optional text as a value. */
const optionalText = (max: number) => blankAsNull(max).transform((v) => v ?? null);

const ZChoice = z.object({
  value: requiredText(50),
  label: requiredText(200),
  labelEn: optionalText(200),
  // A choice's score is on the index's own 0–100 scale, so a scored choice weighs like a normalised rating.
  score: z
    .number({ error: errorKey('validation.invalidType') })
    .min(CHOICE_SCORE_RANGE[0], { message: errorKey('survey.scoreRange') })
    .max(CHOICE_SCORE_RANGE[1], { message: errorKey('survey.scoreRange') })
    .nullish()
    .transform((v) => v ?? null),
});

const ZQuestion = z.object({
  type: z.enum(QUESTION_TYPES, { error: errorKey('survey.questionTypeRequired') }),
  text: requiredText(500),
  textEn: optionalText(500),
  required: z
    .boolean()
    .nullish()
    .transform((v) => v ?? true),
  dimensionCode: optionalText(40),
  choices: z
    .array(ZChoice)
    .max(30, { message: errorKey('survey.tooManyChoices') })
    .nullish()
    .transform((v) => v ?? []),
});

const ZSection = z.object({
  title: requiredText(200),
  titleEn: optionalText(200),
  questions: z.array(ZQuestion).min(1, { message: errorKey('survey.sectionNeedsQuestion') }),
});

const ZDimension = z.object({
  code: z
    .string()
    .trim()
    .regex(DIMENSION_CODE, { message: errorKey('survey.dimensionCodeFormat') }),
  name: requiredText(100),
  nameEn: optionalText(100),
  // Decimal(6,4) column; a weight of 0 would let Σ weights be 0, so weights are strictly positive.
  weight: z
    .number({ error: errorKey('validation.invalidType') })
    .gt(0, { message: errorKey('survey.weightPositive') })
    .max(MAX_WEIGHT, { message: errorKey('survey.weightMax') }),
});

export const ZSurveyTemplateInput = z
  .object({
    name: requiredText(200),
    nameEn: optionalText(200),
    description: optionalText(2000),
    locale: z
      .enum(TEMPLATE_LOCALES, { error: errorKey('survey.localeInvalid') })
      .nullish()
      .transform((v) => v ?? 'zh-CN'),
    dimensions: z.array(ZDimension).max(20, { message: errorKey('survey.tooManyDimensions') }),
    sections: z
      .array(ZSection)
      .min(1, { message: errorKey('survey.sectionRequired') })
      .max(20, { message: errorKey('survey.tooManySections') }),
  })
  .superRefine((t, ctx) => {
    flagRepeats(
      ctx,
      t.dimensions,
      (d) => d.code,
      (i) => ['dimensions', i, 'code'],
      errorKey('survey.dimensionCodeRepeated'),
    );
    const codes = new Set(t.dimensions.map((d) => d.code));
    const total = t.sections.reduce((n, s) => n + s.questions.length, 0);
    if (total > MAX_QUESTIONS)
      ctx.addIssue({ code: 'custom', path: ['sections'], message: errorKey('survey.tooManyQuestions') });
    t.sections.forEach((section, s) =>
      section.questions.forEach((q, i) => {
        const at = (...rest: (string | number)[]) => ['sections', s, 'questions', i, ...rest];
        const isChoice = CHOICE_TYPES.includes(q.type);
        if (isChoice && q.choices.length < MIN_CHOICES)
          ctx.addIssue({ code: 'custom', path: at('choices'), message: errorKey('survey.choicesTooFew') });
        if (!isChoice && q.choices.length > 0)
          ctx.addIssue({ code: 'custom', path: at('choices'), message: errorKey('survey.choicesOnlyForChoice') });
        flagRepeats(
          ctx,
          q.choices,
          (c) => c.value,
          (k) => at('choices', k, 'value'),
          errorKey('survey.choiceValueRepeated'),
        );
        q.choices.forEach((c, k) => {
          if (q.type === 'MULTI_CHOICE' && c.score !== null)
            ctx.addIssue({
              code: 'custom',
              path: at('choices', k, 'score'),
              message: errorKey('survey.multiChoiceNoScore'),
            });
        });
        if (q.dimensionCode !== null) {
          if (!codes.has(q.dimensionCode))
            ctx.addIssue({ code: 'custom', path: at('dimensionCode'), message: errorKey('survey.dimensionMissing') });
          // Only what can be put on the 0–100 scale counts toward a dimension (index maths, survey-index.rules.ts).
          else if (q.type === 'TEXT' || q.type === 'MULTI_CHOICE')
            ctx.addIssue({
              code: 'custom',
              path: at('dimensionCode'),
              message: errorKey('survey.unscoredNoDimension'),
            });
          else if (q.type === 'SINGLE_CHOICE' && q.choices.every((c) => c.score === null)) {
            ctx.addIssue({
              code: 'custom',
              path: at('dimensionCode'),
              message: errorKey('survey.dimensionNeedsScore'),
            });
          }
        }
      }),
    );
  });

export type TSurveyTemplateInput = z.output<typeof ZSurveyTemplateInput>;

export function parseTemplateInput(input: unknown): TSurveyTemplateInput {
  const parsed = ZSurveyTemplateInput.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  return parsed.data;
}

/** The choices stored in SurveyQuestion.options (JSON), read defensively: anything malformed is skipped. */
export function parseChoices(options: unknown): SurveyChoice[] {
  if (!Array.isArray(options)) return [];
  const out: SurveyChoice[] = [];
  for (const o of options as unknown[]) {
    if (!o || typeof o !== 'object') continue;
    const { value, label, labelEn, score } = o as Record<string, unknown>;
    if (typeof value !== 'string' || typeof label !== 'string') continue;
    out.push({
      value,
      label,
      labelEn: typeof labelEn === 'string' ? labelEn : null,
      score: typeof score === 'number' ? score : null,
    });
  }
  return out;
}

/**
 * Counts toward the satisfaction index: a rating or NPS question, or a single choice with at least one scored choice,
 * that belongs to a dimension (the contract's `SurveyQuestion.scored`).
 */
export function isScoredQuestion(q: { type: QuestionType; dimensionId: string | null; options: unknown }): boolean {
  if (!q.dimensionId) return false;
  if (RATING_TYPES.includes(q.type)) return true;
  return q.type === 'SINGLE_CHOICE' && parseChoices(q.options).some((c) => c.score !== null);
}

/** The rows a template's content is written as: dimensions, sections and questions with their positions. */
export type TemplateContent = {
  dimensions: { code: string; name: string; nameEn: string | null; weight: number; position: number }[];
  sections: {
    title: string;
    titleEn: string | null;
    position: number;
    questions: {
      position: number;
      type: QuestionType;
      text: string;
      textEn: string | null;
      required: boolean;
      dimensionCode: string | null;
      options: SurveyChoice[];
    }[];
  }[];
};

/** Positions: dimensions in input order; questions numbered across sections (question 1 … n of the whole form). */
export function templateContent(input: TSurveyTemplateInput): TemplateContent {
  let position = 0;
  return {
    dimensions: input.dimensions.map((d, i) => ({ ...d, position: i })),
    sections: input.sections.map((s, i) => ({
      title: s.title,
      titleEn: s.titleEn,
      position: i,
      questions: s.questions.map((q) => ({
        position: position++,
        type: q.type,
        text: q.text,
        textEn: q.textEn,
        required: q.required,
        dimensionCode: q.dimensionCode,
        // Only choice questions keep choices; a rating's scale is its type.
        options: CHOICE_TYPES.includes(q.type) ? q.choices : [],
      })),
    })),
  };
}
