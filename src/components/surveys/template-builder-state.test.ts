import { describe, expect, it } from 'vitest';
import {
  builderFromTemplate,
  builderProblems,
  builderReducer,
  newBuilderState,
  previewSections,
  toTemplateInput,
  weightSum,
  type BuilderAction,
  type BuilderState,
} from './template-builder-state';

const run = (state: BuilderState, ...actions: BuilderAction[]) => actions.reduce(builderReducer, state);
const questionKeys = (state: BuilderState) => state.sections.map((s) => s.questions.map((q) => q.key));

const stored = {
  name: '客户满意度调查',
  nameEn: 'Customer satisfaction',
  description: null,
  locale: 'zh-CN',
  dimensions: [
    { code: 'TIMELINESS', name: '及时性', nameEn: null, weight: 0.3, position: 1 },
    { code: 'ATTITUDE', name: '服务态度', nameEn: 'Attitude', weight: 0.2, position: 0 },
  ],
  sections: [
    {
      title: '总体评价',
      titleEn: null,
      position: 0,
      questions: [
        {
          position: 1,
          type: 'TEXT' as const,
          text: '其他建议',
          textEn: null,
          required: false,
          dimension: null,
          choices: [],
        },
        {
          position: 0,
          type: 'RATING_5' as const,
          text: '服务态度',
          textEn: 'Attitude',
          required: true,
          dimension: { code: 'ATTITUDE' },
          choices: [],
        },
      ],
    },
  ],
};

describe('template builder', () => {
  it('loads a stored version in position order and writes it back unchanged', () => {
    const state = builderFromTemplate(stored);
    expect(state.dimensions.map((d) => d.code)).toEqual(['ATTITUDE', 'TIMELINESS']);
    expect(state.sections[0]!.questions.map((q) => q.text)).toEqual(['服务态度', '其他建议']);
    expect(toTemplateInput(state)).toEqual({
      name: '客户满意度调查',
      nameEn: 'Customer satisfaction',
      description: null,
      locale: 'zh-CN',
      dimensions: [
        { code: 'ATTITUDE', name: '服务态度', nameEn: 'Attitude', weight: 0.2 },
        { code: 'TIMELINESS', name: '及时性', nameEn: null, weight: 0.3 },
      ],
      sections: [
        {
          title: '总体评价',
          titleEn: null,
          questions: [
            {
              type: 'RATING_5',
              text: '服务态度',
              textEn: 'Attitude',
              required: true,
              dimensionCode: 'ATTITUDE',
              choices: null,
            },
            { type: 'TEXT', text: '其他建议', textEn: null, required: false, dimensionCode: null, choices: null },
          ],
        },
      ],
    });
    expect(weightSum(state)).toBeCloseTo(0.5);
  });

  it('adds, renames, reorders and removes sections', () => {
    let state = run(newBuilderState(), { type: 'addSection' }, { type: 'addSection' });
    const [a, b, c] = state.sections.map((s) => s.key);
    state = run(
      state,
      { type: 'updateSection', key: b!, patch: { title: '交付' } },
      { type: 'moveSection', key: b!, delta: -1 },
    );
    expect(state.sections.map((s) => s.key)).toEqual([b, a, c]);
    expect(state.sections[0]!.title).toBe('交付');
    // Moving the first one up changes nothing.
    expect(run(state, { type: 'moveSection', key: b!, delta: -1 }).sections.map((s) => s.key)).toEqual([b, a, c]);
    expect(run(state, { type: 'removeSection', key: a! }).sections.map((s) => s.key)).toEqual([b, c]);
    // Keys never repeat.
    const keys = state.sections.flatMap((s) => [s.key, ...s.questions.map((q) => q.key)]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('moves a question within its section and across the section edge', () => {
    let state = run(newBuilderState(), { type: 'addQuestion', sectionKey: 'k0' }, { type: 'addSection' });
    const [[q1, q2], [q3]] = questionKeys(state) as [[string, string], [string]];
    state = run(state, { type: 'moveQuestion', key: q2, delta: -1 });
    expect(questionKeys(state)).toEqual([[q2, q1], [q3]]);
    state = run(state, { type: 'moveQuestion', key: q1, delta: 1 });
    expect(questionKeys(state)).toEqual([[q2], [q1, q3]]);
    state = run(state, { type: 'moveQuestion', key: q1, delta: -1 });
    expect(questionKeys(state)).toEqual([[q2, q1], [q3]]);
    expect(run(state, { type: 'moveQuestion', key: q2, delta: -1 })).toEqual(state);
  });

  it('seeds two choices when a question becomes a choice question and sends choices only for choice types', () => {
    let state = run(newBuilderState(), { type: 'setQuestionType', key: 'k1', questionType: 'SINGLE_CHOICE' });
    const question = () => state.sections[0]!.questions[0]!;
    expect(question().choices).toHaveLength(2);
    const [c1, c2] = question().choices.map((c) => c.key) as [string, string];
    state = run(
      state,
      { type: 'updateChoice', questionKey: 'k1', key: c1, patch: { value: 'A', label: '很满意', score: '100' } },
      {
        type: 'updateChoice',
        questionKey: 'k1',
        key: c2,
        patch: { value: 'B', label: '不满意', labelEn: 'Unsatisfied', score: '0' },
      },
      { type: 'moveChoice', questionKey: 'k1', key: c2, delta: -1 },
    );
    expect(toTemplateInput(state).sections[0]!.questions[0]!.choices).toEqual([
      { value: 'B', label: '不满意', labelEn: 'Unsatisfied', score: 0 },
      { value: 'A', label: '很满意', labelEn: null, score: 100 },
    ]);
    state = run(state, { type: 'setQuestionType', key: 'k1', questionType: 'MULTI_CHOICE' });
    expect(question().choices).toHaveLength(2);
    // Multiple choices are never scored: the scores typed for the single choice stay in the draft but are not sent.
    expect(toTemplateInput(state).sections[0]!.questions[0]!.choices!.map((c) => c.score)).toEqual([null, null]);
    state = run(state, { type: 'setQuestionType', key: 'k1', questionType: 'NPS' });
    expect(toTemplateInput(state).sections[0]!.questions[0]!.choices).toBeNull();
    expect(
      run(state, { type: 'removeChoice', questionKey: 'k1', key: c1 }).sections[0]!.questions[0]!.choices,
    ).toHaveLength(1);
  });

  it('keeps questions pointing at their dimension when its code changes and unassigns them when it goes', () => {
    let state = builderFromTemplate(stored);
    const attitude = state.dimensions[0]!.key;
    state = run(state, { type: 'updateDimension', key: attitude, patch: { code: 'SERVICE_ATTITUDE' } });
    expect(state.sections[0]!.questions[0]!.dimensionCode).toBe('SERVICE_ATTITUDE');
    state = run(state, { type: 'removeDimension', key: attitude });
    expect(state.sections[0]!.questions[0]!.dimensionCode).toBe('');
    state = run(state, { type: 'addDimension' });
    expect(state.dimensions.at(-1)).toMatchObject({ code: '', weight: '1' });
  });

  it('finds what the server would refuse, keyed by the input path', () => {
    let state = run(newBuilderState(), { type: 'addDimension' }, { type: 'addDimension' }, { type: 'addSection' });
    const [d1, d2] = state.dimensions.map((d) => d.key) as [string, string];
    const lastSection = state.sections[1]!;
    state = run(
      state,
      { type: 'updateDimension', key: d1, patch: { code: 'ACCURACY', name: '准确性', weight: '0.4' } },
      { type: 'updateDimension', key: d2, patch: { code: 'ACCURACY', name: '', weight: '0' } },
      { type: 'removeQuestion', key: lastSection.questions[0]!.key },
      { type: 'setQuestionType', key: 'k1', questionType: 'SINGLE_CHOICE' },
    );
    const choice = state.sections[0]!.questions[0]!.choices[0]!;
    state = run(state, {
      type: 'updateChoice',
      questionKey: 'k1',
      key: choice.key,
      patch: { value: 'A', label: '是', score: '120' },
    });
    expect(builderProblems(state)).toEqual({
      name: 'required',
      'dimensions.1.code': 'duplicate',
      'dimensions.1.name': 'required',
      'dimensions.1.weight': 'weight',
      'sections.0.title': 'required',
      'sections.0.questions.0.text': 'required',
      'sections.0.questions.0.choices.0.score': 'score',
      'sections.0.questions.0.choices.1.value': 'required',
      'sections.0.questions.0.choices.1.label': 'required',
      'sections.1.title': 'required',
      'sections.1.questions': 'noQuestions',
    });
    expect(
      builderProblems(run(state, { type: 'updateDimension', key: d2, patch: { code: 'price' } }))['dimensions.1.code'],
    ).toBe('codeFormat');
    expect(builderProblems(builderFromTemplate(stored))).toEqual({});
  });

  it('mirrors the server on dimensions: known codes, only scorable questions, scored single choices', () => {
    let state = builderFromTemplate(stored);
    const [attitude] = state.sections[0]!.questions.map((q) => q.key) as [string, string];
    // A stale code (the dimension renamed elsewhere) is refused.
    state = run(state, { type: 'updateQuestion', key: attitude, patch: { dimensionCode: 'PRICE' } });
    expect(builderProblems(state)).toEqual({ 'sections.0.questions.0.dimensionCode': 'unknownDimension' });
    // A single choice in a dimension needs a scored choice.
    state = run(
      state,
      { type: 'updateQuestion', key: attitude, patch: { dimensionCode: 'ATTITUDE' } },
      { type: 'setQuestionType', key: attitude, questionType: 'SINGLE_CHOICE' },
    );
    const [c1, c2] = state.sections[0]!.questions[0]!.choices.map((c) => c.key) as [string, string];
    state = run(
      state,
      { type: 'updateChoice', questionKey: attitude, key: c1, patch: { value: 'Y', label: '满意' } },
      { type: 'updateChoice', questionKey: attitude, key: c2, patch: { value: 'N', label: '不满意' } },
    );
    expect(builderProblems(state)).toEqual({ 'sections.0.questions.0.dimensionCode': 'scoreNeeded' });
    state = run(state, { type: 'updateChoice', questionKey: attitude, key: c1, patch: { score: '100' } });
    expect(builderProblems(state)).toEqual({});
    // Text and multiple choice never carry a dimension, whatever the draft remembers.
    state = run(state, { type: 'setQuestionType', key: attitude, questionType: 'TEXT' });
    expect(builderProblems(state)).toEqual({});
    expect(toTemplateInput(state).sections[0]!.questions[0]).toMatchObject({
      type: 'TEXT',
      dimensionCode: null,
      choices: null,
    });
    // Codes have 2–40 characters; weights are at most 99.
    const d = state.dimensions[0]!.key;
    expect(
      builderProblems(run(state, { type: 'updateDimension', key: d, patch: { code: 'A' } }))['dimensions.0.code'],
    ).toBe('codeFormat');
    expect(
      builderProblems(run(state, { type: 'updateDimension', key: d, patch: { weight: '100' } }))['dimensions.0.weight'],
    ).toBe('weight');
  });

  it('previews the draft with the question form’s shape', () => {
    const sections = previewSections(builderFromTemplate(stored));
    expect(sections[0]!.questions.map((q) => [q.type, q.text, q.textEn])).toEqual([
      ['RATING_5', '服务态度', 'Attitude'],
      ['TEXT', '其他建议', null],
    ]);
  });
});
