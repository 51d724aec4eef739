'use client';
import { graphql } from '@/gql';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { formatDateTime } from '@/lib/format';
import { EmptyState, useSurveyErrorMessage } from './survey-ui';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

export const SurveyMyOpenSurveysQuery = graphql(`
  query SurveyMyOpenSurveys {
    myOpenSurveys {
      invitationId
      campaignName
      periodLabel
      closesAt
      url
      state
    }
  }
`);

/** The signed-in customer's surveys of open campaigns, each with its own personal link (SPEC §6). */
export function PortalSurveys() {
  const t = useTranslations('surveys.portal');
  const tState = useTranslations('surveys.formState');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useSurveyErrorMessage();
  const surveys = useGqlQuery(SurveyMyOpenSurveysQuery);

  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {surveys.error && !surveys.data ? (
        <ErrorBanner
          message={errorMessage(surveys.error)}
          onRetry={() => void surveys.refetch()}
          testId="portal-surveys-error"
        />
      ) : !surveys.data ? (
        <Spinner label={t('loading')} />
      ) : surveys.data.myOpenSurveys.length === 0 ? (
        <EmptyState title={t('empty')} body={t('emptyBody')} testId="portal-surveys-empty" />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" data-testid="portal-surveys">
          {surveys.data.myOpenSurveys.map((survey) => {
            const answerable = survey.state === 'OPEN';
            return (
              <li
                key={survey.invitationId}
                className="flex flex-col justify-between gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
                data-testid="portal-survey"
              >
                <div>
                  <p className="text-xs text-slate-500">{survey.periodLabel}</p>
                  <h2 className="mt-0.5 text-sm font-semibold text-slate-900">{survey.campaignName}</h2>
                  <p className="mt-2 text-xs text-slate-600">
                    {t('closesAt', { date: formatDateTime(survey.closesAt, timeZone) })}
                  </p>
                  <p className="mt-1">
                    <span
                      className={`rounded px-1.5 py-0.5 text-xs font-medium ${survey.state === 'SUBMITTED' ? 'bg-emerald-50 text-emerald-800' : answerable ? 'bg-blue-50 text-blue-800' : 'bg-slate-100 text-slate-600'}`}
                      data-testid="portal-survey-state"
                    >
                      {tState(survey.state)}
                    </span>
                  </p>
                </div>
                {answerable && (
                  // A relative link (/s/<token>) from the API: the same page a mailed invitation opens.
                  <Link
                    href={survey.url}
                    className={`${buttonClass.primary} self-start`}
                    data-testid="portal-survey-open"
                  >
                    {t('fill')}
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
