'use client';
import { graphql } from '@/gql';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/classes';
import type { Column } from '@/components/ui/data-table';
import { PagedTable } from '@/components/ui/paged-table';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { useSetSearchParam } from '@/components/ui/use-search-param-choice';
import type { CampaignStatus, SurveyCampaignListQuery as ListResult } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { useGqlInfiniteQuery, useGqlQuery } from '@/lib/data/gql-hooks';
import { FilterSelect } from '@/components/ui/filter-select';
import {
  CampaignStatusBadge,
  EmptyState,
  formatCount,
  RateBar,
  NewLink,
  SurveysListPage,
  useSurveyErrorMessage,
} from './survey-ui';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

export const SurveyCampaignListQuery = graphql(`
  query SurveyCampaignList($filter: SurveyCampaignFilter, $first: Int, $after: String) {
    surveyCampaigns(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        periodLabel
        status
        opensAt
        closesAt
        template {
          id
          name
          version
        }
        stats {
          invited
          responded
          responseRate
        }
      }
    }
  }
`);

export const SurveyPeriodsQuery = graphql(`
  query SurveyPeriods {
    surveyPeriods
  }
`);

const STATUSES: readonly CampaignStatus[] = ['DRAFT', 'OPEN', 'CLOSED'];
const STATUS_CHOICES = ['ALL', ...STATUSES] as const;
const PAGE_SIZE = 25;

type Row = ListResult['surveyCampaigns']['nodes'][number];

const statusFrom = (value: string | null): CampaignStatus | null => STATUSES.find((s) => s === value) ?? null;

/** Survey campaigns (SPEC §6): filter by status and period (both in the URL), response tracking per row, load more. */
export function CampaignList({ canManage }: { canManage: boolean }) {
  const t = useTranslations('surveys');
  const locale = useLocale();
  const timeZone = useDisplayTimeZone();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const setParam = useSetSearchParam({ scroll: false });
  const errorMessage = useSurveyErrorMessage();
  const status = statusFrom(searchParams.get('status'));
  const period = searchParams.get('period') ?? '';
  const filter = { status: status ? [status] : null, periodLabel: period || null };

  const periods = useGqlQuery(SurveyPeriodsQuery);
  const list = useGqlInfiniteQuery(
    SurveyCampaignListQuery,
    { filter, first: PAGE_SIZE },
    (result) => result.surveyCampaigns,
    { keepPrevious: true },
  );

  const columns: Column<Row>[] = [
    {
      id: 'name',
      header: t('campaigns.name'),
      cell: (row) => (
        <Link className="font-medium text-blue-700 hover:underline" href={`/console/surveys/campaigns/${row.id}`}>
          {row.name}
        </Link>
      ),
    },
    { id: 'period', header: t('campaigns.period'), cell: (row) => row.periodLabel, className: 'font-mono text-xs' },
    {
      id: 'template',
      header: t('campaigns.template'),
      cell: (row) => (
        <>
          {row.template.name} <span className="text-xs text-slate-500">v{row.template.version}</span>
        </>
      ),
    },
    { id: 'status', header: t('campaigns.status'), cell: (row) => <CampaignStatusBadge status={row.status} /> },
    {
      id: 'window',
      header: t('campaigns.window'),
      className: 'text-xs whitespace-nowrap text-slate-600',
      cell: (row) => (
        <>
          <span className="block">{formatDateTime(row.opensAt, timeZone)}</span>
          <span className="block">{t('campaigns.until', { date: formatDateTime(row.closesAt, timeZone) })}</span>
        </>
      ),
    },
    {
      id: 'invited',
      header: t('campaigns.invited'),
      className: 'text-right tabular-nums',
      cell: (row) => formatCount(row.stats.invited, locale),
    },
    {
      id: 'responded',
      header: t('campaigns.responded'),
      className: 'text-right tabular-nums',
      cell: (row) => formatCount(row.stats.responded, locale),
    },
    {
      id: 'rate',
      header: t('campaigns.responseRate'),
      cell: (row) =>
        row.status === 'DRAFT' ? (
          <span className="text-xs text-slate-400">—</span>
        ) : (
          <RateBar share={row.stats.responseRate} />
        ),
    },
  ];

  const filtered = Boolean(status || period);
  const periodOptions = [...new Set([...(periods.data?.surveyPeriods ?? []), ...(period ? [period] : [])])];

  const newButton = canManage && (
    <NewLink href="/console/surveys/campaigns/new" testId="campaign-new">
      {t('campaigns.new')}
    </NewLink>
  );

  return (
    <SurveysListPage action={newButton}>
      <div className="flex flex-wrap items-end gap-4">
        <SegmentedControl
          look="chips"
          label={t('campaigns.statusFilter')}
          values={STATUS_CHOICES}
          value={status ?? 'ALL'}
          onChange={(s) => setParam('status', s === 'ALL' ? null : s)}
          labelOf={(s) => (s === 'ALL' ? t('campaigns.allStatuses') : t(`status.${s}`))}
          testIdOf={(s) => `campaign-status-filter-${s}`}
        />
        <FilterSelect
          className="block w-44"
          label={t('campaigns.periodFilter')}
          options={[
            { value: '', label: t('campaigns.allPeriods') },
            ...periodOptions.map((p) => ({ value: p, label: p })),
          ]}
          value={period}
          onChange={(v) => setParam('period', v || null)}
          testId="campaign-period-filter"
        />
      </div>

      {list.loaded && list.rows.length === 0 && !list.error ? (
        filtered ? (
          <EmptyState
            title={t('campaigns.emptyFiltered')}
            testId="campaign-list-empty"
            action={
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={() => router.replace(pathname, { scroll: false })}
              >
                {t('campaigns.clearFilters')}
              </button>
            }
          />
        ) : (
          <EmptyState
            title={t('campaigns.empty')}
            body={t('campaigns.emptyBody')}
            action={newButton || undefined}
            testId="campaign-list-empty"
          />
        )
      ) : (
        <PagedTable
          query={list}
          errorMessage={errorMessage}
          total={t('campaigns.total', { count: list.totalCount ?? 0 })}
          loadMoreTestId="campaign-load-more"
          columns={columns}
          rowKey={(row) => row.id}
          rowData={(row) => ({ 'data-campaign-id': row.id })}
          empty={null}
          testId="campaign-list"
          rowTestId="campaign-row"
          errorTestId="campaign-list-error"
        />
      )}
    </SurveysListPage>
  );
}
