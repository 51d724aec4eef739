'use client';
import Link from 'next/link';
import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useAsyncData } from '@/components/customers/use-async-data';
import { buttonClass } from '@/components/ui/classes';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorBanner, Spinner, StatusMessage } from '@/components/ui/status';
import type { SurveyAnalysisLowScoreRowFragment } from '@/gql/graphql';
import { formatDate, formatDateTime, formatNumber, formatScore } from '@/lib/format';
import { isGqlError } from '@/lib/gql-error-message';
import { gqlRequest } from '@/lib/graphql-client';
import { answerText, lowAnswers, questionText } from './analysis-maths';
import {
  SurveyAnalysisCreateCallbackMutation,
  SurveyAnalysisCreateComplaintMutation,
  SurveyAnalysisLowScoresQuery,
} from './analysis-operations';
import { toResponseFilter, type AnalysisFilterState } from './analysis-params';
import { EmptyState, Section, SectionSkeleton, useAnalysisErrorMessage } from './analysis-ui';

const PAGE_SIZE = 20;
// When part of the filter is applied in the browser, read the largest page the API allows so a page rarely ends up
// empty after filtering.
type Row = SurveyAnalysisLowScoreRowFragment;
type FollowUps = Pick<Row, 'followUpCallbacks' | 'followUpComplaints'>;
type Pending = { kind: 'callback' | 'complaint'; row: Row };

export type FollowUpPermissions = { canCreateCallback: boolean; canCreateComplaint: boolean };

function FollowUpLinks({ followUps }: { followUps: FollowUps }) {
  const t = useTranslations('surveyAnalysis.lowScores');
  const tc = useTranslations('surveyAnalysis');
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';
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
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';
  const { low, comments } = lowAnswers(row.answers);
  const hasCallback = row.followUpCallbacks.length > 0;
  const hasComplaint = row.followUpComplaints.length > 0;

  return (
    <li
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="low-score-row"
      data-response-id={row.id}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <Link
            href={`/console/customers/${row.customer.id}`}
            className="text-sm font-semibold text-blue-700 hover:underline"
            data-testid="low-score-customer"
          >
            {row.customer.name}
          </Link>
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
        {!hasCallback && permissions.canCreateCallback && (
          <button
            type="button"
            className={buttonClass.primary}
            onClick={() => onAction('callback', row)}
            data-testid="low-score-create-callback"
          >
            {t('createCallback')}
          </button>
        )}
        {!hasComplaint && permissions.canCreateComplaint && (
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => onAction('complaint', row)}
            data-testid="low-score-create-complaint"
          >
            {t('createComplaint')}
          </button>
        )}
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
  const tc = useTranslations('surveyAnalysis');
  const locale = useLocale();
  const errorMessage = useAnalysisErrorMessage();
  const variables = { filter: toResponseFilter(filter, { lowScoreOnly: true }), first: PAGE_SIZE };
  const first = useAsyncData(() => gqlRequest(SurveyAnalysisLowScoresQuery, variables), JSON.stringify(variables));

  const [more, setMore] = useState<{ nodes: Row[]; hasNextPage: boolean; endCursor: string | null } | null>(null);
  const [moreState, setMoreState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
  // Follow-ups created on this screen, by response id, until the list is reloaded from the server.
  const [created, setCreated] = useState<Record<string, FollowUps>>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [action, setAction] = useState<{ sending: boolean; error: string | null }>({ sending: false, error: null });
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    setMore(null);
    setMoreState({ loading: false, error: null });
    setCreated({});
  }, [first.data]);

  const page = first.data?.surveyResponses;
  const loaded = [...(page?.nodes ?? []), ...(more?.nodes ?? [])];
  const rows = loaded.map((row) => {
    const extra = created[row.id];
    return extra
      ? {
          ...row,
          followUpCallbacks: [...row.followUpCallbacks, ...extra.followUpCallbacks],
          followUpComplaints: [...row.followUpComplaints, ...extra.followUpComplaints],
        }
      : row;
  });
  const hasNextPage = more ? more.hasNextPage : (page?.pageInfo.hasNextPage ?? false);
  const endCursor = more ? more.endCursor : (page?.pageInfo.endCursor ?? null);

  const loadMore = async () => {
    if (!endCursor) return;
    setMoreState({ loading: true, error: null });
    try {
      const next = await gqlRequest(SurveyAnalysisLowScoresQuery, { ...variables, after: endCursor });
      setMore((m) => ({
        nodes: [...(m?.nodes ?? []), ...next.surveyResponses.nodes],
        hasNextPage: next.surveyResponses.pageInfo.hasNextPage,
        endCursor: next.surveyResponses.pageInfo.endCursor ?? null,
      }));
      setMoreState({ loading: false, error: null });
    } catch (error) {
      setMoreState({ loading: false, error });
    }
  };

  const confirm = async () => {
    if (!pending) return;
    const { kind, row } = pending;
    setAction({ sending: true, error: null });
    try {
      const add: FollowUps = { followUpCallbacks: [], followUpComplaints: [] };
      if (kind === 'callback') {
        const result = await gqlRequest(SurveyAnalysisCreateCallbackMutation, { responseId: row.id });
        add.followUpCallbacks.push(result.createSurveyFollowUpCallback);
        setNotice(t('callbackNotice', { customer: row.customer.name }));
      } else {
        const result = await gqlRequest(SurveyAnalysisCreateComplaintMutation, { responseId: row.id });
        add.followUpComplaints.push(result.createSurveyFollowUpComplaint);
        setNotice(
          t('complaintNotice', { customer: row.customer.name, number: result.createSurveyFollowUpComplaint.number }),
        );
      }
      setCreated((c) => ({
        ...c,
        [row.id]: {
          followUpCallbacks: [...(c[row.id]?.followUpCallbacks ?? []), ...add.followUpCallbacks],
          followUpComplaints: [...(c[row.id]?.followUpComplaints ?? []), ...add.followUpComplaints],
        },
      }));
      setPending(null);
      setAction({ sending: false, error: null });
    } catch (error) {
      // Someone else followed it up meanwhile: reload so the list shows their follow-up instead of the button.
      if (isGqlError(error, 'CONFLICT')) {
        setPending(null);
        setAction({ sending: false, error: null });
        setNotice(t('alreadyFollowedUp'));
        first.reload();
        return;
      }
      setAction({ sending: false, error: errorMessage(error) });
    }
  };

  const body = () => {
    if (first.error)
      return <ErrorBanner message={errorMessage(first.error)} onRetry={first.reload} testId="low-scores-error" />;
    if (!page) return <SectionSkeleton label={tc('loading')} testId="low-scores-loading" />;
    if (rows.length === 0 && !hasNextPage)
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
                setAction({ sending: false, error: null });
                setPending({ kind, row: r });
              }}
            />
          ))}
        </ul>
        <div className="flex flex-wrap items-center gap-3">
          {hasNextPage && (
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={loadMore}
              disabled={moreState.loading}
              data-testid="low-scores-load-more"
            >
              {moreState.loading ? tc('loading') : t('loadMore')}
            </button>
          )}
          <span className="text-sm text-slate-600" data-testid="low-scores-total">
            {t('shown', { shown: formatNumber(rows.length, locale), total: formatNumber(page.totalCount, locale) })}
          </span>
          {first.loading && <Spinner />}
        </div>
        {moreState.error ? <ErrorBanner message={errorMessage(moreState.error)} onRetry={loadMore} /> : null}
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
      <ConfirmDialog
        open={pending != null}
        tone="primary"
        title={pending?.kind === 'complaint' ? t('confirmComplaintTitle') : t('confirmCallbackTitle')}
        body={
          pending
            ? pending.kind === 'complaint'
              ? t('confirmComplaintBody', { customer: pending.row.customer.name })
              : t('confirmCallbackBody', { customer: pending.row.customer.name })
            : ''
        }
        confirmLabel={pending?.kind === 'complaint' ? t('createComplaint') : t('createCallback')}
        pendingLabel={t('creating')}
        pending={action.sending}
        error={action.error}
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      />
    </Section>
  );
}
