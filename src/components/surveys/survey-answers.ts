import type { QuestionType, SurveyAnswerInput } from '@/gql/graphql';
import { MAX_TEXT_ANSWER, RATING_RANGE } from '@/graphql/survey-responses/survey-answer-limits.rules';

/**
 * Pure logic of the question form, shared by the public link (/s/[token]), the console's phone/fax entry and the
 * template preview: the answers as the form holds them, their conversion to and from the API's SurveyAnswerInput /
 * SurveyAnswerValue, progress, and the client-side checks that mirror the server's (so a person sees the problem
 * before sending; the server checks again and its per-question messages win).
 */

export type FormChoice = { value: string; label: string; labelEn?: string | null };
export type FormQuestion = {
  id: string;
  type: QuestionType;
  text: string;
  textEn?: string | null;
  required: boolean;
  choices: readonly FormChoice[];
};
export type FormSection = { id: string; title: string; titleEn?: string | null; questions: readonly FormQuestion[] };

/** One question's answer while it is being filled in; every question type uses the part it needs. */
export type AnswerValue = { numericValue: number | null; choiceValues: string[]; textValue: string };
export type AnswerState = Record<string, AnswerValue>;

export const EMPTY_ANSWER: AnswerValue = { numericValue: null, choiceValues: [], textValue: '' };

/** The scale of a numeric question (the server's RATING_RANGE: RATING_5 1–5, RATING_10 1–10, NPS 0–10). */
export function scaleOf(type: QuestionType): { min: number; max: number } | null {
  const range = RATING_RANGE[type];
  return range ? { min: range[0], max: range[1] } : null;
}

export const isChoiceType = (type: QuestionType) => type === 'SINGLE_CHOICE' || type === 'MULTI_CHOICE';

export const questionsOf = (sections: readonly FormSection[]): FormQuestion[] => sections.flatMap((s) => s.questions);

/** Each section's first question number: questions are numbered 1, 2, … on through the sections. */
export function firstQuestionNumbers(sections: readonly FormSection[]): number[] {
  const firsts: number[] = [];
  let next = 1;
  for (const section of sections) {
    firsts.push(next);
    next += section.questions.length;
  }
  return firsts;
}

/** Whether a question has an answer (blank text and an empty selection are no answer). */
export function isAnswered(question: FormQuestion, value: AnswerValue | undefined): boolean {
  if (!value) return false;
  if (scaleOf(question.type)) return value.numericValue !== null;
  if (isChoiceType(question.type)) return value.choiceValues.length > 0;
  return value.textValue.trim() !== '';
}

/** "已完成 3/12": answered questions out of all, and how many required ones are still open. */
export function progressOf(questions: readonly FormQuestion[], answers: AnswerState) {
  let answered = 0;
  let requiredOpen = 0;
  for (const question of questions) {
    const done = isAnswered(question, answers[question.id]);
    if (done) answered += 1;
    else if (question.required) requiredOpen += 1;
  }
  return { answered, total: questions.length, requiredOpen, share: questions.length ? answered / questions.length : 0 };
}

type SavedAnswer = {
  questionId: string;
  numericValue?: number | null;
  choiceValues?: readonly string[] | null;
  textValue?: string | null;
};

/** A saved draft (SurveyAnswerValue) or submitted answers back into form state, to resume or to show. */
export function answersFromSaved(saved: readonly SavedAnswer[]): AnswerState {
  const state: AnswerState = {};
  for (const answer of saved) {
    state[answer.questionId] = {
      numericValue: answer.numericValue ?? null,
      choiceValues: [...(answer.choiceValues ?? [])],
      textValue: answer.textValue ?? '',
    };
  }
  return state;
}

/**
 * The answers to send, in question order: only answered questions, each with the one field its type uses (a rating
 * carries no stale text, a single choice one value). Answers to questions no longer in the template are dropped.
 */
export function toAnswerInputs(questions: readonly FormQuestion[], answers: AnswerState): SurveyAnswerInput[] {
  const inputs: SurveyAnswerInput[] = [];
  for (const question of questions) {
    const value = answers[question.id];
    if (!value || !isAnswered(question, value)) continue;
    if (scaleOf(question.type)) inputs.push({ questionId: question.id, numericValue: value.numericValue });
    else if (question.type === 'SINGLE_CHOICE')
      inputs.push({ questionId: question.id, choiceValues: value.choiceValues.slice(0, 1) });
    else if (question.type === 'MULTI_CHOICE')
      inputs.push({ questionId: question.id, choiceValues: [...new Set(value.choiceValues)] });
    else inputs.push({ questionId: question.id, textValue: value.textValue.trim() });
  }
  return inputs;
}

export type AnswerProblem = 'required' | 'range' | 'choice' | 'tooLong';

/**
 * The server's rules, checked before sending. A draft is checked for type only (saving half a form is the point of a
 * draft); a submission also needs every required question answered (SDL: saveSurveyDraft / submitSurveyResponse).
 */
export function answerProblems(
  questions: readonly FormQuestion[],
  answers: AnswerState,
  mode: 'draft' | 'submit',
): Record<string, AnswerProblem> {
  const problems: Record<string, AnswerProblem> = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (!value || !isAnswered(question, value)) {
      if (mode === 'submit' && question.required) problems[question.id] = 'required';
      continue;
    }
    const scale = scaleOf(question.type);
    if (scale) {
      const n = value.numericValue;
      if (n === null || !Number.isInteger(n) || n < scale.min || n > scale.max) problems[question.id] = 'range';
    } else if (isChoiceType(question.type)) {
      const allowed = new Set(question.choices.map((c) => c.value));
      const chosen = value.choiceValues;
      if (chosen.some((v) => !allowed.has(v)) || (question.type === 'SINGLE_CHOICE' && chosen.length > 1))
        problems[question.id] = 'choice';
    } else if (value.textValue.trim().length > MAX_TEXT_ANSWER) {
      problems[question.id] = 'tooLong';
    }
  }
  return problems;
}

/** The question's text in the reader's language: English when asked for and written, Chinese otherwise. */
export const localized = (locale: string, zh: string, en: string | null | undefined) =>
  locale.startsWith('en') && en ? en : zh;
