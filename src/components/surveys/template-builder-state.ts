import type { QuestionType, SurveyTemplateInput } from '@/gql/graphql';
import {
  CHOICE_SCORE_RANGE,
  DIMENSION_CODE,
  MAX_WEIGHT,
  MIN_CHOICES,
  QUESTION_TYPES,
} from '@/graphql/survey-templates/survey-template-limits.rules';
import { isChoiceType, type FormSection } from './survey-answers';

export { QUESTION_TYPES };

/**
 * The template builder's state and reducer (pure, so the editing rules are unit-tested without a browser). Every
 * section, question, choice and dimension carries a local `key` for React and for the reducer's actions; numbers
 * (weights, scores) stay text while typed. Questions point at dimensions by code, as SurveyQuestionInput does, so a
 * renamed code follows into its questions and a removed dimension leaves them unassigned.
 */

export type ChoiceDraft = { key: string; value: string; label: string; labelEn: string; score: string };
export type QuestionDraft = {
  key: string;
  type: QuestionType;
  text: string;
  textEn: string;
  required: boolean;
  dimensionCode: string;
  choices: ChoiceDraft[];
};
export type SectionDraft = { key: string; title: string; titleEn: string; questions: QuestionDraft[] };
export type DimensionDraft = { key: string; code: string; name: string; nameEn: string; weight: string };

export type BuilderState = {
  name: string;
  nameEn: string;
  description: string;
  locale: string;
  dimensions: DimensionDraft[];
  sections: SectionDraft[];
  /** Source of the next local key. */
  nextKey: number;
};

type MetaField = 'name' | 'nameEn' | 'description';
type Delta = -1 | 1;

export type BuilderAction =
  | { type: 'setMeta'; field: MetaField; value: string }
  | { type: 'addSection' }
  | { type: 'updateSection'; key: string; patch: Partial<Pick<SectionDraft, 'title' | 'titleEn'>> }
  | { type: 'moveSection'; key: string; delta: Delta }
  | { type: 'removeSection'; key: string }
  | { type: 'addQuestion'; sectionKey: string }
  | {
      type: 'updateQuestion';
      key: string;
      patch: Partial<Pick<QuestionDraft, 'text' | 'textEn' | 'required' | 'dimensionCode'>>;
    }
  | { type: 'setQuestionType'; key: string; questionType: QuestionType }
  | { type: 'moveQuestion'; key: string; delta: Delta }
  | { type: 'removeQuestion'; key: string }
  | { type: 'addChoice'; questionKey: string }
  | { type: 'updateChoice'; questionKey: string; key: string; patch: Partial<Omit<ChoiceDraft, 'key'>> }
  | { type: 'moveChoice'; questionKey: string; key: string; delta: Delta }
  | { type: 'removeChoice'; questionKey: string; key: string }
  | { type: 'addDimension' }
  | { type: 'updateDimension'; key: string; patch: Partial<Omit<DimensionDraft, 'key'>> }
  | { type: 'removeDimension'; key: string }
  | { type: 'load'; state: BuilderState };

/** Actions that change positions: index-keyed field messages no longer point at the right thing afterwards. */
export const STRUCTURAL_ACTIONS = new Set<BuilderAction['type']>([
  'addSection',
  'moveSection',
  'removeSection',
  'addQuestion',
  'moveQuestion',
  'removeQuestion',
  'addChoice',
  'moveChoice',
  'removeChoice',
  'addDimension',
  'removeDimension',
  'load',
]);

const take = (state: BuilderState): [string, BuilderState] => [
  `k${state.nextKey}`,
  { ...state, nextKey: state.nextKey + 1 },
];

function move<T>(items: readonly T[], index: number, delta: Delta): T[] {
  const target = index + delta;
  if (index < 0 || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

const newChoice = (key: string): ChoiceDraft => ({ key, value: '', label: '', labelEn: '', score: '' });
const newQuestion = (key: string): QuestionDraft => ({
  key,
  type: 'RATING_5',
  text: '',
  textEn: '',
  required: true,
  dimensionCode: '',
  choices: [],
});

/** A new template: one section with one 1–5 question, no dimensions yet. */
export function newBuilderState(): BuilderState {
  return {
    name: '',
    nameEn: '',
    description: '',
    locale: 'zh-CN',
    dimensions: [],
    sections: [{ key: 'k0', title: '', titleEn: '', questions: [newQuestion('k1')] }],
    nextKey: 2,
  };
}

const mapQuestions = (state: BuilderState, fn: (q: QuestionDraft) => QuestionDraft): BuilderState => ({
  ...state,
  sections: state.sections.map((s) => ({ ...s, questions: s.questions.map(fn) })),
});

const mapQuestion = (state: BuilderState, key: string, fn: (q: QuestionDraft) => QuestionDraft) =>
  mapQuestions(state, (q) => (q.key === key ? fn(q) : q));

export function builderReducer(state: BuilderState, action: BuilderAction): BuilderState {
  switch (action.type) {
    case 'load':
      return action.state;
    case 'setMeta':
      return { ...state, [action.field]: action.value };
    case 'addSection': {
      const [sectionKey, s1] = take(state);
      const [questionKey, s2] = take(s1);
      return {
        ...s2,
        sections: [...s2.sections, { key: sectionKey, title: '', titleEn: '', questions: [newQuestion(questionKey)] }],
      };
    }
    case 'updateSection':
      return { ...state, sections: state.sections.map((s) => (s.key === action.key ? { ...s, ...action.patch } : s)) };
    case 'moveSection':
      return {
        ...state,
        sections: move(
          state.sections,
          state.sections.findIndex((s) => s.key === action.key),
          action.delta,
        ),
      };
    case 'removeSection':
      return { ...state, sections: state.sections.filter((s) => s.key !== action.key) };
    case 'addQuestion': {
      const [key, next] = take(state);
      return {
        ...next,
        sections: next.sections.map((s) =>
          s.key === action.sectionKey ? { ...s, questions: [...s.questions, newQuestion(key)] } : s,
        ),
      };
    }
    case 'updateQuestion':
      return mapQuestion(state, action.key, (q) => ({ ...q, ...action.patch }));
    case 'setQuestionType': {
      // A choice question needs at least two choices: switching to one offers two empty rows to fill in. Switching
      // away keeps the choices in the draft (switching back restores them); they are not sent for other types.
      let next = state;
      const seeded: ChoiceDraft[] = [];
      const question = state.sections.flatMap((s) => s.questions).find((q) => q.key === action.key);
      if (question && isChoiceType(action.questionType)) {
        while (question.choices.length + seeded.length < MIN_CHOICES) {
          const [key, after] = take(next);
          next = after;
          seeded.push(newChoice(key));
        }
      }
      return mapQuestion(next, action.key, (q) => ({
        ...q,
        type: action.questionType,
        choices: [...q.choices, ...seeded],
      }));
    }
    case 'moveQuestion':
      return moveQuestion(state, action.key, action.delta);
    case 'removeQuestion':
      return {
        ...state,
        sections: state.sections.map((s) => ({ ...s, questions: s.questions.filter((q) => q.key !== action.key) })),
      };
    case 'addChoice': {
      const [key, next] = take(state);
      return mapQuestion(next, action.questionKey, (q) => ({ ...q, choices: [...q.choices, newChoice(key)] }));
    }
    case 'updateChoice':
      return mapQuestion(state, action.questionKey, (q) => ({
        ...q,
        choices: q.choices.map((c) => (c.key === action.key ? { ...c, ...action.patch } : c)),
      }));
    case 'moveChoice':
      return mapQuestion(state, action.questionKey, (q) => ({
        ...q,
        choices: move(
          q.choices,
          q.choices.findIndex((c) => c.key === action.key),
          action.delta,
        ),
      }));
    case 'removeChoice':
      return mapQuestion(state, action.questionKey, (q) => ({
        ...q,
        choices: q.choices.filter((c) => c.key !== action.key),
      }));
    case 'addDimension': {
      const [key, next] = take(state);
      return { ...next, dimensions: [...next.dimensions, { key, code: '', name: '', nameEn: '', weight: '1' }] };
    }
    case 'updateDimension': {
      const before = state.dimensions.find((d) => d.key === action.key);
      if (!before) return state;
      const after = { ...before, ...action.patch };
      const dimensions = state.dimensions.map((d) => (d.key === action.key ? after : d));
      // Questions follow their dimension's new code (they refer to it by code).
      const renamed = before.code !== after.code && before.code !== '';
      const next = { ...state, dimensions };
      return renamed
        ? mapQuestions(next, (q) => (q.dimensionCode === before.code ? { ...q, dimensionCode: after.code } : q))
        : next;
    }
    case 'removeDimension': {
      const removed = state.dimensions.find((d) => d.key === action.key);
      const next = { ...state, dimensions: state.dimensions.filter((d) => d.key !== action.key) };
      return removed
        ? mapQuestions(next, (q) => (q.dimensionCode === removed.code ? { ...q, dimensionCode: '' } : q))
        : next;
    }
  }
}

/** Up/down within the section; past its edge the question moves into the neighbouring section (end or start). */
function moveQuestion(state: BuilderState, key: string, delta: Delta): BuilderState {
  const sectionIndex = state.sections.findIndex((s) => s.questions.some((q) => q.key === key));
  if (sectionIndex < 0) return state;
  const section = state.sections[sectionIndex]!;
  const index = section.questions.findIndex((q) => q.key === key);
  const target = index + delta;
  if (target >= 0 && target < section.questions.length) {
    return {
      ...state,
      sections: state.sections.map((s, i) =>
        i === sectionIndex ? { ...s, questions: move(s.questions, index, delta) } : s,
      ),
    };
  }
  const neighbourIndex = sectionIndex + delta;
  if (neighbourIndex < 0 || neighbourIndex >= state.sections.length) return state;
  const question = section.questions[index]!;
  return {
    ...state,
    sections: state.sections.map((s, i) => {
      if (i === sectionIndex) return { ...s, questions: s.questions.filter((q) => q.key !== key) };
      if (i === neighbourIndex)
        return { ...s, questions: delta < 0 ? [...s.questions, question] : [question, ...s.questions] };
      return s;
    }),
  };
}

// ───────────────────────────── reading and writing templates ─────────────────────────────

type LoadedTemplate = {
  name: string;
  nameEn?: string | null;
  description?: string | null;
  locale: string;
  dimensions: readonly { code: string; name: string; nameEn?: string | null; weight: number; position: number }[];
  sections: readonly {
    title: string;
    titleEn?: string | null;
    position: number;
    questions: readonly {
      position: number;
      type: QuestionType;
      text: string;
      textEn?: string | null;
      required: boolean;
      dimension?: { code: string } | null;
      choices: readonly { value: string; label: string; labelEn?: string | null; score?: number | null }[];
    }[];
  }[];
};

const byPosition = <T extends { position: number }>(items: readonly T[]) =>
  [...items].sort((a, b) => a.position - b.position);

/** A stored template version into the builder (to edit it, or to start the next version from it). */
export function builderFromTemplate(template: LoadedTemplate): BuilderState {
  let n = 0;
  const key = () => `k${n++}`;
  const dimensions = byPosition(template.dimensions).map((d) => ({
    key: key(),
    code: d.code,
    name: d.name,
    nameEn: d.nameEn ?? '',
    weight: String(d.weight),
  }));
  const sections = byPosition(template.sections).map((s) => ({
    key: key(),
    title: s.title,
    titleEn: s.titleEn ?? '',
    questions: byPosition(s.questions).map((q) => ({
      key: key(),
      type: q.type,
      text: q.text,
      textEn: q.textEn ?? '',
      required: q.required,
      dimensionCode: q.dimension?.code ?? '',
      choices: q.choices.map((c) => ({
        key: key(),
        value: c.value,
        label: c.label,
        labelEn: c.labelEn ?? '',
        score: c.score == null ? '' : String(c.score),
      })),
    })),
  }));
  return {
    name: template.name,
    nameEn: template.nameEn ?? '',
    description: template.description ?? '',
    locale: template.locale,
    dimensions,
    sections,
    nextKey: n,
  };
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());
const parseNumber = (value: string): number | null =>
  value.trim() === '' || !Number.isFinite(Number(value)) ? null : Number(value);

/** The sum of the weights that parse (the index divides by it, so weights need not add up to 1). */
export const weightSum = (state: BuilderState) =>
  state.dimensions.reduce((sum, d) => sum + (parseNumber(d.weight) ?? 0), 0);

/** The API's input; call after builderProblems() found nothing. */
export function toTemplateInput(state: BuilderState): SurveyTemplateInput {
  return {
    name: state.name.trim(),
    nameEn: blankToNull(state.nameEn),
    description: blankToNull(state.description),
    locale: state.locale,
    dimensions: state.dimensions.map((d) => ({
      code: d.code.trim(),
      name: d.name.trim(),
      nameEn: blankToNull(d.nameEn),
      weight: parseNumber(d.weight) ?? 0,
    })),
    sections: state.sections.map((s) => ({
      title: s.title.trim(),
      titleEn: blankToNull(s.titleEn),
      questions: s.questions.map((q) => ({
        type: q.type,
        text: q.text.trim(),
        textEn: blankToNull(q.textEn),
        required: q.required,
        // A dimension or scores left over from an earlier type are not sent (the server refuses them there).
        dimensionCode: canHaveDimension(q.type) ? blankToNull(q.dimensionCode) : null,
        choices: isChoiceType(q.type)
          ? q.choices.map((c) => ({
              value: c.value.trim(),
              label: c.label.trim(),
              labelEn: blankToNull(c.labelEn),
              score: canHaveScores(q.type) ? parseNumber(c.score) : null,
            }))
          : null,
      })),
    })),
  };
}

export type BuilderProblem =
  | 'required'
  | 'duplicate'
  | 'codeFormat'
  | 'weight'
  | 'score'
  | 'tooFewChoices'
  | 'noQuestions'
  | 'noSections'
  | 'unknownDimension'
  | 'scoreNeeded';

/**
 * Only what can be put on the index's 0–100 scale belongs to a dimension: ratings, NPS and single choices with scores.
 * Text and multiple-choice questions never count (the server refuses a dimension or choice scores on them).
 */
export const canHaveDimension = (type: QuestionType) => type !== 'TEXT' && type !== 'MULTI_CHOICE';
export const canHaveScores = (type: QuestionType) => type === 'SINGLE_CHOICE';

/**
 * What the server would refuse, keyed by the input's path (`sections.0.questions.2.text`), the way BAD_USER_INPUT
 * names fields, so client and server messages land under the same control.
 */
export function builderProblems(state: BuilderState): Record<string, BuilderProblem> {
  const problems: Record<string, BuilderProblem> = {};
  if (!state.name.trim()) problems.name = 'required';
  const codes = new Set<string>();
  state.dimensions.forEach((d, i) => {
    const code = d.code.trim();
    if (!code) problems[`dimensions.${i}.code`] = 'required';
    else if (!DIMENSION_CODE.test(code)) problems[`dimensions.${i}.code`] = 'codeFormat';
    else if (codes.has(code)) problems[`dimensions.${i}.code`] = 'duplicate';
    codes.add(code);
    if (!d.name.trim()) problems[`dimensions.${i}.name`] = 'required';
    const weight = parseNumber(d.weight);
    if (weight === null || weight <= 0 || weight > MAX_WEIGHT) problems[`dimensions.${i}.weight`] = 'weight';
  });
  if (state.sections.length === 0) problems.sections = 'noSections';
  state.sections.forEach((s, si) => {
    const base = `sections.${si}`;
    if (!s.title.trim()) problems[`${base}.title`] = 'required';
    if (s.questions.length === 0) problems[`${base}.questions`] = 'noQuestions';
    s.questions.forEach((q, qi) => {
      const path = `${base}.questions.${qi}`;
      if (!q.text.trim()) problems[`${path}.text`] = 'required';
      const dimension = canHaveDimension(q.type) ? q.dimensionCode.trim() : '';
      if (dimension && !codes.has(dimension)) problems[`${path}.dimensionCode`] = 'unknownDimension';
      else if (dimension && q.type === 'SINGLE_CHOICE' && q.choices.every((c) => c.score.trim() === ''))
        problems[`${path}.dimensionCode`] = 'scoreNeeded';
      if (!isChoiceType(q.type)) return;
      if (q.choices.length < MIN_CHOICES) problems[`${path}.choices`] = 'tooFewChoices';
      const values = new Set<string>();
      q.choices.forEach((c, ci) => {
        const value = c.value.trim();
        if (!value) problems[`${path}.choices.${ci}.value`] = 'required';
        else if (values.has(value)) problems[`${path}.choices.${ci}.value`] = 'duplicate';
        values.add(value);
        if (!c.label.trim()) problems[`${path}.choices.${ci}.label`] = 'required';
        const score = c.score.trim() === '' ? null : parseNumber(c.score);
        if (
          canHaveScores(q.type) &&
          c.score.trim() !== '' &&
          (score === null || score < CHOICE_SCORE_RANGE[0] || score > CHOICE_SCORE_RANGE[1])
        )
          problems[`${path}.choices.${ci}.score`] = 'score';
      });
    });
  });
  return problems;
}

/** The draft as the question form reads it, for the live preview (local keys stand in for ids). */
export function previewSections(state: BuilderState): FormSection[] {
  return state.sections.map((s) => ({
    id: s.key,
    title: s.title,
    titleEn: s.titleEn || null,
    questions: s.questions.map((q) => ({
      id: q.key,
      type: q.type,
      text: q.text,
      textEn: q.textEn || null,
      required: q.required,
      choices: isChoiceType(q.type)
        ? q.choices.map((c) => ({ value: c.value || c.key, label: c.label, labelEn: c.labelEn || null }))
        : [],
    })),
  }));
}

export const questionCount = (state: BuilderState) => state.sections.reduce((n, s) => n + s.questions.length, 0);
