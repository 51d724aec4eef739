'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { buttonClass, inputClass } from '@/components/ui/classes';
import type { Column, SortState } from '@/components/ui/data-table';
import { PagedTable } from '@/components/ui/paged-table';
import { useUrlState } from '@/components/ui/use-url-state';
import { PageHeader } from '@/components/ui/page-header';
import { Spinner } from '@/components/ui/status';
import { graphql } from '@/gql';
import type { CustomerSortField, CustomersListQuery } from '@/gql/graphql';
import { useGqlInfiniteQuery, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime, formatMoney } from '@/lib/format';
import { CustomerFilterPanel } from './customer-filter-panel';
import { ActiveFilterChips } from './customer-filter-chips';
import { CustomerImportDialog } from './customer-import-dialog';
import {
  countActiveFilters,
  emptyFilter,
  exportHref,
  listParamsToSearch,
  nextSort,
  PAGE_SIZES,
  parseListParams,
  toGraphQLFilter,
  toGraphQLSort,
  type CustomerFilterState,
} from './customer-list-params';
import { errorMessage } from './customer-errors';
import { CustomerOwnerOptionsQuery, CustomersFacetsQuery } from './customer-operations';
import { ArchivedBadge, CreditBadge, KeyAccountBadge, StatusBadge } from './customer-ui';
import { useCustomerPermissions } from './use-customer-permissions';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

const CustomersListQueryDocument = graphql(`
  query CustomersList($filter: CustomerFilter, $sort: CustomerSort, $first: Int, $after: String) {
    customers(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      totals {
        count
        initialAuditFee
        surveillanceAuditFee
        contractAmount
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        contractNo
        certificateNo
        status
        province
        industry
        contactPerson
        phone
        creditStanding
        source
        grade
        keyAccountStatus
        applicationAcceptedAt
        auditDate
        plannedSurveillanceDate
        implementationDate
        initialAuditFee
        surveillanceAuditFee
        contractTotal
        owner {
          id
          name
        }
        archivedAt
        createdAt
        updatedAt
      }
    }
  }
`);

type Row = CustomersListQuery['customers']['nodes'][number];
const connectionOf = (result: CustomersListQuery) => result.customers;

const SEARCH_DEBOUNCE_MS = 400;

/** The customer database list: search, filters in the URL, sortable columns, totals, cursor paging, export, import. */
export function CustomerList() {
  const t = useTranslations('customers');
  const locale = useLocale();
  const timeZone = useDisplayTimeZone();
  const [state, navigate] = useUrlState(parseListParams, listParamsToSearch);
  const permissions = useCustomerPermissions();

  const setFilter = useCallback(
    (filter: CustomerFilterState, mode: 'push' | 'replace' = 'push') => navigate({ ...state, filter }, mode),
    [navigate, state],
  );

  // ── data ──
  const variables = useMemo(
    () => ({ filter: toGraphQLFilter(state.filter), sort: toGraphQLSort(state.sort), first: state.pageSize }),
    [state],
  );
  const list = useGqlInfiniteQuery(CustomersListQueryDocument, variables, connectionOf, { keepPrevious: true });
  const facets = useGqlQuery(CustomersFacetsQuery);
  const owners = useGqlQuery(CustomerOwnerOptionsQuery);
  const errorText = (error: unknown) => errorMessage(error, t);

  // ── search box: typing filters after a pause; Enter filters at once ──
  const [searchText, setSearchText] = useState(state.filter.search);
  const lastPushedSearch = useRef(state.filter.search);
  useEffect(() => {
    // Back/forward or a chip removal changed the URL: show what the URL says.
    if (state.filter.search !== lastPushedSearch.current) {
      lastPushedSearch.current = state.filter.search;
      setSearchText(state.filter.search);
    }
  }, [state.filter.search]);
  useEffect(() => {
    if (searchText.trim() === state.filter.search) return;
    const timer = setTimeout(() => {
      lastPushedSearch.current = searchText.trim();
      setFilter({ ...state.filter, search: searchText.trim() }, 'replace');
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchText, state.filter, setFilter]);

  const [filtersOpen, setFiltersOpen] = useState(false);
  const filterToggle = useRef<HTMLButtonElement>(null);
  const closeFilters = () => {
    setFiltersOpen(false);
    filterToggle.current?.focus();
  };
  const [importOpen, setImportOpen] = useState(false);
  const activeFilters = countActiveFilters(state.filter);
  const hasAnyFilter = activeFilters > 0 || !!state.filter.search;

  // ── columns ──
  const money = (value: string | null | undefined) => formatMoney(value, locale);
  const totals = list.firstPage?.customers.totals;
  const orDash = (content: React.ReactNode) => content || <span className="text-slate-500">—</span>;
  // One line per cell in the wide table; on a phone's cards long values wrap.
  const NUMERIC = 'md:whitespace-nowrap text-right tabular-nums';
  const column = (
    id: string,
    cell: (row: Row) => React.ReactNode,
    more: Partial<Column<Row, CustomerSortField>> = {},
  ): Column<Row, CustomerSortField> => ({
    id,
    header: t(`fields.${id}`),
    className: 'md:whitespace-nowrap',
    ...more,
    cell: (row) => orDash(cell(row)),
  });
  const columns: Column<Row, CustomerSortField>[] = [
    column(
      'name',
      (row) => (
        <span className="flex items-center gap-1.5">
          <Link
            href={`/console/customers/${row.id}`}
            className="font-medium text-blue-800 hover:underline"
            data-testid="customer-row-link"
          >
            {row.name}
          </Link>
          {row.archivedAt && <ArchivedBadge />}
        </span>
      ),
      { sortKey: 'NAME', footer: totals ? t('list.totalsLabel', { count: totals.count }) : undefined },
    ),
    column('contractNo', (row) => row.contractNo, { sortKey: 'CONTRACT_NO' }),
    column('certificateNo', (row) => row.certificateNo, { sortKey: 'CERTIFICATE_NO' }),
    column('status', (row) => <StatusBadge status={row.status} />, { sortKey: 'STATUS' }),
    column('province', (row) => row.province, { sortKey: 'PROVINCE' }),
    column('industry', (row) => row.industry),
    column('contactPerson', (row) =>
      row.contactPerson || row.phone ? (
        <span className="flex flex-col leading-tight">
          <span>{row.contactPerson}</span>
          {row.phone && <span className="text-xs text-slate-500">{row.phone}</span>}
        </span>
      ) : null,
    ),
    column('creditStanding', (row) => <CreditBadge credit={row.creditStanding} />),
    column('grade', (row) => (row.grade ? t(`grade.${row.grade}`) : null)),
    column('keyAccountStatus', (row) =>
      row.keyAccountStatus !== 'NONE' ? <KeyAccountBadge status={row.keyAccountStatus} /> : null,
    ),
    column('source', (row) => (row.source ? t(`source.${row.source}`) : null)),
    column('applicationAcceptedAt', (row) => row.applicationAcceptedAt, { sortKey: 'APPLICATION_ACCEPTED_AT' }),
    column('auditDate', (row) => row.auditDate, { sortKey: 'AUDIT_DATE' }),
    column('plannedSurveillanceDate', (row) => row.plannedSurveillanceDate, { sortKey: 'PLANNED_SURVEILLANCE_DATE' }),
    column('implementationDate', (row) => row.implementationDate, { sortKey: 'IMPLEMENTATION_DATE' }),
    column('initialAuditFee', (row) => money(row.initialAuditFee), {
      sortKey: 'INITIAL_AUDIT_FEE',
      className: NUMERIC,
      footer: totals && <span data-testid="total-initial-audit-fee">{money(totals.initialAuditFee)}</span>,
    }),
    column('surveillanceAuditFee', (row) => money(row.surveillanceAuditFee), {
      sortKey: 'SURVEILLANCE_AUDIT_FEE',
      className: NUMERIC,
      footer: totals && <span data-testid="total-surveillance-audit-fee">{money(totals.surveillanceAuditFee)}</span>,
    }),
    column('contractTotal', (row) => money(row.contractTotal), {
      className: NUMERIC,
      footer: totals && <span data-testid="total-contract-amount">{money(totals.contractAmount)}</span>,
    }),
    column('owner', (row) => row.owner?.name),
    column('updatedAt', (row) => formatDateTime(row.updatedAt, timeZone), { sortKey: 'UPDATED_AT' }),
  ];
  const sort: SortState<CustomerSortField> = state.sort
    ? { key: state.sort.field, direction: state.sort.direction }
    : null;

  const clearFilters = () => {
    lastPushedSearch.current = '';
    setSearchText('');
    navigate({ ...state, filter: emptyFilter() });
  };
  const empty = (
    <span className="block py-6 text-center">
      <span className="block font-medium text-slate-800">
        {hasAnyFilter ? t('list.emptyFiltered') : t('list.emptyAll')}
      </span>
      <span className="mt-1 block text-slate-500">
        {hasAnyFilter ? t('list.emptyFilteredHint') : t('list.emptyAllHint')}
      </span>
      <span className="mt-4 flex justify-center gap-2">
        {hasAnyFilter && <Button onClick={clearFilters}>{t('filters.clearAll')}</Button>}
        {permissions.canWrite && (
          <Link href="/console/customers/new" className={buttonClass.primary}>
            {t('newCustomer')}
          </Link>
        )}
      </span>
    </span>
  );
  const firstPage = list.firstPage?.customers;

  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        <a href={exportHref('csv', state)} download className={buttonClass.secondary} data-testid="export-csv">
          {t('list.exportCsv')}
        </a>
        <a href={exportHref('xlsx', state)} download className={buttonClass.secondary} data-testid="export-xlsx">
          {t('list.exportXlsx')}
        </a>
        {permissions.canImport && (
          <Button onClick={() => setImportOpen(true)} data-testid="import-open">
            {t('list.import')}
          </Button>
        )}
        {permissions.canWrite && (
          <Link href="/console/customers/new" className={buttonClass.primary} data-testid="customer-new">
            {t('newCustomer')}
          </Link>
        )}
      </PageHeader>

      <div className="flex flex-wrap items-center gap-2">
        <form
          role="search"
          className="flex min-w-64 flex-1 items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            lastPushedSearch.current = searchText.trim();
            setFilter({ ...state.filter, search: searchText.trim() });
          }}
        >
          <label className="relative flex-1">
            <span className="sr-only">{t('list.searchLabel')}</span>
            <input
              type="search"
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
              placeholder={t('list.searchPlaceholder')}
              aria-label={t('list.searchLabel')}
              data-testid="customer-search"
              className={`${inputClass} py-2`}
            />
          </label>
          <button type="submit" className={buttonClass.secondary} data-testid="customer-search-submit">
            {t('list.search')}
          </button>
        </form>
        <button
          ref={filterToggle}
          type="button"
          className={buttonClass.secondary}
          aria-expanded={filtersOpen}
          aria-controls="customer-filter-panel"
          onClick={() => setFiltersOpen((open) => !open)}
          data-testid="filter-toggle"
        >
          {t('filters.toggle')}
          {activeFilters > 0 && (
            <span className="rounded-full bg-blue-700 px-1.5 text-xs text-white">{activeFilters}</span>
          )}
        </button>
        <label className="flex items-center gap-2 whitespace-nowrap text-sm text-slate-600">
          {t('list.pageSize')}
          <select
            value={state.pageSize}
            onChange={(e) => navigate({ ...state, pageSize: Number(e.target.value) })}
            className={`${inputClass} w-auto`}
            data-testid="page-size"
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {t('list.perPage', { size })}
              </option>
            ))}
          </select>
        </label>
      </div>

      {filtersOpen && (
        <CustomerFilterPanel
          value={state.filter}
          provinces={facets.data?.customerFacets.provinces ?? []}
          industries={facets.data?.customerFacets.industries ?? []}
          owners={owners.data?.users ?? []}
          onApply={(filter) => {
            setFilter({ ...filter, search: state.filter.search });
            closeFilters();
          }}
          onClose={closeFilters}
        />
      )}

      <ActiveFilterChips
        filter={state.filter}
        owners={owners.data?.users ?? []}
        onChange={(filter) => setFilter(filter)}
      />

      {firstPage && (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3 text-sm" aria-live="polite">
            <p className="text-slate-700">
              <span data-testid="customers-total-count">{t('list.totalCount', { count: firstPage.totalCount })}</span>
              {list.rows.length > 0 && list.rows.length < firstPage.totalCount && (
                <span className="ml-2 text-slate-500">{t('list.showing', { shown: list.rows.length })}</span>
              )}
            </p>
            {list.isFetching && !list.isFetchingNextPage && <Spinner label={t('list.refreshing')} />}
          </div>
          {/* The whole filtered set, not just this page (SPEC §1: columns chosen for calculation). */}
          <dl
            className="grid gap-3 sm:grid-cols-3"
            data-testid="customers-totals-summary"
            aria-label={t('list.totalsTitle')}
          >
            {(
              [
                ['initialAuditFee', firstPage.totals.initialAuditFee],
                ['surveillanceAuditFee', firstPage.totals.surveillanceAuditFee],
                ['contractTotal', firstPage.totals.contractAmount],
              ] as const
            ).map(([field, amount]) => (
              <div key={field} className="rounded-lg border border-slate-200 bg-white px-4 py-2.5 shadow-xs">
                <dt className="text-xs text-slate-500">{t(`list.totals.${field}`)}</dt>
                <dd className="mt-0.5 text-lg font-semibold tabular-nums" data-testid={`summary-${field}`}>
                  {money(amount)}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}

      <PagedTable
        query={list}
        errorMessage={errorText}
        loadMoreTestId="load-more"
        columns={columns}
        rowKey={(row) => row.id}
        empty={empty}
        caption={t('list.caption')}
        sort={sort}
        onSort={(next) => next && navigate({ ...state, sort: nextSort(state.sort, next.key) })}
        testId="customers-table"
        rowTestId="customer-row"
        emptyTestId="customers-empty"
        errorTestId="customers-error"
        footerTestId="customers-totals"
      />

      {permissions.canImport && <CustomerImportDialog open={importOpen} onClose={() => setImportOpen(false)} />}
    </div>
  );
}
