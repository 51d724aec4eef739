'use client';
import { getFragmentData, graphql } from '@/gql';
import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import { inputClass } from '@/components/ui/classes';
import { FormDialog } from '@/components/ui/form-dialog';
import { FormField } from '@/components/ui/form-field';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { useDebouncedValue } from '@/components/ui/use-debounced-value';
import type { ResponseSource } from '@/gql/graphql';
import { fieldErrorsOf } from '@/lib/gql-error-message';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import {
  answerProblems,
  progressOf,
  questionsOf,
  toAnswerInputs,
  type AnswerState,
  type AnswerValue,
} from './survey-answers';
import { revealFirstProblem, useProblemMessage } from './survey-link-form';
import { SurveyInvitationsQuery } from './campaign-invitations';
import { SurveyFormTemplateFragment, SurveyProgress, SurveyQuestions } from './survey-questions';
import { useSurveyErrorMessage } from './survey-ui';

/** The questions of a campaign's template, for a response taken by phone or fax. */
export const SurveyCampaignFormQuery = graphql(`
  query SurveyCampaignForm($id: ID!) {
    surveyCampaign(id: $id) {
      id
      template {
        ...SurveyFormTemplate
      }
    }
  }
`);

export const SurveyEnterResponseMutation = graphql(`
  mutation SurveyEnterResponse($input: EnterSurveyResponseInput!) {
    enterSurveyResponse(input: $input) {
      id
    }
  }
`);

const SOURCES: readonly ResponseSource[] = ['PHONE', 'FAX'];
const ID_PREFIX = 'phone-entry';
const SEARCH_DEBOUNCE_MS = 300;

/**
 * A response taken by phone or received by fax, entered by staff on the customer's behalf (SDL enterSurveyResponse):
 * pick one of the invited customers who have not answered, the source, then the same question form the customer sees.
 */
export function PhoneResponseDialog({
  campaignId,
  onClose,
  onEntered,
}: {
  campaignId: string;
  onClose: () => void;
  onEntered: (customerName: string) => void;
}) {
  const t = useTranslations('surveys.phoneEntry');
  const tSource = useTranslations('surveys.source');
  const errorMessage = useSurveyErrorMessage();
  const problemMessage = useProblemMessage();
  const formId = useId();
  const [searchText, setSearchText] = useState('');
  const search = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);

  const template = useGqlQuery(SurveyCampaignFormQuery, { id: campaignId });
  // Only invitations without a response can be answered on the customer's behalf.
  const candidates = useGqlQuery(
    SurveyInvitationsQuery,
    { id: campaignId, filter: { state: ['NOT_SENT', 'SENT', 'OPENED'], search: search || null }, first: 100 },
    { keepPrevious: true },
  );
  const enter = useGqlMutation(SurveyEnterResponseMutation, { invalidates: ['Survey'] });
  const [customerId, setCustomerId] = useState('');
  const [customerName, setCustomerName] = useState('');
  const [source, setSource] = useState<ResponseSource>('PHONE');
  const [answers, setAnswers] = useState<AnswerState>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const formTemplate = getFragmentData(SurveyFormTemplateFragment, template.data?.surveyCampaign?.template);
  const sections = useMemo(
    () =>
      [...(formTemplate?.sections ?? [])]
        .sort((a, b) => a.position - b.position)
        .map((s) => ({ ...s, questions: [...s.questions].sort((a, b) => a.position - b.position) })),
    [formTemplate],
  );
  const questions = useMemo(() => questionsOf(sections), [sections]);
  const options = candidates.data?.surveyCampaign?.invitations.nodes ?? [];

  const change = (questionId: string, value: AnswerValue) => {
    setAnswers((a) => ({ ...a, [questionId]: value }));
    setErrors(({ [questionId]: _cleared, ...rest }) => rest);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setFormError(null);
    const problems = answerProblems(questions, answers, 'submit');
    const messages: Record<string, string> = Object.fromEntries(
      questions.filter((q) => problems[q.id]).map((q) => [q.id, problemMessage(q, problems[q.id]!)]),
    );
    if (!customerId) messages.customerId = t('customerRequired');
    if (Object.keys(messages).length > 0) {
      setErrors(messages);
      setFormError(t('fixProblems'));
      if (!messages.customerId) revealFirstProblem(questions, messages, ID_PREFIX);
      return;
    }
    setSending(true);
    try {
      await enter.mutateAsync({
        input: { campaignId, customerId, source, answers: toAnswerInputs(questions, answers) },
      });
      onEntered(customerName);
    } catch (error) {
      setSending(false);
      const fields = fieldErrorsOf(error);
      if (Object.keys(fields).length > 0) {
        setErrors(fields);
        const elsewhere = Object.entries(fields).filter(
          ([key]) => key !== 'customerId' && key !== 'source' && !questions.some((q) => q.id === key),
        );
        setFormError(elsewhere.length ? elsewhere.map(([, m]) => m).join(' ') : t('fixProblems'));
        revealFirstProblem(questions, fields, ID_PREFIX);
      } else {
        setFormError(errorMessage(error));
      }
    }
  };

  const progress = progressOf(questions, answers);

  return (
    <FormDialog
      open
      onClose={onClose}
      title={t('title')}
      size="xl"
      testId="phone-entry-dialog"
      pending={sending}
      formError={formError}
      submitLabel={t('submit')}
      pendingLabel={t('sending')}
      submitTestId="phone-entry-submit"
      submitDisabled={!template.data}
      onSubmit={submit}
    >
      <div className="space-y-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-2">
            <FormField id={`${formId}-search`} label={t('search')}>
              {(props) => (
                <input
                  {...props}
                  type="search"
                  className={inputClass}
                  value={searchText}
                  onChange={(e) => setSearchText(e.target.value)}
                  placeholder={t('searchPlaceholder')}
                />
              )}
            </FormField>
            <FormField
              id={`${formId}-customer`}
              label={t('customer')}
              required
              error={errors.customerId}
              hint={t('customerHint')}
            >
              {(props) => (
                <select
                  {...props}
                  className={inputClass}
                  value={customerId}
                  onChange={(e) => {
                    const chosen = options.find((o) => o.customer.id === e.target.value);
                    setCustomerId(e.target.value);
                    setCustomerName(chosen?.customer.name ?? '');
                    setErrors(({ customerId: _cleared, ...rest }) => rest);
                  }}
                  data-testid="phone-entry-customer"
                >
                  <option value="">{candidates.isPending ? t('loadingCustomers') : t('chooseCustomer')}</option>
                  {/* A chosen customer stays listed while another search is shown. */}
                  {customerId && !options.some((o) => o.customer.id === customerId) && (
                    <option value={customerId}>{customerName}</option>
                  )}
                  {options.map((o) => (
                    <option key={o.id} value={o.customer.id}>
                      {o.customer.name}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            {candidates.data && options.length === 0 && <p className="text-xs text-slate-500">{t('noCandidates')}</p>}
            {candidates.error ? (
              <ErrorBanner message={errorMessage(candidates.error)} onRetry={() => void candidates.refetch()} />
            ) : null}
          </div>
          <fieldset>
            <legend className="mb-1 text-xs font-medium text-slate-700">
              {t('source')}
              <span className="ml-0.5 text-red-600" aria-hidden>
                *
              </span>
            </legend>
            <div className="flex gap-3">
              {SOURCES.map((s) => (
                <label
                  key={s}
                  className={`flex flex-1 cursor-pointer items-center gap-2 rounded border p-3 text-sm focus-within:outline-2 focus-within:outline-blue-700 ${source === s ? 'border-blue-600 bg-blue-50' : 'border-slate-300'}`}
                >
                  <input
                    type="radio"
                    name={`${formId}-source`}
                    value={s}
                    checked={source === s}
                    onChange={() => setSource(s)}
                    data-testid={`phone-entry-source-${s}`}
                  />
                  {tSource(s)}
                </label>
              ))}
            </div>
            {errors.source && <p className="mt-1 text-xs text-red-700">{errors.source}</p>}
          </fieldset>
        </div>

        {template.error ? (
          <ErrorBanner message={errorMessage(template.error)} onRetry={() => void template.refetch()} />
        ) : !template.data ? (
          <Spinner label={t('loadingQuestions')} />
        ) : (
          <>
            <SurveyProgress answered={progress.answered} total={progress.total} />
            <SurveyQuestions
              sections={sections}
              answers={answers}
              onChange={change}
              errors={errors}
              idPrefix={ID_PREFIX}
            />
          </>
        )}
      </div>
    </FormDialog>
  );
}
