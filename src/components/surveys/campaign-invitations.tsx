'use client';
import Link from 'next/link';
import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { useAsyncData } from '@/components/customers/use-async-data';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import type { SurveyInvitationState, SurveyInvitationsQuery as InvitationsResult } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { gqlRequest } from '@/lib/graphql-client';
import { SurveyInvitationsQuery } from './survey-operations';
import { formatIndex, InvitationStateBadge, useSurveyErrorMessage } from './survey-ui';

export const INVITATION_STATES: readonly SurveyInvitationState[] = ['NOT_SENT', 'SENT', 'OPENED', 'RESPONDED'];
const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 350;

type Row = NonNullable<InvitationsResult['surveyCampaign']>['invitations']['nodes'][number];

/** The campaign's invitations: filter by state, search by company, one row per customer with its response. */
export function CampaignInvitations({ campaignId, refreshTick }: { campaignId: string; refreshTick: number }) {
  const t = useTranslations('surveys.invitations');
  const tSource = useTranslations('surveys.source');
  const tState = useTranslations('surveys.invitationState');
  const locale = useLocale();
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';
  const errorMessage = useSurveyErrorMessage();
  const id = useId();
  const [state, setState] = useState<SurveyInvitationState | ''>('');
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchText.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  const filter = { state: state ? [state] : null, search: search || null };
  const firstPage = useAsyncData(
    () => gqlRequest(SurveyInvitationsQuery, { id: campaignId, filter, first: PAGE_SIZE }),
    `${campaignId}:${JSON.stringify(filter)}:${refreshTick}`,
  );
  const [more, setMore] = useState<{ rows: Row[]; hasNextPage: boolean; endCursor: string | null } | null>(null);
  const [moreState, setMoreState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
  useEffect(() => {
    setMore(null);
    setMoreState({ loading: false, error: null });
  }, [firstPage.data]);

  const connection = firstPage.data?.surveyCampaign?.invitations;
  const rows = [...(connection?.nodes ?? []), ...(more?.rows ?? [])];
  const hasNextPage = more ? more.hasNextPage : (connection?.pageInfo.hasNextPage ?? false);
  const endCursor = more ? more.endCursor : (connection?.pageInfo.endCursor ?? null);

  const loadMore = async () => {
    if (!endCursor) return;
    setMoreState({ loading: true, error: null });
    try {
      const next = await gqlRequest(SurveyInvitationsQuery, {
        id: campaignId,
        filter,
        first: PAGE_SIZE,
        after: endCursor,
      });
      const page = next.surveyCampaign?.invitations;
      setMore((m) => ({
        rows: [...(m?.rows ?? []), ...(page?.nodes ?? [])],
        hasNextPage: page?.pageInfo.hasNextPage ?? false,
        endCursor: page?.pageInfo.endCursor ?? null,
      }));
      setMoreState({ loading: false, error: null });
    } catch (error) {
      setMoreState({ loading: false, error });
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3" data-testid="campaign-invitations">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {t('title')}
          {connection && (
            <span className="ml-2 text-sm font-normal text-slate-500">
              {t('total', { count: connection.totalCount })}
            </span>
          )}
        </h2>
        <div className="flex flex-wrap items-end gap-3">
          <div className="w-40">
            <label htmlFor={`${id}-state`} className="mb-1 block text-xs font-medium text-slate-700">
              {t('stateFilter')}
            </label>
            <select
              id={`${id}-state`}
              className={inputClass}
              value={state}
              onChange={(e) => setState(INVITATION_STATES.find((s) => s === e.target.value) ?? '')}
              data-testid="invitation-state-filter"
            >
              <option value="">{t('allStates')}</option>
              {INVITATION_STATES.map((s) => (
                <option key={s} value={s}>
                  {tState(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="w-56">
            <label htmlFor={`${id}-search`} className="mb-1 block text-xs font-medium text-slate-700">
              {t('search')}
            </label>
            <input
              id={`${id}-search`}
              type="search"
              className={inputClass}
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
              placeholder={t('searchPlaceholder')}
              data-testid="invitation-search"
            />
          </div>
        </div>
      </div>

      {firstPage.error && !connection ? (
        <ErrorBanner message={errorMessage(firstPage.error)} onRetry={firstPage.reload} testId="invitations-error" />
      ) : !connection ? (
        <Spinner label={t('loading')} />
      ) : rows.length === 0 ? (
        <p
          className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600"
          data-testid="invitations-empty"
        >
          {state || search ? t('emptyFiltered') : t('empty')}
        </p>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="invitation-table">
              <thead className="bg-slate-50 text-xs text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t('customer')}</th>
                  <th className="px-3 py-2">{t('email')}</th>
                  <th className="px-3 py-2">{t('stateColumn')}</th>
                  <th className="px-3 py-2">{t('times')}</th>
                  <th className="px-3 py-2 text-right">{t('reminders')}</th>
                  <th className="px-3 py-2">{t('response')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr
                    key={row.id}
                    className="border-t border-slate-100 align-top"
                    data-testid="invitation-row"
                    data-state={row.state}
                  >
                    <td className="px-3 py-2">
                      <Link href={`/console/customers/${row.customer.id}`} className="text-blue-700 hover:underline">
                        {row.customer.name}
                      </Link>
                    </td>
                    <td className="px-3 py-2 text-slate-700">
                      {row.email ?? <span className="text-xs text-amber-800">{t('noEmail')}</span>}
                    </td>
                    <td className="px-3 py-2">
                      <InvitationStateBadge state={row.state} />
                    </td>
                    <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-600">
                      {row.sentAt && (
                        <span className="block">{t('sentAt', { date: formatDateTime(row.sentAt, timeZone) })}</span>
                      )}
                      {row.openedAt && (
                        <span className="block">{t('openedAt', { date: formatDateTime(row.openedAt, timeZone) })}</span>
                      )}
                      {row.respondedAt && (
                        <span className="block">
                          {t('respondedAt', { date: formatDateTime(row.respondedAt, timeZone) })}
                        </span>
                      )}
                      {!row.sentAt && !row.openedAt && !row.respondedAt && '—'}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {row.reminderCount}
                      {row.lastRemindedAt && (
                        <span className="block text-xs text-slate-500">
                          {formatDateTime(row.lastRemindedAt, timeZone)}
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2">
                      {row.response ? (
                        <Link
                          href={`/console/surveys/responses/${row.response.id}`}
                          className="text-blue-700 hover:underline"
                          data-testid="invitation-response-link"
                        >
                          {t('viewResponse')}
                          <span className="ml-1 text-xs text-slate-600">
                            {tSource(row.response.source)} ·{' '}
                            {t('index', { index: formatIndex(row.response.index, locale) })}
                          </span>
                          {row.response.lowScore && (
                            <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">
                              {t('lowScore')}
                            </span>
                          )}
                        </Link>
                      ) : (
                        <span className="text-xs text-slate-400">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex items-center gap-3">
            {hasNextPage && (
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={loadMore}
                disabled={moreState.loading}
                data-testid="invitation-load-more"
              >
                {moreState.loading ? t('loading') : t('loadMore')}
              </button>
            )}
            {firstPage.loading && <Spinner />}
          </div>
          {moreState.error ? <ErrorBanner message={errorMessage(moreState.error)} onRetry={loadMore} /> : null}
        </>
      )}
    </section>
  );
}
