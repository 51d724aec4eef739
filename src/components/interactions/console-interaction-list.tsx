'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type {
  Channel,
  InteractionFilter,
  InteractionStatus,
  IntakeConsoleListQuery as ListResult,
} from '@/gql/graphql';
import { buttonClass } from '@/components/ui/classes';
import type { Column } from '@/components/ui/data-table';
import { FilterFormInput, FilterFormSelect } from '@/components/ui/filter-form-fields';
import { PageHeader } from '@/components/ui/page-header';
import { QueueTabs } from '@/components/ui/queue-tabs';
import { useUrlState } from '@/components/ui/use-url-state';
import { useGqlInfiniteQuery } from '@/lib/data/gql-hooks';
import { INTERACTION_CHANNELS, INTERACTION_STATUSES, INTERACTION_TYPES } from '@/graphql/interactions/intake.rules';
import { drillDownFilter, drillDownOf, drillDownSearch } from '@/graphql/kpi-dashboard/kpi-dashboard.rules';
import { IntakeListTable, useIntakeListColumns } from './intake-list-columns';
import { intakeListPage, type IntakeListRow, IntakeConsoleListQuery } from './interaction-screen-operations';

const CHANNELS: readonly Channel[] = INTERACTION_CHANNELS;
const STATUSES: readonly InteractionStatus[] = INTERACTION_STATUSES;
const PAGE_SIZE = 25;
const ALL = 'ALL';
type Tab = InteractionStatus | typeof ALL;
type Row = IntakeListRow<ListResult['interactions']['nodes'][number]>;

const FILTER_KEYS = ['type', 'channel', 'status', 'search', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

const text = (value: string | null) => (value && value.trim() ? value.trim() : undefined);
const isDate = (value: string | undefined): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);
const pick = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
  allowed.find((a) => a === value);

/** The list's filters as the URL holds them (`?type=…&status=…`); unknown values are dropped. */
const parseFilters = (params: URLSearchParams) => ({
  type: pick(text(params.get('type')), INTERACTION_TYPES),
  channel: pick(text(params.get('channel')), CHANNELS),
  status: pick(text(params.get('status')), STATUSES),
  search: text(params.get('search')),
  from: text(params.get('from')),
  to: text(params.get('to')),
  // The KPI dashboard's drill-down criteria (severity, cause, department, …), kept as the URL holds them.
  drill: drillDownSearch({ ...drillDownOf(params), type: null, from: null, to: null }),
});

const filtersToSearch = (filters: Partial<Record<FilterKey | 'drill', string>>) => {
  const next = new URLSearchParams(filters.drill ?? '');
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) next.set(key, value);
  }
  return next.toString();
};

/** Every interaction for staff: filters and the status tab in the URL, counts by status as tabs, "load more". */
export function ConsoleInteractionList({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations('intake');
  const pathname = usePathname();
  const [filters, navigate] = useUrlState(parseFilters, filtersToSearch);
  const { type, channel, status, search, from, to, drill } = filters;
  const filter: InteractionFilter = {
    ...drillDownFilter(drillDownOf(new URLSearchParams(drill))),
    type: type ? [type] : null,
    channel: channel ? [channel] : null,
    status: status ? [status] : null,
    search: search ?? null,
    createdAt: isDate(from) || isDate(to) ? { from: isDate(from) ? from : null, to: isDate(to) ? to : null } : null,
  };

  const connection = useCallback((result: ListResult) => intakeListPage(result.interactions), []);
  const list = useGqlInfiniteQuery(IntakeConsoleListQuery, { filter, first: PAGE_SIZE }, connection, {
    keepPrevious: true,
  });
  const counts = list.firstPage?.interactions.countsByStatus ?? [];
  const countOf = new Map(counts.map((c) => [c.status, c.count]));
  const allCount = counts.reduce((sum, c) => sum + c.count, 0);
  const tabs: Tab[] = [ALL, ...STATUSES.filter((s) => countOf.has(s) || s === status)];

  const applyFilters = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = new URLSearchParams();
    for (const key of ['search', 'type', 'channel', 'from', 'to'] as const)
      fields.set(key, String(form.get(key) ?? ''));
    // The status tab stays as it is.
    navigate({ ...parseFilters(fields), status }, 'replace');
  };

  const column = useIntakeListColumns<Row>();
  const columns: Column<Row>[] = [
    column.number,
    column.type,
    { id: 'channel', header: t('detail.channel'), cell: (row) => t(`channel.${row.channel}`) },
    { id: 'customer', header: t('console.list.customer'), cell: (row) => row.companyName ?? '—' },
    column.subject,
    column.status,
    column.createdAt,
  ];
  const filtered = Boolean(type || channel || status || search || from || to || drill);

  return (
    <div className="space-y-5">
      <PageHeader title={t('console.list.title')} subtitle={t('console.list.subtitle')}>
        {canWrite && (
          <Link href="/console/interactions/new" className={buttonClass.primary} data-testid="record-interaction">
            {t('console.list.record')}
          </Link>
        )}
      </PageHeader>

      <div data-testid="status-counts">
        <QueueTabs<Tab>
          queues={tabs}
          current={status ?? ALL}
          label={t('console.list.byStatus')}
          labelOf={(tab) => (tab === ALL ? t('console.list.all') : t(`status.${tab}`))}
          count={(tab) => (!list.loaded ? undefined : tab === ALL ? allCount : (countOf.get(tab) ?? 0))}
          loading={!list.loaded}
          onSelect={(tab) => navigate({ ...filters, status: tab === ALL ? undefined : tab }, 'replace')}
          testIdPrefix="interaction-status"
        />
      </div>

      {/* Keyed by the URL's filters, so "clear" and the back button reset the fields to what is applied. */}
      <form
        key={`${search}|${type}|${channel}|${from}|${to}`}
        onSubmit={applyFilters}
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-6 sm:items-end"
        data-testid="interaction-filters"
      >
        <FilterFormInput
          id="f-search"
          name="search"
          label={t('console.list.search')}
          defaultValue={search}
          placeholder={t('console.list.searchHint')}
          className="sm:col-span-2"
        />
        {(
          [
            ['type', t('list.type'), type, INTERACTION_TYPES],
            ['channel', t('detail.channel'), channel, CHANNELS],
          ] as const
        ).map(([key, label, current, values]) => (
          <FilterFormSelect
            key={key}
            id={`f-${key}`}
            name={key}
            label={label}
            anyLabel={t('console.list.all')}
            defaultValue={current}
            options={values.map((v) => ({ value: v, label: t(`${key}.${v}`) }))}
          />
        ))}
        <FilterFormInput id="f-from" name="from" type="date" label={t('console.list.from')} defaultValue={from} />
        <FilterFormInput id="f-to" name="to" type="date" label={t('console.list.to')} defaultValue={to} />
        <div className="flex gap-2 sm:col-span-6">
          <button type="submit" className={buttonClass.primary}>
            {t('console.list.apply')}
          </button>
          <Link href={pathname} className={buttonClass.secondary}>
            {t('console.list.reset')}
          </Link>
          {list.loaded && (
            <span className="ml-auto self-center text-sm text-slate-600" data-testid="interaction-total">
              {t('console.list.total', { count: list.totalCount ?? 0 })}
            </span>
          )}
        </div>
      </form>

      <IntakeListTable
        list={list}
        columns={columns}
        hrefBase="/console/interactions"
        empty={filtered ? t('console.list.emptyFiltered') : t('list.empty')}
        testId="console-interactions"
        rowTestId="interaction-row"
        loadMoreTestId="interaction-load-more"
      />
    </div>
  );
}
