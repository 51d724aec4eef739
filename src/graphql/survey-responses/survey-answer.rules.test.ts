import { zhFields } from '@/server/error-keys.testing';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@/server/errors';
import { checkAnswers, type QuestionSpec } from './survey-answer.rules';

const choices = [
  { value: 'A', label: '很满意', labelEn: null, score: 100 },
  { value: 'B', label: '满意', labelEn: null, score: 75 },
  { value: 'C', label: '一般', labelEn: null, score: 50 },
];
const questions: QuestionSpec[] = [
  { id: 'r5', type: 'RATING_5', required: true, choices: [] },
  { id: 'r10', type: 'RATING_10', required: true, choices: [] },
  { id: 'nps', type: 'NPS', required: true, choices: [] },
  { id: 'single', type: 'SINGLE_CHOICE', required: true, choices },
  { id: 'multi', type: 'MULTI_CHOICE', required: false, choices },
  { id: 'text', type: 'TEXT', required: false, choices: [] },
];

function problems(answers: Parameters<typeof checkAnswers>[1], complete = true): Record<string, string> {
  try {
    checkAnswers(questions, answers, { complete });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') return zhFields(error.fields);
    throw error;
  }
  return {};
}

const full = [
  { questionId: 'r5', numericValue: 5 },
  { questionId: 'r10', numericValue: 1 },
  { questionId: 'nps', numericValue: 0 },
  { questionId: 'single', choiceValues: ['B'] },
];

describe('answers: type checks per question type', () => {
  it('accepts a complete set and returns it in the template’s order, empty parts normalised', () => {
    const checked = checkAnswers(
      questions,
      [
        { questionId: 'text', textValue: '  希望审核员提前沟通  ' },
        ...full.reverse(),
        { questionId: 'multi', choiceValues: ['C', 'A'] },
      ],
      { complete: true },
    );
    expect(checked.map((a) => a.questionId)).toEqual(['r5', 'r10', 'nps', 'single', 'multi', 'text']);
    expect(checked[4]).toEqual({ questionId: 'multi', numericValue: null, choiceValues: ['A', 'C'], textValue: null });
    expect(checked[5]!.textValue).toBe('希望审核员提前沟通');
    full.reverse();
  });

  it('ranges: RATING_5 1–5, RATING_10 1–10, NPS 0–10, whole numbers', () => {
    expect(
      problems(
        [
          { questionId: 'r5', numericValue: 0 },
          { questionId: 'r10', numericValue: 11 },
          { questionId: 'nps', numericValue: -1 },
        ],
        false,
      ),
    ).toEqual({
      r5: '评分须为 1–5 的整数',
      r10: '评分须为 1–10 的整数',
      nps: '评分须为 0–10 的整数',
    });
    expect(problems([{ questionId: 'r5', numericValue: 2.5 }], false)).toEqual({ r5: '评分须为 1–5 的整数' });
    expect(
      problems(
        [
          { questionId: 'nps', numericValue: 10 },
          { questionId: 'r10', numericValue: 10 },
        ],
        false,
      ),
    ).toEqual({});
  });

  it('choices must belong to the question; single takes one, multi one or more', () => {
    expect(
      problems(
        [
          { questionId: 'single', choiceValues: ['A', 'B'] },
          { questionId: 'multi', choiceValues: ['Z'] },
        ],
        false,
      ),
    ).toEqual({
      single: '单选题只能选一项',
      multi: '选项不属于此题',
    });
    expect(problems([{ questionId: 'multi', choiceValues: ['A', 'A'] }], false)).toEqual({ multi: '选项重复' });
  });

  it('a value of the wrong kind is refused', () => {
    expect(
      problems(
        [
          { questionId: 'r5', textValue: '很好' },
          { questionId: 'single', numericValue: 3 },
          { questionId: 'text', choiceValues: ['A'] },
        ],
        false,
      ),
    ).toEqual({
      r5: '此题只接受评分',
      single: '此题只接受选项',
      text: '此题只接受文字',
    });
  });

  it('unknown questions and answering twice are refused', () => {
    expect(
      problems(
        [
          { questionId: 'elsewhere', numericValue: 3 },
          { questionId: 'r5', numericValue: 3 },
          { questionId: 'r5', numericValue: 4 },
        ],
        false,
      ),
    ).toEqual({
      elsewhere: '不是本问卷的题目',
      r5: '同一题只能回答一次',
    });
  });

  it('text is limited to 2000 characters; blank text is no answer', () => {
    expect(problems([{ questionId: 'text', textValue: '长'.repeat(2001) }], false)).toEqual({
      text: '不能超过 2000 个字符',
    });
    expect(checkAnswers(questions, [{ questionId: 'text', textValue: '   ' }], { complete: false })).toEqual([]);
  });
});

describe('answers: completeness', () => {
  it('a draft may leave required questions open; a submission may not', () => {
    expect(problems([{ questionId: 'r5', numericValue: 4 }], false)).toEqual({});
    expect(
      problems(
        [
          { questionId: 'r5', numericValue: 4 },
          { questionId: 'single', choiceValues: [] },
        ],
        true,
      ),
    ).toEqual({ r10: '此题必答', nps: '此题必答', single: '此题必答' });
  });

  it('reports a wrong value rather than “required” for a required question answered wrongly', () => {
    expect(
      problems([...full.filter((a) => a.questionId !== 'r5'), { questionId: 'r5', numericValue: 9 }], true),
    ).toEqual({ r5: '评分须为 1–5 的整数' });
  });
});
