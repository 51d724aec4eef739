'use client';
import { graphql } from '@/gql';
import Link from 'next/link';
import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { DetailItem } from '@/components/ui/detail-item';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { formatDateTime } from '@/lib/format';
import { answersFromSaved } from './survey-answers';
import { SurveyQuestions } from './survey-questions';
import { formatIndex, useSurveyErrorMessage } from './survey-ui';
import { useGqlQuery } from '@/lib/data/gql-hooks';

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
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';
  const errorMessage = useSurveyErrorMessage();
  const data = useGqlQuery(SurveyResponseQuery, { id });
  const response = data.data?.surveyResponse;
  const sections = useMemo(
    () =>
      [...(response?.campaign.template.sections ?? [])]
        .sort((a, b) => a.position - b.position)
        .map((s) => ({ ...s, questions: [...s.questions].sort((a, b) => a.position - b.position) })),
    [response],
  );
  const answers = useMemo(
    () =>
      answersFromSaved(
        (response?.answers ?? []).map((a) => ({
          questionId: a.question.id,
          numericValue: a.numericValue,
          choiceValues: a.choiceValues,
          textValue: a.textValue,
        })),
      ),
    [response],
  );

  if (data.error && !data.data)
    return (
      <ErrorBanner message={errorMessage(data.error)} onRetry={() => void data.refetch()} testId="response-error" />
    );
  if (!data.data) return <Spinner label={t('loading')} />;
  if (!response) return <ErrorBanner message={t('notFound')} testId="response-not-found" />;

  return (
    <div className="space-y-6" data-testid="response-view">
      <Link
        href={`/console/surveys/campaigns/${response.campaign.id}`}
        className="text-sm text-blue-700 hover:underline"
      >
        ← {response.campaign.name}
      </Link>
      <header>
        <h1 className="text-2xl font-semibold">{t('heading', { customer: response.customer.name })}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {response.campaign.name} · <span className="font-mono">{response.campaign.periodLabel}</span>
        </p>
      </header>
      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4">
        <DetailItem label={t('customer')}>
          <Link href={`/console/customers/${response.customer.id}`} className="text-blue-700 hover:underline">
            {response.customer.name}
          </Link>
        </DetailItem>
        <DetailItem label={t('source')}>
          {tSource(response.source)}
          {response.enteredBy ? ` · ${t('enteredBy', { name: response.enteredBy.name })}` : ''}
        </DetailItem>
        <DetailItem label={t('submittedAt')}>{formatDateTime(response.submittedAt, timeZone) || '—'}</DetailItem>
        <DetailItem label={t('index')} testId="response-index">
          {formatIndex(response.index, locale)}
          {response.lowScore && (
            <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
              {t('lowScore')}
            </span>
          )}
        </DetailItem>
      </dl>
      {(response.followUpCallbacks.length > 0 || response.followUpComplaints.length > 0) && (
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="mb-2 font-semibold">{t('followUps')}</h2>
          <ul className="space-y-1">
            {response.followUpCallbacks.map((callback) => (
              <li key={callback.id}>
                {t('callback', {
                  due: formatDateTime(callback.dueAt, timeZone),
                  status: t(`callbackStatus.${callback.status}`),
                })}
              </li>
            ))}
            {response.followUpComplaints.map((complaint) => (
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
