'use client';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { buttonClass } from '@/components/ui/classes';
import { StatusMessage } from '@/components/ui/status';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { SurveyFollowUpComplaintFragmentDoc } from '@/gql/graphql';
import { formatDate, formatDateTime, formatScore } from '@/lib/format';
import { isGqlError } from '@/lib/gql-error-message';
import { useGqlInfiniteQuery, useGqlMutation } from '@/lib/data/gql-hooks';
import {
  SurveyFollowUpFragments,
  SurveyQuestionLabelFragment,
  SurveyResponseSummaryFragment,
} from '@/components/surveys/survey-operations';
import { EmptyState } from '@/components/surveys/survey-ui';
import { answerText, lowAnswers, questionText } from './analysis-maths';
import { toResponseFilter, type AnalysisFilterState } from './analysis-params';
import { AnalysisLoadMore, Section, useAnalysisErrorMessage, useSectionPending } from './analysis-ui';
import { CustomerLink } from '@/components/ui/customer-link';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

export const SurveyAnalysisLowScoresQuery = graphql(`
  query SurveyAnalysisLowScores($filter: SurveyResponseFilter!, $first: Int, $after: String) {
    surveyResponses(filter: $filter, first: $first, after: $after) {
      nodes {
        ...SurveyAnalysisLowScoreRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

/** A row of the low-score list: the response summary, the customer's segments, the labelled answers, the follow-ups. */
export const SurveyAnalysisLowScoreRowFragment = graphql(`
  fragment SurveyAnalysisLowScoreRow on SurveyResponse {
    ...SurveyResponseSummary
    customer {
      province
      industry
      grade
      keyAccountStatus
    }
    campaign {
      template {
        id
        key
      }
    }
    answers {
      question {
        ...SurveyQuestionLabel
        # The choice fields inline, not ...SurveyChoiceLabel: graphql-armor counts a fragment spread as two levels,
        # and this row is already two fragments deep (depth limit 10).
        choices {
          value
          label
          labelEn
          score
        }
      }
    }
    followUpCallbacks {
      ...SurveyFollowUpCallback
    }
    followUpComplaints {
      ...SurveyFollowUpComplaint
    }
  }
`);

export const SurveyAnalysisCreateCallbackMutation = graphql(`
  mutation SurveyAnalysisCreateCallback($responseId: ID!) {
    createSurveyFollowUpCallback(responseId: $responseId) {
      ...SurveyFollowUpCallback
    }
  }
`);

export const SurveyAnalysisCreateComplaintMutation = graphql(`
  mutation SurveyAnalysisCreateComplaint($responseId: ID!) {
    createSurveyFollowUpComplaint(responseId: $responseId) {
      ...SurveyFollowUpComplaint
    }
  }
`);

const PAGE_SIZE = 20;

/**
 * A low-score row with its fragments read: the response summary's fields merged with what the row adds (segments of
 * the customer, the campaign's template, each answer's question and choices) and the follow-ups. The summary and the
 * row's own selection are the same objects at runtime; this only gives them one type.
 */
function unmaskRow(ref: FragmentType<typeof SurveyAnalysisLowScoreRowFragment>) {
  const row = getFragmentData(SurveyAnalysisLowScoreRowFragment, ref);
  const summary = getFragmentData(SurveyResponseSummaryFragment, row);
  return {
    ...summary,
    customer: { ...summary.customer, ...row.customer },
    campaign: { ...summary.campaign, ...row.campaign },
    answers: summary.answers.map((answer, i) => {
      const question = row.answers[i]!.question;
      return {
        ...answer,
        question: { ...getFragmentData(SurveyQuestionLabelFragment, question), choices: question.choices },
      };
    }),
    followUpCallbacks: getFragmentData(SurveyFollowUpFragments, row.followUpCallbacks),
    followUpComplaints: getFragmentData(SurveyFollowUpComplaintFragmentDoc, row.followUpComplaints),
  };
}

type Row = ReturnType<typeof unmaskRow>;
type FollowUps = Pick<Row, 'followUpCallbacks' | 'followUpComplaints'>;
type Pending = { kind: 'callback' | 'complaint'; row: Row };

export type FollowUpPermissions = { canCreateCallback: boolean; canCreateComplaint: boolean };

function FollowUpLinks({ followUps }: { followUps: FollowUps }) {
  const t = useTranslations('surveyAnalysis.lowScores');
  const tc = useTranslations('surveyAnalysis');
  const timeZone = useDisplayTimeZone();
  return (
    <>
      {followUps.followUpCallbacks.map((cb) => (
        <Link
          key={cb.id}
          href="/console/callbacks"
          className="block text-sm font-medium text-blue-700 hover:underline"
          data-testid="follow-up-callback-link"
        >
          {t('callbackCreated', { status: tc(`callbackStatus.${cb.status}`), due: formatDateTime(cb.dueAt, timeZone) })}
          {cb.assignee && ` · ${cb.assignee.name}`}
        </Link>
      ))}
      {followUps.followUpComplaints.map((c) => (
        <Link
          key={c.id}
          href={`/console/complaints/${c.id}`}
          className="block text-sm font-medium text-blue-700 hover:underline"
          data-testid="follow-up-complaint-link"
        >
          {t('complaintCreated', { number: c.number })}
        </Link>
      ))}
    </>
  );
}

function LowScoreRow({
  row,
  permissions,
  onAction,
}: {
  row: Row;
  permissions: FollowUpPermissions;
  onAction: (kind: Pending['kind'], row: Row) => void;
}) {
  const t = useTranslations('surveyAnalysis.lowScores');
  const tc = useTranslations('surveyAnalysis');
  const locale = useLocale();
  const timeZone = useDisplayTimeZone();
  const { low, comments } = lowAnswers(row.answers);
  const hasCallback = row.followUpCallbacks.length > 0;
  const hasComplaint = row.followUpComplaints.length > 0;
  // The follow-ups this row still offers, the callback (the usual answer to a low score) first and primary.
  const followUpOffers = [
    {
      kind: 'callback',
      offered: !hasCallback && permissions.canCreateCallback,
      className: buttonClass.primary,
      label: t('createCallback'),
    },
    {
      kind: 'complaint',
      offered: !hasComplaint && permissions.canCreateComplaint,
      className: buttonClass.secondary,
      label: t('createComplaint'),
    },
  ] as const;

  return (
    <li
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="low-score-row"
      data-response-id={row.id}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <CustomerLink
            customer={row.customer}
            className="text-sm font-semibold text-blue-700 hover:underline"
            testId="low-score-customer"
          />
          <p className="mt-0.5 text-xs text-slate-500">
            {row.campaign.name} · {row.campaign.periodLabel} · {tc(`source.${row.source}`)} ·{' '}
            <span data-testid="low-score-date">{formatDate(row.submittedAt, timeZone)}</span>
          </p>
        </div>
        <div className="text-right">
          <div className="text-xs text-slate-500">{t('index')}</div>
          <div className="text-xl font-semibold text-slate-900 tabular-nums" data-testid="low-score-index">
            {row.index == null ? '—' : formatScore(row.index, locale)}
          </div>
        </div>
      </div>

      {low.length > 0 ? (
        <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t('lowAnswers')} data-testid="low-answers">
          {low.map((a) => (
            <li key={a.question.id} className="rounded bg-red-50 px-2 py-0.5 text-xs text-red-900">
              {questionText(a.question, locale)}：<span className="font-semibold">{answerText(a, locale)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-xs text-slate-500">{t('noLowAnswers')}</p>
      )}
      {comments.map((a) => (
        <blockquote
          key={a.question.id}
          className="mt-2 border-l-2 border-slate-300 pl-2 text-sm whitespace-pre-wrap break-words text-slate-700"
        >
          <span className="block text-xs text-slate-500">{questionText(a.question, locale)}</span>
          {a.textValue}
        </blockquote>
      ))}

      <div className="mt-3 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3">
        <FollowUpLinks followUps={row} />
        {/* One follow-up of each kind per response: once it exists the link replaces the button. */}
        {followUpOffers
          .filter((offer) => offer.offered)
          .map((offer) => (
            <button
              key={offer.kind}
              type="button"
              className={offer.className}
              onClick={() => onAction(offer.kind, row)}
              data-testid={`low-score-create-${offer.kind}`}
            >
              {offer.label}
            </button>
          ))}
        {!hasCallback && !hasComplaint && !permissions.canCreateCallback && !permissions.canCreateComplaint && (
          <span className="text-xs text-slate-500">{t('noFollowUpPermission')}</span>
        )}
      </div>
    </li>
  );
}

/**
 * Responses flagged as low scores (setting surveyLowScore), newest first, each with one-click follow-ups: a callback
 * task [001 §6.2] or a complaint registered from the score. Both ask first (they create work for others) and then
 * show what was created as a link, so nobody raises the same follow-up twice.
 */
export function AnalysisLowScores({
  filter,
  permissions,
}: {
  filter: AnalysisFilterState;
  permissions: FollowUpPermissions;
}) {
  const t = useTranslations('surveyAnalysis.lowScores');
  const errorMessage = useAnalysisErrorMessage();
  const sectionPending = useSectionPending();
  const variables = { filter: toResponseFilter(filter, { lowScoreOnly: true }), first: PAGE_SIZE };
  const list = useGqlInfiniteQuery(SurveyAnalysisLowScoresQuery, variables, (result) => result.surveyResponses, {
    keepPrevious: true,
  });
  const [notice, setNotice] = useState<string | null>(null);

  // The list is read again before the dialog closes, so the created follow-up replaces its button at once.
  const createCallback = useGqlMutation(SurveyAnalysisCreateCallbackMutation, { invalidates: ['Survey', 'Callback'] });
  const createComplaint = useGqlMutation(SurveyAnalysisCreateComplaintMutation, {
    invalidates: ['Survey', 'Complaint', 'Interaction'],
  });
  const followUp = useConfirmedAction(
    async ({ kind, row }: Pending) => {
      try {
        if (kind === 'callback') {
          await createCallback.mutateAsync({ responseId: row.id });
          setNotice(t('callbackNotice', { customer: row.customer.name }));
        } else {
          const result = await createComplaint.mutateAsync({ responseId: row.id });
          setNotice(
            t('complaintNotice', {
              customer: row.customer.name,
              number: getFragmentData(SurveyFollowUpComplaintFragmentDoc, result.createSurveyFollowUpComplaint).number,
            }),
          );
        }
      } catch (error) {
        // Someone else followed it up meanwhile: reload so the list shows their follow-up instead of the button.
        if (!isGqlError(error, 'CONFLICT')) throw error;
        setNotice(t('alreadyFollowedUp'));
        await list.refetch();
      }
    },
    ({ kind, row }) => ({
      title: kind === 'complaint' ? t('confirmComplaintTitle') : t('confirmCallbackTitle'),
      body:
        kind === 'complaint'
          ? t('confirmComplaintBody', { customer: row.customer.name })
          : t('confirmCallbackBody', { customer: row.customer.name }),
      confirmLabel: kind === 'complaint' ? t('createComplaint') : t('createCallback'),
      pendingLabel: t('creating'),
      tone: 'primary',
    }),
    errorMessage,
  );

  const rows = useMemo(() => list.rows.map(unmaskRow), [list.rows]);
  const body = () => {
    const pending = sectionPending(
      { error: list.loaded ? null : list.error, refetch: list.refetch },
      !list.loaded,
      'low-scores',
    );
    if (pending) return pending;
    if (rows.length === 0 && !list.hasNextPage)
      return <EmptyState title={t('empty')} body={t('emptyBody')} testId="low-scores-empty" />;
    return (
      <>
        {rows.length === 0 && (
          <p className="rounded border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">
            {t('noneLoaded')}
          </p>
        )}
        <ul className="space-y-3" data-testid="low-scores">
          {rows.map((row) => (
            <LowScoreRow
              key={row.id}
              row={row}
              permissions={permissions}
              onAction={(kind, r) => {
                setNotice(null);
                followUp.ask({ kind, row: r });
              }}
            />
          ))}
        </ul>
        <AnalysisLoadMore list={list} shown={(counts) => t('shown', counts)} testIdPrefix="low-scores" />
      </>
    );
  };

  return (
    <Section title={t('title')} hint={t('hint')} testId="analysis-low-scores">
      {notice && (
        <div data-testid="low-scores-notice">
          <StatusMessage tone="success">{notice}</StatusMessage>
        </div>
      )}
      {body()}
      {followUp.dialog}
    </Section>
  );
}
