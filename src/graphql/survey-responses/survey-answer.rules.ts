import type { QuestionType } from '@/generated/prisma/enums';
import { badInput } from '@/server/errors';
import type { SurveyChoice } from '../survey-templates/survey-template.rules';
import { MAX_TEXT_ANSWER, RATING_RANGE } from './survey-answer-limits.rules';

export { MAX_TEXT_ANSWER, RATING_RANGE };
import { type FieldError, type FieldErrors } from '@/server/error-keys';

/**
 * Pure checks of the answers behind a personal link or a phone/fax entry (SPEC §6). A draft is checked for type only
 * (a value of the right kind and range, a choice of the question) so it can be saved half-done; a submission is also
 * checked for completeness (every required question answered). Problems come back as BAD_USER_INPUT with one message
 * per question id in `extensions.fields`, so the form marks the questions themselves.
 */

export type QuestionSpec = { id: string; type: QuestionType; required: boolean; choices: readonly SurveyChoice[] };

export type AnswerInput = {
  questionId: string;
  numericValue?: number | null;
  choiceValues?: readonly string[] | null;
  textValue?: string | null;
};

/** An answer as stored: empty parts normalised away (no empty strings, no empty arrays standing for "answered"). */
export type CheckedAnswer = {
  questionId: string;
  numericValue: number | null;
  choiceValues: string[];
  textValue: string | null;
};

type Outcome = { answer: CheckedAnswer | null } | { problem: FieldError };

function checkOne(q: QuestionSpec, input: AnswerInput): Outcome {
  const numeric = input.numericValue ?? null;
  const choices = (input.choiceValues ?? []).map((c) => c.trim()).filter((c) => c !== '');
  const text = input.textValue?.trim() ? input.textValue.trim() : null;
  const empty = { answer: null };
  switch (q.type) {
    case 'RATING_5':
    case 'RATING_10':
    case 'NPS': {
      if (choices.length || text !== null) return { problem: { key: 'survey.answerRatingOnly' } };
      if (numeric === null) return empty;
      const [min, max] = RATING_RANGE[q.type]!;
      if (!Number.isInteger(numeric) || numeric < min || numeric > max)
        return { problem: { key: 'survey.answerRatingRange', params: { min, max } } };
      return { answer: { questionId: q.id, numericValue: numeric, choiceValues: [], textValue: null } };
    }
    case 'SINGLE_CHOICE':
    case 'MULTI_CHOICE': {
      if (numeric !== null || text !== null) return { problem: { key: 'survey.answerChoiceOnly' } };
      if (choices.length === 0) return empty;
      if (q.type === 'SINGLE_CHOICE' && choices.length > 1) return { problem: { key: 'survey.answerSingleChoice' } };
      if (new Set(choices).size !== choices.length) return { problem: { key: 'survey.answerChoiceRepeated' } };
      const known = new Set(q.choices.map((c) => c.value));
      if (choices.some((c) => !known.has(c))) return { problem: { key: 'survey.answerChoiceUnknown' } };
      // Stored in the question's own order, so equal selections group together in the analysis.
      const ordered = q.choices.map((c) => c.value).filter((v) => choices.includes(v));
      return { answer: { questionId: q.id, numericValue: null, choiceValues: ordered, textValue: null } };
    }
    case 'TEXT': {
      if (numeric !== null || choices.length) return { problem: { key: 'survey.answerTextOnly' } };
      if (text === null) return empty;
      if (text.length > MAX_TEXT_ANSWER)
        return { problem: { key: 'validation.tooLong', params: { max: MAX_TEXT_ANSWER } } };
      return { answer: { questionId: q.id, numericValue: null, choiceValues: [], textValue: text } };
    }
  }
}

/**
 * Checks answers against the template's questions. `complete`: a submission (required questions must be answered);
 * otherwise a draft. Returns the answers to store, without the unanswered ones; throws BAD_USER_INPUT otherwise.
 */
export function checkAnswers(
  questions: readonly QuestionSpec[],
  answers: readonly AnswerInput[],
  { complete }: { complete: boolean },
): CheckedAnswer[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const fields: FieldErrors = {};
  const checked = new Map<string, CheckedAnswer>();
  const seen = new Set<string>();
  for (const input of answers) {
    const q = byId.get(input.questionId);
    if (!q) {
      fields[input.questionId] ??= { key: 'survey.answerUnknownQuestion' };
      continue;
    }
    if (seen.has(q.id)) {
      fields[q.id] ??= { key: 'survey.answerRepeated' };
      continue;
    }
    seen.add(q.id);
    const outcome = checkOne(q, input);
    if ('problem' in outcome) fields[q.id] = outcome.problem;
    else if (outcome.answer) checked.set(q.id, outcome.answer);
  }
  if (complete) {
    for (const q of questions)
      if (q.required && !checked.has(q.id) && !fields[q.id]) fields[q.id] = { key: 'survey.answerRequired' };
  }
  if (Object.keys(fields).length) {
    throw badInput(complete ? 'survey.answersIncomplete' : 'survey.answersInvalid', fields);
  }
  // In the template's order, whatever order the client sent them in.
  return questions.flatMap((q) => (checked.has(q.id) ? [checked.get(q.id)!] : []));
}

/** Answers saved in SurveyResponse.draft (JSON), read defensively. */
export function parseDraft(draft: unknown): CheckedAnswer[] {
  if (!Array.isArray(draft)) return [];
  return (draft as unknown[]).flatMap((d) => {
    if (!d || typeof d !== 'object') return [];
    const { questionId, numericValue, choiceValues, textValue } = d as Record<string, unknown>;
    if (typeof questionId !== 'string') return [];
    return [
      {
        questionId,
        numericValue: typeof numericValue === 'number' ? numericValue : null,
        choiceValues: Array.isArray(choiceValues) ? choiceValues.filter((c): c is string => typeof c === 'string') : [],
        textValue: typeof textValue === 'string' ? textValue : null,
      },
    ];
  });
}
