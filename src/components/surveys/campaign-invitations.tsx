'use client';
import { graphql } from '@/gql';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { Column } from '@/components/ui/data-table';
import { PagedTable } from '@/components/ui/paged-table';
import { useDebouncedValue } from '@/components/ui/use-debounced-value';
import type { SurveyInvitationState, SurveyInvitationsQuery as InvitationsResult } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { useGqlInfiniteQuery } from '@/lib/data/gql-hooks';
import { LIVE_REFRESH_MS } from './campaign-page';
import { formatIndex, InvitationStateBadge, useSurveyErrorMessage } from './survey-ui';
import { FilterSearch, FilterSelect } from '@/components/ui/filter-select';
import { CustomerLink } from '@/components/ui/customer-link';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

export const SurveyInvitationsQuery = graphql(`
  query SurveyInvitations($id: ID!, $filter: SurveyInvitationFilter, $first: Int, $after: String) {
    surveyCampaign(id: $id) {
      id
      invitations(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          email
          state
          sentAt
          openedAt
          respondedAt
          reminderCount
          lastRemindedAt
          customer {
            id
            name
          }
          response {
            id
            source
            index
            lowScore
          }
        }
      }
    }
  }
`);

export const INVITATION_STATES: readonly SurveyInvitationState[] = ['NOT_SENT', 'SENT', 'OPENED', 'RESPONDED'];
const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 350;

type Row = NonNullable<InvitationsResult['surveyCampaign']>['invitations']['nodes'][number];

/**
 * The campaign's invitations: filter by state, search by company, one row per customer with its response. While the
 * campaign is open (`live`) the list refreshes with the campaign's numbers.
 */
export function CampaignInvitations({ campaignId, live }: { campaignId: string; live: boolean }) {
  const t = useTranslations('surveys.invitations');
  const tSource = useTranslations('surveys.source');
  const tState = useTranslations('surveys.invitationState');
  const locale = useLocale();
  const timeZone = useDisplayTimeZone();
  const errorMessage = useSurveyErrorMessage();
  const id = useId();
  const [state, setState] = useState<SurveyInvitationState | ''>('');
  const [searchText, setSearchText] = useState('');
  const search = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);

  const filter = { state: state ? [state] : null, search: search || null };
  const list = useGqlInfiniteQuery(
    SurveyInvitationsQuery,
    { id: campaignId, filter, first: PAGE_SIZE },
    (result) => result.surveyCampaign?.invitations,
    { keepPrevious: true, refetchInterval: live ? LIVE_REFRESH_MS : undefined },
  );

  const columns: Column<Row>[] = [
    {
      id: 'customer',
      header: t('customer'),
      cell: (row) => <CustomerLink customer={row.customer} />,
    },
    {
      id: 'email',
      header: t('email'),
      className: 'text-slate-700',
      cell: (row) => row.email ?? <span className="text-xs text-amber-800">{t('noEmail')}</span>,
    },
    { id: 'state', header: t('stateColumn'), cell: (row) => <InvitationStateBadge state={row.state} /> },
    {
      id: 'times',
      header: t('times'),
      className: 'text-xs whitespace-nowrap text-slate-600',
      cell: (row) => (
        <>
          {row.sentAt && <span className="block">{t('sentAt', { date: formatDateTime(row.sentAt, timeZone) })}</span>}
          {row.openedAt && (
            <span className="block">{t('openedAt', { date: formatDateTime(row.openedAt, timeZone) })}</span>
          )}
          {row.respondedAt && (
            <span className="block">{t('respondedAt', { date: formatDateTime(row.respondedAt, timeZone) })}</span>
          )}
          {!row.sentAt && !row.openedAt && !row.respondedAt && '—'}
        </>
      ),
    },
    {
      id: 'reminders',
      header: t('reminders'),
      className: 'text-right tabular-nums',
      cell: (row) => (
        <>
          {row.reminderCount}
          {row.lastRemindedAt && (
            <span className="block text-xs text-slate-500">{formatDateTime(row.lastRemindedAt, timeZone)}</span>
          )}
        </>
      ),
    },
    {
      id: 'response',
      header: t('response'),
      cell: (row) =>
        row.response ? (
          <Link
            href={`/console/surveys/responses/${row.response.id}`}
            className="text-blue-700 hover:underline"
            data-testid="invitation-response-link"
          >
            {t('viewResponse')}
            <span className="ml-1 text-xs text-slate-600">
              {tSource(row.response.source)} · {t('index', { index: formatIndex(row.response.index, locale) })}
            </span>
            {row.response.lowScore && (
              <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">{t('lowScore')}</span>
            )}
          </Link>
        ) : (
          <span className="text-xs text-slate-400">—</span>
        ),
    },
  ];

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3" data-testid="campaign-invitations">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {t('title')}
          {list.totalCount !== null && (
            <span className="ml-2 text-sm font-normal text-slate-500">{t('total', { count: list.totalCount })}</span>
          )}
        </h2>
        <div className="flex flex-wrap items-end gap-3">
          <FilterSelect
            className="block w-40"
            label={t('stateFilter')}
            options={[
              { value: '', label: t('allStates') },
              ...INVITATION_STATES.map((s) => ({ value: s, label: tState(s) })),
            ]}
            value={state}
            onChange={(v) => setState(INVITATION_STATES.find((s) => s === v) ?? '')}
            testId="invitation-state-filter"
          />
          <FilterSearch
            className="block w-56"
            label={t('search')}
            placeholder={t('searchPlaceholder')}
            value={searchText}
            onChange={setSearchText}
            testId="invitation-search"
          />
        </div>
      </div>

      <PagedTable
        query={list}
        errorMessage={errorMessage}
        loadMoreTestId="invitation-load-more"
        columns={columns}
        rowKey={(row) => row.id}
        rowData={(row) => ({ 'data-state': row.state })}
        empty={state || search ? t('emptyFiltered') : t('empty')}
        testId="invitation-table"
        rowTestId="invitation-row"
        emptyTestId="invitations-empty"
        errorTestId="invitations-error"
      />
    </section>
  );
}
