'use client';
import { getFragmentData, graphql } from '@/gql';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { DetailItem } from '@/components/ui/detail-item';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { formatDateTime } from '@/lib/format';
import { answersFromSaved } from './survey-answers';
import {
  SurveyFollowUpCallbackFragment,
  SurveyFollowUpComplaintFragment,
  SurveyResponseSummaryFragment,
} from './survey-operations';
import { SurveyFormTemplateFragment, SurveyQuestions } from './survey-questions';
import { formatIndex, useSurveyErrorMessage } from './survey-ui';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { CustomerLink } from '@/components/ui/customer-link';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

export const SurveyResponseQuery = graphql(`
  query SurveyResponse($id: ID!) {
    surveyResponse(id: $id) {
      ...SurveyResponseSummary
      enteredBy {
        id
        name
      }
      campaign {
        template {
          ...SurveyFormTemplate
        }
      }
      answers {
        question {
          id
        }
      }
      followUpCallbacks {
        ...SurveyFollowUpCallback
      }
      followUpComplaints {
        ...SurveyFollowUpComplaint
      }
    }
  }
`);

/** One submitted response: who, how it came in, its index, the answers shown in the question form (read-only). */
export function ResponseView({ id }: { id: string }) {
  const t = useTranslations('surveys.response');
  const tSource = useTranslations('surveys.source');
  const locale = useLocale();
  const timeZone = useDisplayTimeZone();
  const errorMessage = useSurveyErrorMessage();
  const data = useGqlQuery(SurveyResponseQuery, { id });
  const response = data.data?.surveyResponse;
  const summary = getFragmentData(SurveyResponseSummaryFragment, response);
  const template = getFragmentData(SurveyFormTemplateFragment, response?.campaign.template);
  const sections = useMemo(
    () =>
      [...(template?.sections ?? [])]
        .sort((a, b) => a.position - b.position)
        .map((s) => ({ ...s, questions: [...s.questions].sort((a, b) => a.position - b.position) })),
    [template],
  );
  const answers = useMemo(
    () =>
      answersFromSaved(
        // The question ids and the values are two selections of the same answers list (one in the summary fragment).
        (response?.answers ?? []).map((a, i) => {
          const value = summary?.answers[i];
          return {
            questionId: a.question.id,
            numericValue: value?.numericValue,
            choiceValues: value?.choiceValues,
            textValue: value?.textValue,
          };
        }),
      ),
    [response, summary],
  );
  const callbacks = getFragmentData(SurveyFollowUpCallbackFragment, response?.followUpCallbacks ?? []);
  const complaints = getFragmentData(SurveyFollowUpComplaintFragment, response?.followUpComplaints ?? []);

  if (data.error && !data.data)
    return (
      <ErrorBanner message={errorMessage(data.error)} onRetry={() => void data.refetch()} testId="response-error" />
    );
  if (!data.data) return <Spinner label={t('loading')} />;
  if (!response || !summary) return <ErrorBanner message={t('notFound')} testId="response-not-found" />;

  return (
    <div className="space-y-6" data-testid="response-view">
      <Link
        href={`/console/surveys/campaigns/${summary.campaign.id}`}
        className="text-sm text-blue-700 hover:underline"
      >
        ← {summary.campaign.name}
      </Link>
      <header>
        <h1 className="text-2xl font-semibold">{t('heading', { customer: summary.customer.name })}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {summary.campaign.name} · <span className="font-mono">{summary.campaign.periodLabel}</span>
        </p>
      </header>
      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4">
        <DetailItem label={t('customer')}>
          <CustomerLink customer={summary.customer} />
        </DetailItem>
        <DetailItem label={t('source')}>
          {tSource(summary.source)}
          {response.enteredBy ? ` · ${t('enteredBy', { name: response.enteredBy.name })}` : ''}
        </DetailItem>
        <DetailItem label={t('submittedAt')}>{formatDateTime(summary.submittedAt, timeZone) || '—'}</DetailItem>
        <DetailItem label={t('index')} testId="response-index">
          {formatIndex(summary.index, locale)}
          {summary.lowScore && (
            <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
              {t('lowScore')}
            </span>
          )}
        </DetailItem>
      </dl>
      {(callbacks.length > 0 || complaints.length > 0) && (
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="mb-2 font-semibold">{t('followUps')}</h2>
          <ul className="space-y-1">
            {callbacks.map((callback) => (
              <li key={callback.id}>
                {t('callback', {
                  due: formatDateTime(callback.dueAt, timeZone),
                  status: t(`callbackStatus.${callback.status}`),
                })}
              </li>
            ))}
            {complaints.map((complaint) => (
              <li key={complaint.id}>
                <Link href={`/console/complaints/${complaint.id}`} className="font-mono text-blue-700 hover:underline">
                  {complaint.number}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <SurveyQuestions sections={sections} answers={answers} readOnly idPrefix="response" />
    </div>
  );
}
