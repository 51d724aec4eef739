'use client';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { useTranslations } from 'next-intl';
import { MAX_TEXT_ANSWER } from '@/graphql/survey-responses/survey-answer-limits.rules';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/classes';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { SurveyFormQuery as SurveyFormResult } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { fieldErrorsOf, isGqlError } from '@/lib/gql-error-message';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import {
  answerProblems,
  answersFromSaved,
  progressOf,
  questionsOf,
  scaleOf,
  toAnswerInputs,
  type AnswerProblem,
  type AnswerState,
  type AnswerValue,
  type FormQuestion,
} from './survey-answers';
import { questionDomId, SurveyFormTemplateFragment, SurveyProgress, SurveyQuestions } from './survey-questions';
import { FormSummary, useSurveyErrorMessage } from './survey-ui';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

export const SurveyFormQuery = graphql(`
  query SurveyForm($token: String!) {
    surveyForm(token: $token) {
      state
      campaignName
      customerName
      opensAt
      closesAt
      submittedAt
      template {
        ...SurveyFormTemplate
      }
      draft {
        questionId
        numericValue
        choiceValues
        textValue
      }
    }
  }
`);

export const SurveySaveDraftMutation = graphql(`
  mutation SurveySaveDraft($token: String!, $answers: [SurveyAnswerInput!]!) {
    saveSurveyDraft(token: $token, answers: $answers) {
      state
    }
  }
`);

export const SurveySubmitMutation = graphql(`
  mutation SurveySubmit($token: String!, $answers: [SurveyAnswerInput!]!) {
    submitSurveyResponse(token: $token, answers: $answers) {
      state
      submittedAt
    }
  }
`);

type Form = SurveyFormResult['surveyForm'];

/** Autosave waits this long after the last change, so a person clicking through a scale sends one request. */
export const AUTOSAVE_DELAY_MS = 2500;
const ID_PREFIX = 'survey';

/** Messages for the client-side problems, worded per question (the scale's bounds for a rating). */
export function useProblemMessage() {
  const t = useTranslations('surveys.form.problem');
  return (question: FormQuestion, problem: AnswerProblem) => {
    if (problem === 'range') {
      const scale = scaleOf(question.type);
      return t('range', { min: scale?.min ?? 0, max: scale?.max ?? 0 });
    }
    if (problem === 'tooLong') return t('tooLong', { max: MAX_TEXT_ANSWER });
    return t(problem);
  };
}

/** Scrolls the first question with a message (in question order) into view and moves focus there. */
export function revealFirstProblem(questions: readonly FormQuestion[], errors: Record<string, string>, prefix: string) {
  const first = questions.find((q) => errors[q.id]);
  if (!first) return;
  // After React has rendered the messages.
  requestAnimationFrame(() => {
    const element = document.getElementById(questionDomId(prefix, first.id));
    element?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    element?.focus({ preventScroll: true });
  });
}

/**
 * The public survey behind a personal link (/s/[token], no sign-in): who it is for, the questions, progress, "save
 * progress" plus autosave after a pause, resume from the saved draft, and one submission. Links that cannot be
 * answered (not yet open, closed, expired, already answered, unknown) get a plain sentence instead of the form.
 */
export function SurveyLinkForm({ token }: { token: string }) {
  const t = useTranslations('surveys.respond');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useSurveyErrorMessage();
  // Read once: the form holds the answers from here on, and a re-read on focus would only mark the link opened again.
  const form = useGqlQuery(SurveyFormQuery, { token }, { staleTime: Infinity });
  const [submittedAt, setSubmittedAt] = useState<string | null>(null);

  if (submittedAt !== null) return <ThankYou submittedAt={submittedAt} />;
  if (form.error && !form.data) {
    if (isGqlError(form.error, 'NOT_FOUND')) {
      return <Notice testId="survey-not-found" title={t('notFound.title')} body={t('notFound.body')} />;
    }
    return (
      <ErrorBanner message={errorMessage(form.error)} onRetry={() => void form.refetch()} testId="survey-load-error" />
    );
  }
  if (!form.data) return <Spinner label={t('loading')} />;

  const survey = form.data.surveyForm;
  const header = (
    <header className="space-y-1">
      <p className="text-sm text-slate-600" data-testid="survey-customer">
        {t('for', { customer: survey.customerName })}
      </p>
      <h1 className="text-xl font-semibold text-slate-900 sm:text-2xl" data-testid="survey-campaign">
        {survey.campaignName}
      </h1>
    </header>
  );

  if (survey.state !== 'OPEN' || !survey.template) {
    const date = (iso: string | null | undefined) => formatDateTime(iso, timeZone);
    const body = {
      OPEN: t('state.unavailable'),
      NOT_YET_OPEN: t('state.NOT_YET_OPEN', { date: date(survey.opensAt) }),
      CLOSED: t('state.CLOSED'),
      EXPIRED: t('state.EXPIRED', { date: date(survey.closesAt) }),
      SUBMITTED: survey.submittedAt
        ? t('state.SUBMITTED', { date: date(survey.submittedAt) })
        : t('state.SUBMITTED_NO_DATE'),
    }[survey.state];
    return (
      <div className="space-y-6">
        {header}
        <Notice testId={`survey-state-${survey.state}`} title={t(`stateTitle.${survey.state}`)} body={body} />
      </div>
    );
  }

  return (
    <div className="space-y-6">
      {header}
      <p className="text-sm text-slate-600">{t('intro', { date: formatDateTime(survey.closesAt, timeZone) })}</p>
      <OpenSurvey
        token={token}
        template={survey.template}
        draft={survey.draft}
        onSubmitted={setSubmittedAt}
        onStale={() => void form.refetch()}
      />
    </div>
  );
}

function OpenSurvey({
  token,
  template,
  draft,
  onSubmitted,
  onStale,
}: {
  token: string;
  template: FragmentType<typeof SurveyFormTemplateFragment>;
  draft: Form['draft'];
  onSubmitted: (submittedAt: string) => void;
  /** The link can no longer be answered (closed meanwhile, answered in another tab): show its state. */
  onStale: () => void;
}) {
  const t = useTranslations('surveys.respond');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useSurveyErrorMessage();
  const problemMessage = useProblemMessage();
  const formTemplate = getFragmentData(SurveyFormTemplateFragment, template);
  const sections = useMemo(
    () =>
      [...formTemplate.sections]
        .sort((a, b) => a.position - b.position)
        .map((s) => ({ ...s, questions: [...s.questions].sort((a, b) => a.position - b.position) })),
    [formTemplate],
  );
  const questions = useMemo(() => questionsOf(sections), [sections]);
  const [answers, setAnswers] = useState<AnswerState>(() => answersFromSaved(draft));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [save, setSave] = useState<{ status: 'idle' | 'saving' | 'saved' | 'failed'; at: string | null }>({
    status: 'idle',
    at: null,
  });
  const [submitting, setSubmitting] = useState(false);
  // Bumped when answers changed while a save was in flight, so autosave runs again for them.
  const [resave, setResave] = useState(0);
  // True after hydration: until then a click would do nothing, so tests wait for it.
  const ready = useHydrated();

  // What autosave needs between renders: whether the answers changed since the last save, and whether a save or the
  // submission is under way (a save racing the submission could otherwise write a draft after it).
  const revision = useRef(0);
  const savedRevision = useRef(0);
  const saving = useRef(false);
  const submittingRef = useRef(false);
  // The form is the source of truth while it is open: nothing cached needs re-reading after a save or a submission.
  const { mutateAsync: sendDraft } = useGqlMutation(SurveySaveDraftMutation, { invalidates: 'none' });
  const submitMutation = useGqlMutation(SurveySubmitMutation, { invalidates: 'none' });

  const saveDraft = useCallback(
    async (kind: 'auto' | 'manual') => {
      if (submittingRef.current || saving.current) return;
      const problems = answerProblems(questions, answers, 'draft');
      if (Object.keys(problems).length > 0) {
        if (kind === 'manual')
          setErrors(
            Object.fromEntries(
              questions.filter((q) => problems[q.id]).map((q) => [q.id, problemMessage(q, problems[q.id]!)]),
            ),
          );
        return;
      }
      const sending = revision.current;
      saving.current = true;
      setSave((s) => ({ ...s, status: 'saving' }));
      if (kind === 'manual') setFormError(null);
      try {
        await sendDraft({ token, answers: toAnswerInputs(questions, answers) });
        savedRevision.current = Math.max(savedRevision.current, sending);
        setSave({ status: 'saved', at: new Date().toISOString() });
      } catch (error) {
        setSave((s) => ({ ...s, status: 'failed' }));
        const fields = fieldErrorsOf(error);
        if (Object.keys(fields).length > 0) setErrors(fields);
        else if (isGqlError(error, 'CONFLICT') || isGqlError(error, 'NOT_FOUND')) onStale();
        else if (kind === 'manual') setFormError(errorMessage(error));
      } finally {
        saving.current = false;
        if (revision.current > sending && savedRevision.current >= sending) setResave((n) => n + 1);
      }
    },
    [questions, answers, token, problemMessage, errorMessage, onStale, sendDraft],
  );

  // Autosave once the answers have rested for a moment.
  useEffect(() => {
    if (revision.current === savedRevision.current) return;
    const timer = setTimeout(() => void saveDraft('auto'), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [answers, resave, saveDraft]);

  // Leaving with unsaved answers asks first (the browser's own dialog).
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (revision.current !== savedRevision.current && !submittingRef.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const change = (questionId: string, value: AnswerValue) => {
    revision.current += 1;
    setAnswers((current) => ({ ...current, [questionId]: value }));
    setErrors(({ [questionId]: _cleared, ...rest }) => rest);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (submittingRef.current) return;
    setFormError(null);
    const problems = answerProblems(questions, answers, 'submit');
    if (Object.keys(problems).length > 0) {
      const messages = Object.fromEntries(
        questions.filter((q) => problems[q.id]).map((q) => [q.id, problemMessage(q, problems[q.id]!)]),
      );
      setErrors(messages);
      setFormError(t('fixProblems', { count: Object.keys(messages).length }));
      revealFirstProblem(questions, messages, ID_PREFIX);
      return;
    }
    submittingRef.current = true;
    setSubmitting(true);
    try {
      const { submitSurveyResponse } = await submitMutation.mutateAsync({
        token,
        answers: toAnswerInputs(questions, answers),
      });
      savedRevision.current = revision.current;
      onSubmitted(submitSurveyResponse.submittedAt ?? new Date().toISOString());
    } catch (error) {
      submittingRef.current = false;
      setSubmitting(false);
      const fields = fieldErrorsOf(error);
      if (Object.keys(fields).length > 0) {
        setErrors(fields);
        // Messages for questions the form does not show (should not happen) still reach the person.
        const unknown = Object.keys(fields).filter((id) => !questions.some((q) => q.id === id));
        setFormError(
          unknown.length
            ? unknown.map((id) => fields[id]).join(' ')
            : t('fixProblems', { count: Object.keys(fields).length }),
        );
        revealFirstProblem(questions, fields, ID_PREFIX);
      } else if (isGqlError(error, 'CONFLICT') || isGqlError(error, 'NOT_FOUND')) {
        onStale();
      } else {
        setFormError(errorMessage(error));
      }
    }
  };

  const progress = progressOf(questions, answers);
  const saveStatus =
    save.status === 'saving'
      ? t('saving')
      : save.status === 'saved' && save.at
        ? t('savedAt', { time: formatDateTime(save.at, timeZone).slice(11) })
        : save.status === 'failed'
          ? t('saveFailed')
          : '';

  return (
    <form onSubmit={submit} noValidate data-ready={ready} data-testid="survey-link-form" className="space-y-6">
      {/* Progress stays in sight while scrolling on a phone. */}
      <div className="sticky top-0 z-10 -mx-4 border-b border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur sm:mx-0 sm:rounded-lg sm:border sm:bg-white">
        <SurveyProgress answered={progress.answered} total={progress.total} />
      </div>

      <SurveyQuestions sections={sections} answers={answers} onChange={change} errors={errors} idPrefix={ID_PREFIX} />

      {formError && <FormSummary message={formError} testId="survey-form-error" />}

      <div className="flex flex-col-reverse gap-3 border-t border-slate-200 pt-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <button
            type="button"
            className={`${buttonClass.secondary} min-h-11 sm:min-h-0`}
            onClick={() => void saveDraft('manual')}
            disabled={submitting || save.status === 'saving'}
            data-testid="survey-save"
          >
            {t('save')}
          </button>
          <span
            className="text-xs text-slate-500"
            role="status"
            data-testid="survey-save-status"
            data-status={save.status}
          >
            {saveStatus}
          </span>
        </div>
        <button
          type="submit"
          className={`${buttonClass.primary} min-h-11 px-6 text-base sm:min-h-0 sm:text-sm`}
          disabled={submitting}
          data-testid="survey-submit"
        >
          {submitting ? t('submitting') : t('submit')}
        </button>
      </div>
      <p className="text-xs text-slate-500">{t('onceHint')}</p>
    </form>
  );
}

function ThankYou({ submittedAt }: { submittedAt: string }) {
  const t = useTranslations('surveys.respond');
  const timeZone = useDisplayTimeZone();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    window.scrollTo({ top: 0 });
  }, []);
  return (
    <section className="rounded-lg border border-green-200 bg-green-50 p-6 text-center" data-testid="survey-thank-you">
      <p aria-hidden className="text-4xl">
        ✓
      </p>
      <h1 ref={heading} tabIndex={-1} className="mt-2 text-xl font-semibold text-green-900 outline-none">
        {t('thanks.title')}
      </h1>
      <p className="mt-2 text-sm text-green-900">{t('thanks.body')}</p>
      <p className="mt-3 text-xs text-green-800">{t('thanks.at', { date: formatDateTime(submittedAt, timeZone) })}</p>
    </section>
  );
}

function Notice({ title, body, testId }: { title: string; body: string; testId: string }) {
  return (
    <section role="status" className="rounded-lg border border-slate-200 bg-white p-6" data-testid={testId}>
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mt-2 text-sm text-slate-700">{body}</p>
    </section>
  );
}
