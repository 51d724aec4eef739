import { zhFields } from '@/server/error-keys.testing';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@/server/errors';
import { isScoredQuestion, parseChoices, parseTemplateInput, templateContent } from './survey-template.rules';

const valid = () => ({
  name: '认证客户满意度调查表',
  dimensions: [
    { code: 'TIMELINESS', name: '服务及时性', weight: 0.3 },
    { code: 'PRICE', name: '收费合理性', weight: 0.2 },
  ],
  sections: [
    {
      title: '一、服务评价',
      questions: [
        { type: 'RATING_5', text: '审核安排是否及时', dimensionCode: 'TIMELINESS' },
        {
          type: 'SINGLE_CHOICE',
          text: '收费是否合理',
          dimensionCode: 'PRICE',
          choices: [
            { value: 'A', label: '合理', score: 100 },
            { value: 'B', label: '不合理', score: 0 },
            { value: 'N', label: '不适用' },
          ],
        },
      ],
    },
    { title: '二、建议', questions: [{ type: 'TEXT', text: '其他意见和建议', required: false }] },
  ],
});

/** The valid template with its second section's questions replaced (input is `unknown` to the parser). */
const withSecondSection = (questions: unknown[]) => ({
  ...valid(),
  sections: [valid().sections[0]!, { title: '二、其他', questions }],
});

function fieldsOf(input: unknown): Record<string, string> {
  try {
    parseTemplateInput(input);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') return zhFields(error.fields);
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('template validation', () => {
  it('accepts a bilingual-ready template and fills the defaults', () => {
    const parsed = parseTemplateInput(valid());
    expect(parsed.locale).toBe('zh-CN');
    expect(parsed.sections[0]!.questions[0]!.required).toBe(true);
    expect(parsed.sections[1]!.questions[0]!.required).toBe(false);
    expect(parsed.sections[0]!.questions[1]!.choices[2]).toEqual({
      value: 'N',
      label: '不适用',
      labelEn: null,
      score: null,
    });
  });

  it('names each bad field by its path', () => {
    const base = valid();
    const input = {
      ...base,
      dimensions: [...base.dimensions, { code: 'PRICE', name: '重复', weight: 0 }],
      sections: [
        {
          ...base.sections[0]!,
          questions: [
            ...base.sections[0]!.questions,
            { type: 'RATING_5', text: '  ', dimensionCode: 'NOPE' },
            { type: 'SINGLE_CHOICE', text: '只有一个选项', choices: [{ value: 'A', label: '是', score: 1 }] },
          ],
        },
        base.sections[1]!,
      ],
    };
    expect(fieldsOf(input)).toEqual({
      'sections.0.questions.2.text': '必填',
      'sections.0.questions.2.dimensionCode': '维度不存在',
      'sections.0.questions.3.choices': '选择题至少两个选项',
      'dimensions.2.code': '维度代码重复',
      'dimensions.2.weight': '权重须大于 0',
    });
  });

  it('refuses choices on ratings, scores on multiple choice, duplicate values, scores outside 0–100', () => {
    const input = withSecondSection([
      {
        type: 'RATING_10',
        text: 'a',
        choices: [
          { value: 'x', label: 'x' },
          { value: 'y', label: 'y' },
        ],
      },
      {
        type: 'MULTI_CHOICE',
        text: 'b',
        choices: [
          { value: 'x', label: 'x', score: 10 },
          { value: 'x', label: 'y' },
        ],
      },
      {
        type: 'SINGLE_CHOICE',
        text: 'c',
        choices: [
          { value: 'x', label: 'x', score: 101 },
          { value: 'y', label: 'y' },
        ],
      },
    ]);
    expect(fieldsOf(input)).toEqual({
      'sections.1.questions.0.choices': '只有选择题可以设置选项',
      'sections.1.questions.1.choices.0.score': '多选题不计分，不能设置分值',
      'sections.1.questions.1.choices.1.value': '选项值重复',
      'sections.1.questions.2.choices.0.score': '分值须在 0–100 之间',
    });
  });

  it('only scorable questions go into a dimension', () => {
    const input = withSecondSection([
      { type: 'TEXT', text: 'a', dimensionCode: 'PRICE' },
      {
        type: 'SINGLE_CHOICE',
        text: 'b',
        dimensionCode: 'PRICE',
        choices: [
          { value: 'x', label: 'x' },
          { value: 'y', label: 'y' },
        ],
      },
    ]);
    expect(fieldsOf(input)).toEqual({
      'sections.1.questions.0.dimensionCode': '文本题和多选题不计分，不能归入维度',
      'sections.1.questions.1.dimensionCode': '归入维度的单选题至少要有一个选项设置分值',
    });
  });

  it('needs a section, and a question in each section', () => {
    expect(fieldsOf({ ...valid(), sections: [] })).toEqual({ sections: '至少一节' });
    expect(fieldsOf({ ...valid(), sections: [{ title: 'x', questions: [] }] })).toEqual({
      'sections.0.questions': '每节至少一道题',
    });
  });
});

describe('template content and scoring', () => {
  it('numbers questions across sections and keeps choices only on choice questions', () => {
    const content = templateContent(parseTemplateInput(valid()));
    expect(content.sections.flatMap((s) => s.questions.map((q) => q.position))).toEqual([0, 1, 2]);
    expect(content.sections[0]!.questions[0]!.options).toEqual([]);
    expect(content.sections[0]!.questions[1]!.options).toHaveLength(3);
  });

  it('scored: ratings and NPS in a dimension, single choice with a scored choice in a dimension', () => {
    expect(isScoredQuestion({ type: 'RATING_5', dimensionId: 'd', options: [] })).toBe(true);
    expect(isScoredQuestion({ type: 'NPS', dimensionId: null, options: [] })).toBe(false);
    expect(
      isScoredQuestion({ type: 'SINGLE_CHOICE', dimensionId: 'd', options: [{ value: 'a', label: 'A', score: 50 }] }),
    ).toBe(true);
    expect(isScoredQuestion({ type: 'SINGLE_CHOICE', dimensionId: 'd', options: [{ value: 'a', label: 'A' }] })).toBe(
      false,
    );
    expect(isScoredQuestion({ type: 'TEXT', dimensionId: 'd', options: [] })).toBe(false);
  });

  it('reads stored choices defensively', () => {
    expect(parseChoices([{ value: 'a', label: 'A', score: 10 }, { value: 1 }, null, 'x'])).toEqual([
      { value: 'a', label: 'A', labelEn: null, score: 10 },
    ]);
    expect(parseChoices({})).toEqual([]);
  });
});
