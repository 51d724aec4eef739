import { describe, expect, it } from 'vitest';
import { MAX_TEXT_ANSWER } from '@/graphql/survey-responses/survey-answer-limits.rules';
import {
  answerProblems,
  answersFromSaved,
  EMPTY_ANSWER,
  firstQuestionNumbers,
  isAnswered,
  localized,
  progressOf,
  toAnswerInputs,
  type FormQuestion,
} from './survey-answers';

const q = (id: string, type: FormQuestion['type'], required = true, choices: string[] = []): FormQuestion => ({
  id,
  type,
  text: id,
  required,
  choices: choices.map((value) => ({ value, label: value })),
});

const questions = [
  q('r5', 'RATING_5'),
  q('r10', 'RATING_10'),
  q('nps', 'NPS'),
  q('one', 'SINGLE_CHOICE', true, ['A', 'B']),
  q('many', 'MULTI_CHOICE', false, ['X', 'Y', 'Z']),
  q('text', 'TEXT', false),
];

describe('progress', () => {
  it('counts answered questions out of all and the required ones still open', () => {
    const answers = {
      r5: { ...EMPTY_ANSWER, numericValue: 4 },
      nps: { ...EMPTY_ANSWER, numericValue: 0 },
      text: { ...EMPTY_ANSWER, textValue: '   ' },
      many: { ...EMPTY_ANSWER, choiceValues: ['X'] },
    };
    expect(progressOf(questions, answers)).toEqual({ answered: 3, total: 6, requiredOpen: 2, share: 0.5 });
  });
  it('treats NPS 0 as an answer and blank text as none', () => {
    expect(isAnswered(q('n', 'NPS'), { ...EMPTY_ANSWER, numericValue: 0 })).toBe(true);
    expect(isAnswered(q('t', 'TEXT'), { ...EMPTY_ANSWER, textValue: ' \n ' })).toBe(false);
    expect(isAnswered(q('t', 'TEXT'), undefined)).toBe(false);
  });
  it('is 0 of 0 for a template without questions', () => {
    expect(progressOf([], {})).toEqual({ answered: 0, total: 0, requiredOpen: 0, share: 0 });
  });
});

describe('question numbers', () => {
  it('run on through the sections, an empty section taking none', () => {
    const section = (id: string, count: number) => ({ id, title: id, questions: questions.slice(0, count) });
    expect(firstQuestionNumbers([section('a', 2), section('b', 0), section('c', 3), section('d', 1)])).toEqual([
      1, 3, 3, 6,
    ]);
    expect(firstQuestionNumbers([])).toEqual([]);
  });
});

describe('answers ↔ SurveyAnswerInput', () => {
  it('sends only answered questions, in question order, with the one field each type uses', () => {
    const answers = {
      text: { numericValue: 3, choiceValues: ['A'], textValue: '  交货准时，服务周到 ' },
      one: { numericValue: 5, choiceValues: ['B'], textValue: 'stale' },
      r5: { numericValue: 5, choiceValues: [], textValue: 'stale' },
      many: { numericValue: null, choiceValues: ['Y', 'X', 'Y'], textValue: '' },
      gone: { numericValue: 1, choiceValues: [], textValue: '' },
    };
    expect(toAnswerInputs(questions, answers)).toEqual([
      { questionId: 'r5', numericValue: 5 },
      { questionId: 'one', choiceValues: ['B'] },
      { questionId: 'many', choiceValues: ['Y', 'X'] },
      { questionId: 'text', textValue: '交货准时，服务周到' },
    ]);
  });
  it('prefills a saved draft and round-trips it', () => {
    const saved = [
      { questionId: 'r5', numericValue: 4, choiceValues: [], textValue: null },
      { questionId: 'many', numericValue: null, choiceValues: ['X', 'Z'], textValue: null },
      { questionId: 'text', numericValue: null, choiceValues: [], textValue: '很好' },
    ];
    const state = answersFromSaved(saved);
    expect(state.r5).toEqual({ numericValue: 4, choiceValues: [], textValue: '' });
    expect(toAnswerInputs(questions, state)).toEqual([
      { questionId: 'r5', numericValue: 4 },
      { questionId: 'many', choiceValues: ['X', 'Z'] },
      { questionId: 'text', textValue: '很好' },
    ]);
  });
});

describe('client-side checks mirror the server', () => {
  it('a draft is checked for type only; a submission needs every required answer', () => {
    expect(answerProblems(questions, {}, 'draft')).toEqual({});
    expect(answerProblems(questions, {}, 'submit')).toEqual({
      r5: 'required',
      r10: 'required',
      nps: 'required',
      one: 'required',
    });
  });
  it('refuses values out of each scale', () => {
    const answers = {
      r5: { ...EMPTY_ANSWER, numericValue: 0 },
      r10: { ...EMPTY_ANSWER, numericValue: 11 },
      nps: { ...EMPTY_ANSWER, numericValue: 2.5 },
    };
    expect(answerProblems(questions, answers, 'draft')).toEqual({ r5: 'range', r10: 'range', nps: 'range' });
    expect(
      answerProblems(
        questions,
        {
          r5: { ...EMPTY_ANSWER, numericValue: 5 },
          r10: { ...EMPTY_ANSWER, numericValue: 1 },
          nps: { ...EMPTY_ANSWER, numericValue: 10 },
        },
        'draft',
      ),
    ).toEqual({});
  });
  it('refuses unknown choices and two values for a single choice', () => {
    expect(
      answerProblems(
        questions,
        { one: { ...EMPTY_ANSWER, choiceValues: ['A', 'B'] }, many: { ...EMPTY_ANSWER, choiceValues: ['X', 'Q'] } },
        'draft',
      ),
    ).toEqual({
      one: 'choice',
      many: 'choice',
    });
  });
  it('refuses a text answer over the limit', () => {
    expect(
      answerProblems(questions, { text: { ...EMPTY_ANSWER, textValue: '好'.repeat(MAX_TEXT_ANSWER + 1) } }, 'draft'),
    ).toEqual({ text: 'tooLong' });
    expect(
      answerProblems(questions, { text: { ...EMPTY_ANSWER, textValue: '好'.repeat(MAX_TEXT_ANSWER) } }, 'draft'),
    ).toEqual({});
  });
});

describe('localized', () => {
  it('uses the English text in English when there is one', () => {
    expect(localized('en', '服务态度', 'Attitude')).toBe('Attitude');
    expect(localized('en', '服务态度', null)).toBe('服务态度');
    expect(localized('zh-CN', '服务态度', 'Attitude')).toBe('服务态度');
  });
});
