'use client';
import { getFragmentData, graphql } from '@/gql';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useReducer, useState } from 'react';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { FormField, TextField } from '@/components/ui/form-field';
import { TextareaField } from '@/components/ui/form-controls';
import { PageHeader } from '@/components/ui/page-header';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { useHydrated } from '@/components/ui/use-hydrated';
import { fieldErrorsOf } from '@/lib/gql-error-message';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { isChoiceType } from './survey-answers';
import type {
  SurveyFormTemplateFragment as FormTemplate,
  SurveyTemplateQuery as SurveyTemplateResult,
} from '@/gql/graphql';
import { SurveyFormTemplateFragment, SurveyQuestions } from './survey-questions';
import { FormPageState, FormSummary, useSurveyErrorMessage } from './survey-ui';
import {
  builderFromTemplate,
  builderProblems,
  builderReducer,
  canHaveDimension,
  canHaveScores,
  newBuilderState,
  previewSections,
  QUESTION_TYPES,
  questionCount,
  STRUCTURAL_ACTIONS,
  toTemplateInput,
  weightSum,
  type BuilderAction,
  type BuilderState,
  type ChoiceDraft,
  type DimensionDraft,
  type QuestionDraft,
  type SectionDraft,
} from './template-builder-state';

/** One version in full: what the builder edits and the template page shows (the question form's selection, and scoring). */
export const SurveyTemplateQuery = graphql(`
  query SurveyTemplate($id: ID!) {
    surveyTemplate(id: $id) {
      ...SurveyFormTemplate
      key
      version
      description
      locale
      isDefault
      archivedAt
      createdAt
      inUse
      isLatest
      dimensions {
        id
        code
        name
        nameEn
        weight
        position
      }
      sections {
        questions {
          scored
          dimension {
            id
            code
          }
          choices {
            score
          }
        }
      }
      versions {
        id
        version
        createdAt
        inUse
        archivedAt
      }
    }
  }
`);

export const SurveyCreateTemplateMutation = graphql(`
  mutation SurveyCreateTemplate($input: SurveyTemplateInput!) {
    createSurveyTemplate(input: $input) {
      id
      version
    }
  }
`);

export const SurveyUpdateTemplateMutation = graphql(`
  mutation SurveyUpdateTemplate($id: ID!, $input: SurveyTemplateInput!) {
    updateSurveyTemplate(id: $id, input: $input) {
      id
      version
    }
  }
`);

type TemplateRecord = NonNullable<SurveyTemplateResult['surveyTemplate']>;
type RecordQuestion = TemplateRecord['sections'][number]['questions'][number];
type FormSection = FormTemplate['sections'][number];
type FormQuestion = FormSection['questions'][number];
/** A template as SurveyTemplateQuery reads it: the question form's fragment and the query's own scoring fields, merged. */
export type TemplateDetail = Omit<TemplateRecord, 'sections' | ' $fragmentRefs'> &
  Omit<FormTemplate, 'sections' | ' $fragmentName'> & {
    sections: (Omit<FormSection, 'questions'> & {
      questions: (Omit<FormQuestion, 'choices'> &
        Omit<RecordQuestion, 'choices'> & {
          choices: (FormQuestion['choices'][number] & RecordQuestion['choices'][number])[];
        })[];
    })[];
  };

/**
 * Unmasks the question form's fragment of a SurveyTemplateQuery template. One object at runtime (the response merges
 * the fragment's selection with the query's own, section by section and question by question); only the type is joined.
 */
export function templateDetail(template: TemplateRecord): TemplateDetail {
  return getFragmentData(SurveyFormTemplateFragment, template) as TemplateDetail;
}

type Loaded = {
  state: BuilderState;
  templateId: string | null;
  inUse: boolean;
  nextVersion: number;
  version: number | null;
};

/** New template (no id) or edit of a template's latest version. */
export function TemplateBuilder({ templateId }: { templateId?: string }) {
  const t = useTranslations('surveys.builder');
  const query = useGqlQuery(SurveyTemplateQuery, { id: templateId ?? '' }, { enabled: Boolean(templateId) });
  const data = useMemo((): Loaded | null | undefined => {
    if (!templateId) return { state: newBuilderState(), templateId: null, inUse: false, nextVersion: 1, version: null };
    if (!query.data) return undefined;
    if (!query.data.surveyTemplate) return null;
    const surveyTemplate = templateDetail(query.data.surveyTemplate);
    const highest = Math.max(surveyTemplate.version, ...surveyTemplate.versions.map((v) => v.version));
    return {
      state: builderFromTemplate(surveyTemplate),
      templateId: surveyTemplate.id,
      inUse: surveyTemplate.inUse,
      nextVersion: highest + 1,
      version: surveyTemplate.version,
    };
  }, [templateId, query.data]);
  const loaded = { data, error: query.error, reload: () => void query.refetch() };

  const back = templateId ? `/console/surveys/templates/${templateId}` : '/console/surveys/templates';
  const header = (
    <>
      <Link href={back} className="text-sm text-blue-700 hover:underline">
        ← {templateId ? t('backToTemplate') : t('backToList')}
      </Link>
      <PageHeader title={templateId ? t('editTitle') : t('newTitle')} subtitle={t('subtitle')} />
    </>
  );
  return (
    <FormPageState
      header={header}
      loaded={loaded}
      loadingLabel={t('loading')}
      notFoundLabel={t('notFound')}
      errorTestId="builder-error"
      notFoundTestId="builder-not-found"
    >
      {(data) => <BuilderForm loaded={data} />}
    </FormPageState>
  );
}

function BuilderForm({ loaded }: { loaded: Loaded }) {
  const t = useTranslations('surveys.builder');
  const tp = useTranslations('surveys.builder.problem');
  const router = useRouter();
  const locale = useLocale();
  const errorMessage = useSurveyErrorMessage();
  const [state, dispatchRaw] = useReducer(builderReducer, loaded.state);
  const create = useGqlMutation(SurveyCreateTemplateMutation, { invalidates: ['Survey'] });
  const update = useGqlMutation(SurveyUpdateTemplateMutation, { invalidates: ['Survey'] });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [view, setView] = useState<'edit' | 'preview'>('edit');
  const [undo, setUndo] = useState<{ state: BuilderState; what: string } | null>(null);
  const [dirty, setDirty] = useState(false);
  const ready = useHydrated();
  // Leaving with unsaved edits asks first (the browser's own dialog).
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const dispatch = (action: BuilderAction, clearKey?: string) => {
    dispatchRaw(action);
    setDirty(true);
    // Messages are keyed by position (sections.1.questions.0.text): once positions change they would point at the
    // wrong control, so a structural edit clears them all; a text edit clears its own.
    if (STRUCTURAL_ACTIONS.has(action.type)) setErrors({});
    else if (clearKey) setErrors(({ [clearKey]: _cleared, ...rest }) => rest);
  };
  const remove = (action: BuilderAction, what: string) => {
    setUndo({ state, what });
    dispatch(action);
  };

  // A section with questions goes only after a confirmation (and can still be undone).
  const removeSection = useConfirmedAction(
    async (section: SectionDraft) =>
      remove({ type: 'removeSection', key: section.key }, section.title || t('untitledSection')),
    (section) => ({
      title: t('removeSectionTitle'),
      body: t('removeSectionBody', { title: section.title || t('untitledSection'), count: section.questions.length }),
      confirmLabel: t('removeSection'),
      pendingLabel: t('removeSection'),
      tone: 'danger',
    }),
    errorMessage,
  );

  const problemText = (problem: string) => (tp.has(problem) ? tp(problem) : problem);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setFormError(null);
    const problems = builderProblems(state);
    if (Object.keys(problems).length > 0) {
      setErrors(Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, problemText(p)])));
      setFormError(t('fixProblems', { count: Object.keys(problems).length }));
      setView('edit');
      return;
    }
    setSaving(true);
    try {
      const input = toTemplateInput(state);
      const written = loaded.templateId
        ? (await update.mutateAsync({ id: loaded.templateId, input })).updateSurveyTemplate
        : (await create.mutateAsync({ input })).createSurveyTemplate;
      setDirty(false);
      // The version written may be a new one (the edited version is in use): show that one.
      router.push(`/console/surveys/templates/${written.id}`);
    } catch (error) {
      setSaving(false);
      const fields = fieldErrorsOf(error);
      if (Object.keys(fields).length > 0) {
        const normalized = Object.fromEntries(Object.entries(fields).map(([k, m]) => [k.replace(/^input\./, ''), m]));
        setErrors(normalized);
        setFormError(t('fixProblems', { count: Object.keys(normalized).length }));
        setView('edit');
      } else {
        setFormError(errorMessage(error));
      }
    }
  };

  const sum = weightSum(state);
  const errorList = Object.entries(errors);

  return (
    <form onSubmit={save} noValidate data-ready={ready} className="space-y-5" data-testid="template-builder">
      {loaded.inUse && (
        <p
          role="status"
          className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          data-testid="builder-in-use"
        >
          {t('inUseBanner', { version: loaded.nextVersion })}
        </p>
      )}
      {formError && (
        <FormSummary message={formError} focus testId="builder-summary">
          {/* Server messages for fields the builder has no control for still reach the person. */}
          {errorList.some(([key]) => !isShownKey(key)) && (
            <ul className="mt-1 list-disc pl-5">
              {errorList
                .filter(([key]) => !isShownKey(key))
                .map(([key, message]) => (
                  <li key={key}>{message}</li>
                ))}
            </ul>
          )}
        </FormSummary>
      )}
      {undo && (
        <div
          role="status"
          className="flex flex-wrap items-center justify-between gap-3 rounded border border-slate-200 bg-white px-4 py-2 text-sm"
          data-testid="builder-undo"
        >
          <span>{t('removed', { what: undo.what })}</span>
          <button
            type="button"
            className={buttonClass.ghost}
            onClick={() => {
              dispatch({ type: 'load', state: undo.state });
              setUndo(null);
            }}
          >
            {t('undo')}
          </button>
        </div>
      )}

      <div role="tablist" aria-label={t('viewLabel')} className="flex gap-1 border-b border-slate-200 text-sm">
        {(['edit', 'preview'] as const).map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            id={`builder-tab-${v}`}
            aria-selected={view === v}
            aria-controls={`builder-panel-${v}`}
            onClick={() => setView(v)}
            data-testid={`builder-tab-${v}`}
            className={`-mb-px border-b-2 px-3 py-2 focus-visible:outline-2 focus-visible:outline-blue-700 ${view === v ? 'border-blue-700 font-medium text-blue-800' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t(`view.${v}`)}
          </button>
        ))}
      </div>

      {view === 'preview' ? (
        <div
          id="builder-panel-preview"
          role="tabpanel"
          aria-labelledby="builder-tab-preview"
          className="space-y-3"
          data-testid="builder-preview"
        >
          <p className="text-sm text-slate-600">{t('previewHint')}</p>
          <div className="mx-auto max-w-2xl rounded-lg border border-slate-200 bg-slate-50 p-4">
            <h2 className="mb-4 text-lg font-semibold">
              {(locale.startsWith('en') && state.nameEn) || state.name || t('untitled')}
            </h2>
            <SurveyQuestions sections={previewSections(state)} answers={{}} readOnly idPrefix="preview" />
          </div>
        </div>
      ) : (
        <div id="builder-panel-edit" role="tabpanel" aria-labelledby="builder-tab-edit" className="space-y-6">
          <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="text-sm font-semibold text-slate-800">{t('basics')}</h2>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField
                id="tpl-name"
                label={t('name')}
                required
                error={errors.name}
                errorTestId="builder-error-name"
                value={state.name}
                onChange={(value) => dispatch({ type: 'setMeta', field: 'name', value }, 'name')}
                testId="builder-name"
              />
              <TextField
                id="tpl-nameEn"
                label={t('nameEn')}
                error={errors.nameEn}
                lang="en"
                value={state.nameEn}
                onChange={(value) => dispatch({ type: 'setMeta', field: 'nameEn', value }, 'nameEn')}
              />
            </div>
            <TextareaField
              id="tpl-description"
              label={t('description')}
              error={errors.description}
              rows={2}
              value={state.description}
              onChange={(value) => dispatch({ type: 'setMeta', field: 'description', value }, 'description')}
            />
          </section>

          <DimensionsEditor
            dimensions={state.dimensions}
            errors={errors}
            sum={sum}
            dispatch={dispatch}
            remove={remove}
          />

          <section aria-labelledby="builder-sections" className="space-y-4">
            <div className="flex items-center justify-between">
              <h2 id="builder-sections" className="text-sm font-semibold text-slate-800">
                {t('sections', { sections: state.sections.length, questions: questionCount(state) })}
              </h2>
            </div>
            {errors.sections && <p className="text-sm text-red-700">{errors.sections}</p>}
            {state.sections.map((section, index) => (
              <SectionEditor
                key={section.key}
                section={section}
                index={index}
                count={state.sections.length}
                dimensions={state.dimensions}
                errors={errors}
                dispatch={dispatch}
                remove={remove}
                onRemoveSection={() =>
                  section.questions.length > 0
                    ? removeSection.ask(section)
                    : remove({ type: 'removeSection', key: section.key }, t('sectionN', { n: index + 1 }))
                }
              />
            ))}
            <AddButton onClick={() => dispatch({ type: 'addSection' })} testId="builder-add-section">
              {t('addSection')}
            </AddButton>
          </section>
        </div>
      )}

      <div className="sticky bottom-0 -mx-6 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-6 py-3 backdrop-blur">
        <button type="submit" className={buttonClass.primary} disabled={saving} data-testid="builder-save">
          {saving ? t('saving') : loaded.inUse ? t('saveAsVersion', { version: loaded.nextVersion }) : t('save')}
        </button>
        <Link
          href={loaded.templateId ? `/console/surveys/templates/${loaded.templateId}` : '/console/surveys/templates'}
          className={buttonClass.secondary}
        >
          {t('cancel')}
        </Link>
        {dirty && <span className="text-xs text-slate-500">{t('unsaved')}</span>}
      </div>

      {removeSection.dialog}
    </form>
  );
}

/** Keys the builder shows beside a control; anything else goes to the summary. */
function isShownKey(key: string): boolean {
  return (
    ['name', 'nameEn', 'description', 'sections'].includes(key) ||
    /^dimensions\.\d+\.(code|name|nameEn|weight)$/.test(key) ||
    /^sections\.\d+\.(title|titleEn|questions)$/.test(key) ||
    /^sections\.\d+\.questions\.\d+\.(text|textEn|type|dimensionCode|choices)$/.test(key) ||
    /^sections\.\d+\.questions\.\d+\.choices\.\d+\.(value|label|labelEn|score)$/.test(key)
  );
}

/** "+ Add …" under a list of the builder (a section, a dimension, a question, a choice). */
function AddButton({
  kind = 'secondary',
  onClick,
  testId,
  children,
}: {
  kind?: 'secondary' | 'ghost';
  onClick: () => void;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <button type="button" className={buttonClass[kind]} onClick={onClick} data-testid={testId}>
      + {children}
    </button>
  );
}

type Dispatch = (action: BuilderAction, clearKey?: string) => void;
type Remove = (action: BuilderAction, what: string) => void;

/**
 * Up / down (when the item can move) and remove for one item of the builder; labelled for screen readers, usable with
 * Tab and Enter. `testId` prefixes the buttons' ids (`<testId>-up`, `-down`, `-remove`).
 */
function ItemButtons({
  label,
  canMoveUp,
  canMoveDown,
  onMove,
  onRemove,
  testId,
}: {
  label: string;
  canMoveUp?: boolean;
  canMoveDown?: boolean;
  onMove?: (delta: -1 | 1) => void;
  onRemove: () => void;
  testId: string;
}) {
  const t = useTranslations('surveys.builder');
  return (
    <div className="flex shrink-0 items-center gap-0.5">
      {onMove && (
        <>
          <button
            type="button"
            className={buttonClass.ghost}
            onClick={() => onMove(-1)}
            disabled={!canMoveUp}
            aria-label={t('moveUp', { item: label })}
            data-testid={`${testId}-up`}
          >
            ↑
          </button>
          <button
            type="button"
            className={buttonClass.ghost}
            onClick={() => onMove(1)}
            disabled={!canMoveDown}
            aria-label={t('moveDown', { item: label })}
            data-testid={`${testId}-down`}
          >
            ↓
          </button>
        </>
      )}
      <button
        type="button"
        className={buttonClass.dangerGhost}
        onClick={onRemove}
        aria-label={t('removeItem', { item: label })}
        data-testid={`${testId}-remove`}
      >
        {t('remove')}
      </button>
    </div>
  );
}

function DimensionsEditor({
  dimensions,
  errors,
  sum,
  dispatch,
  remove,
}: {
  dimensions: DimensionDraft[];
  errors: Record<string, string>;
  sum: number;
  dispatch: Dispatch;
  remove: Remove;
}) {
  const t = useTranslations('surveys.builder');
  const locale = useLocale();
  return (
    <section
      aria-labelledby="builder-dimensions"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
      data-testid="builder-dimensions"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="builder-dimensions" className="text-sm font-semibold text-slate-800">
          {t('dimensions')}
        </h2>
        <p className="text-sm" data-testid="builder-weight-sum">
          {t('weightSum', { sum: new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(sum) })}
        </p>
      </div>
      <p className="text-xs text-slate-500">{t('weightNote')}</p>
      {dimensions.length === 0 && <p className="text-sm text-slate-500">{t('noDimensions')}</p>}
      {dimensions.map((d, i) => {
        const field = (
          name: 'code' | 'name' | 'nameEn' | 'weight',
          label: string,
          props: { required?: boolean; className?: string; inputMode?: 'decimal'; lang?: string; mono?: boolean },
        ) => {
          const key = `dimensions.${i}.${name}`;
          return (
            <TextField
              id={`tpl-${d.key}-${name}`}
              label={label}
              required={props.required}
              error={errors[key]}
              className={props.className}
              lang={props.lang}
              inputMode={props.inputMode}
              inputClassName={props.mono ? 'font-mono uppercase' : ''}
              value={d[name]}
              onChange={(value) =>
                dispatch(
                  {
                    type: 'updateDimension',
                    key: d.key,
                    patch: { [name]: name === 'code' ? value.toUpperCase() : value },
                  },
                  key,
                )
              }
              testId={`builder-dimension-${name}`}
            />
          );
        };
        const label = d.name || d.code || t('dimensionN', { n: i + 1 });
        return (
          <div
            key={d.key}
            className="grid items-start gap-3 rounded border border-slate-100 p-3 sm:grid-cols-[9rem_1fr_1fr_6rem_auto]"
            data-testid="builder-dimension"
          >
            {field('code', t('dimensionCode'), { required: true, mono: true })}
            {field('name', t('dimensionName'), { required: true })}
            {field('nameEn', t('dimensionNameEn'), { lang: 'en' })}
            {field('weight', t('dimensionWeight'), { required: true, inputMode: 'decimal' })}
            <div className="sm:pt-5">
              <ItemButtons
                label={label}
                onRemove={() => remove({ type: 'removeDimension', key: d.key }, label)}
                testId="builder-dimension"
              />
            </div>
          </div>
        );
      })}
      <AddButton onClick={() => dispatch({ type: 'addDimension' })} testId="builder-add-dimension">
        {t('addDimension')}
      </AddButton>
    </section>
  );
}

function SectionEditor({
  section,
  index,
  count,
  dimensions,
  errors,
  dispatch,
  remove,
  onRemoveSection,
}: {
  section: SectionDraft;
  index: number;
  count: number;
  dimensions: DimensionDraft[];
  errors: Record<string, string>;
  dispatch: Dispatch;
  remove: Remove;
  onRemoveSection: () => void;
}) {
  const t = useTranslations('surveys.builder');
  const base = `sections.${index}`;
  const label = section.title || t('sectionN', { n: index + 1 });
  return (
    <section
      aria-label={label}
      className="space-y-4 rounded-lg border border-slate-300 bg-white p-5"
      data-testid="builder-section"
    >
      <div className="flex flex-wrap items-start gap-3">
        <span className="mt-6 rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">
          {t('sectionN', { n: index + 1 })}
        </span>
        <TextField
          id={`tpl-${section.key}-title`}
          label={t('sectionTitle')}
          required
          error={errors[`${base}.title`]}
          className="min-w-48 flex-1"
          value={section.title}
          onChange={(title) => dispatch({ type: 'updateSection', key: section.key, patch: { title } }, `${base}.title`)}
          testId="builder-section-title"
        />
        <TextField
          id={`tpl-${section.key}-titleEn`}
          label={t('sectionTitleEn')}
          error={errors[`${base}.titleEn`]}
          className="min-w-48 flex-1"
          lang="en"
          value={section.titleEn}
          onChange={(titleEn) =>
            dispatch({ type: 'updateSection', key: section.key, patch: { titleEn } }, `${base}.titleEn`)
          }
        />
        <div className="sm:pt-5">
          <ItemButtons
            label={label}
            canMoveUp={index > 0}
            canMoveDown={index < count - 1}
            onMove={(delta) => dispatch({ type: 'moveSection', key: section.key, delta })}
            onRemove={onRemoveSection}
            testId="builder-section"
          />
        </div>
      </div>
      {errors[`${base}.questions`] && <p className="text-sm text-red-700">{errors[`${base}.questions`]}</p>}
      <ol className="space-y-3">
        {section.questions.map((question, qi) => (
          <QuestionEditor
            key={question.key}
            question={question}
            path={`${base}.questions.${qi}`}
            number={qi + 1}
            // Moving past a section's edge goes into the neighbour, so only the very first and last stop.
            canMoveUp={qi > 0 || index > 0}
            canMoveDown={qi < section.questions.length - 1 || index < count - 1}
            dimensions={dimensions}
            errors={errors}
            dispatch={dispatch}
            remove={remove}
          />
        ))}
      </ol>
      <AddButton
        onClick={() => dispatch({ type: 'addQuestion', sectionKey: section.key })}
        testId="builder-add-question"
      >
        {t('addQuestion')}
      </AddButton>
    </section>
  );
}

function QuestionEditor({
  question,
  path,
  number,
  canMoveUp,
  canMoveDown,
  dimensions,
  errors,
  dispatch,
  remove,
}: {
  question: QuestionDraft;
  path: string;
  number: number;
  canMoveUp: boolean;
  canMoveDown: boolean;
  dimensions: DimensionDraft[];
  errors: Record<string, string>;
  dispatch: Dispatch;
  remove: Remove;
}) {
  const t = useTranslations('surveys.builder');
  const tq = useTranslations('surveys.questionType');
  const label = question.text ? `${number}. ${question.text}` : t('questionN', { n: number });
  const id = `tpl-${question.key}`;
  return (
    <li className="space-y-3 rounded border border-slate-200 bg-slate-50/60 p-4" data-testid="builder-question">
      <div className="flex flex-wrap items-start gap-3">
        <span className="mt-6 w-6 text-right text-sm font-medium text-slate-500">{number}.</span>
        <FormField id={`${id}-type`} label={t('questionType')} className="w-40" error={errors[`${path}.type`]}>
          {(p) => (
            <select
              {...p}
              className={inputClass}
              value={question.type}
              onChange={(e) =>
                dispatch({
                  type: 'setQuestionType',
                  key: question.key,
                  questionType: QUESTION_TYPES.find((qt) => qt === e.target.value) ?? 'RATING_5',
                })
              }
              data-testid="builder-question-type"
            >
              {QUESTION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {tq(type)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id={`${id}-dimension`}
          label={t('questionDimension')}
          className="w-44"
          error={errors[`${path}.dimensionCode`]}
          hint={canHaveDimension(question.type) ? undefined : t('notScoredHint')}
        >
          {(p) => (
            <select
              {...p}
              className={inputClass}
              // Text and multiple-choice answers cannot be put on the index's scale, so they belong to no dimension.
              disabled={!canHaveDimension(question.type)}
              value={canHaveDimension(question.type) ? question.dimensionCode : ''}
              onChange={(e) =>
                dispatch(
                  { type: 'updateQuestion', key: question.key, patch: { dimensionCode: e.target.value } },
                  `${path}.dimensionCode`,
                )
              }
              data-testid="builder-question-dimension"
            >
              <option value="">{t('noDimension')}</option>
              {dimensions
                .filter((d) => d.code.trim())
                .map((d) => (
                  <option key={d.key} value={d.code}>
                    {d.name || d.code} ({d.code})
                  </option>
                ))}
            </select>
          )}
        </FormField>
        <div className="mt-6 flex items-center gap-2">
          <input
            id={`${id}-required`}
            type="checkbox"
            className="size-4"
            checked={question.required}
            onChange={(e) =>
              dispatch({ type: 'updateQuestion', key: question.key, patch: { required: e.target.checked } })
            }
            data-testid="builder-question-required"
          />
          <label htmlFor={`${id}-required`} className="text-sm">
            {t('required')}
          </label>
        </div>
        <div className="ml-auto sm:pt-5">
          <ItemButtons
            label={label}
            canMoveUp={canMoveUp}
            canMoveDown={canMoveDown}
            onMove={(delta) => dispatch({ type: 'moveQuestion', key: question.key, delta })}
            onRemove={() => remove({ type: 'removeQuestion', key: question.key }, label)}
            testId="builder-question"
          />
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextareaField
          id={`${id}-text`}
          label={t('questionText')}
          required
          error={errors[`${path}.text`]}
          rows={2}
          value={question.text}
          onChange={(text) => dispatch({ type: 'updateQuestion', key: question.key, patch: { text } }, `${path}.text`)}
          testId="builder-question-text"
        />
        <TextareaField
          id={`${id}-textEn`}
          label={t('questionTextEn')}
          error={errors[`${path}.textEn`]}
          lang="en"
          rows={2}
          value={question.textEn}
          onChange={(textEn) =>
            dispatch({ type: 'updateQuestion', key: question.key, patch: { textEn } }, `${path}.textEn`)
          }
        />
      </div>
      {isChoiceType(question.type) && (
        <ChoicesEditor question={question} path={path} errors={errors} dispatch={dispatch} remove={remove} />
      )}
    </li>
  );
}

function ChoicesEditor({
  question,
  path,
  errors,
  dispatch,
  remove,
}: {
  question: QuestionDraft;
  path: string;
  errors: Record<string, string>;
  dispatch: Dispatch;
  remove: Remove;
}) {
  const t = useTranslations('surveys.builder');
  const scoredHint = question.type === 'SINGLE_CHOICE' ? t('scoreHint') : t('scoreMultiHint');
  return (
    <fieldset className="space-y-2 rounded border border-slate-200 bg-white p-3" data-testid="builder-choices">
      <legend className="px-1 text-xs font-medium text-slate-700">{t('choices')}</legend>
      <p className="text-xs text-slate-500">{scoredHint}</p>
      {errors[`${path}.choices`] && <p className="text-sm text-red-700">{errors[`${path}.choices`]}</p>}
      {question.choices.map((choice: ChoiceDraft, ci) => {
        const cpath = `${path}.choices.${ci}`;
        const label = choice.label || t('choiceN', { n: ci + 1 });
        const input = (
          name: 'value' | 'label' | 'labelEn' | 'score',
          text: string,
          opts: { required?: boolean; mono?: boolean; inputMode?: 'decimal'; lang?: string } = {},
        ) => (
          <TextField
            id={`tpl-${choice.key}-${name}`}
            label={text}
            required={opts.required}
            error={errors[`${cpath}.${name}`]}
            lang={opts.lang}
            inputMode={opts.inputMode}
            inputClassName={opts.mono ? 'font-mono' : ''}
            value={choice[name]}
            onChange={(value) =>
              dispatch(
                { type: 'updateChoice', questionKey: question.key, key: choice.key, patch: { [name]: value } },
                `${cpath}.${name}`,
              )
            }
            testId={`builder-choice-${name}`}
          />
        );
        return (
          <div
            key={choice.key}
            className="grid items-start gap-2 sm:grid-cols-[6rem_1fr_1fr_5rem_auto]"
            data-testid="builder-choice"
          >
            {input('value', t('choiceValue'), { required: true, mono: true })}
            {input('label', t('choiceLabel'), { required: true })}
            {input('labelEn', t('choiceLabelEn'), { lang: 'en' })}
            {canHaveScores(question.type) ? (
              input('score', t('choiceScore'), { inputMode: 'decimal' })
            ) : (
              <span aria-hidden />
            )}
            <div className="sm:pt-5">
              <ItemButtons
                label={label}
                canMoveUp={ci > 0}
                canMoveDown={ci < question.choices.length - 1}
                onMove={(delta) => dispatch({ type: 'moveChoice', questionKey: question.key, key: choice.key, delta })}
                onRemove={() => remove({ type: 'removeChoice', questionKey: question.key, key: choice.key }, label)}
                testId="builder-choice"
              />
            </div>
          </div>
        );
      })}
      <AddButton
        kind="ghost"
        onClick={() => dispatch({ type: 'addChoice', questionKey: question.key })}
        testId="builder-add-choice"
      >
        {t('addChoice')}
      </AddButton>
    </fieldset>
  );
}
