'use client';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import type { CustomerSortField, CustomersListQuery } from '@/gql/graphql';
import { formatDateTime, formatMoney } from '@/lib/format';
import { gqlRequest } from '@/lib/graphql-client';
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
  type CustomerListState,
} from './customer-list-params';
import { customerOwnerOptionsQuery, customersFacetsQuery, customersListQuery } from './customer-operations';
import { errorMessage } from './customer-errors';
import { ArchivedBadge, CreditBadge, KeyAccountBadge, StatusBadge } from './customer-ui';
import { useAsyncData } from './use-async-data';
import { useCustomerPermissions } from './use-customer-permissions';

type Connection = CustomersListQuery['customers'];
type Row = Connection['nodes'][number];
type Totals = Connection['totals'];

type Column = {
  id: string;
  label: string;
  sortField?: CustomerSortField;
  numeric?: boolean;
  cell: (row: Row) => React.ReactNode;
  total?: (totals: Totals) => React.ReactNode;
};

const SEARCH_DEBOUNCE_MS = 400;

/** The customer database list: search, filters in the URL, sortable columns, totals, cursor paging, export, import. */
export function CustomerList() {
  const t = useTranslations('customers');
  const locale = useLocale();
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const state = useMemo(() => parseListParams(new URLSearchParams(search)), [search]);
  const permissions = useCustomerPermissions();

  const navigate = useCallback(
    (next: CustomerListState, mode: 'push' | 'replace' = 'push') => {
      const query = listParamsToSearch(next);
      const href = query ? `${pathname}?${query}` : pathname;
      if (mode === 'push') router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    },
    [pathname, router],
  );
  const setFilter = useCallback(
    (filter: CustomerFilterState, mode: 'push' | 'replace' = 'push') => navigate({ ...state, filter }, mode),
    [navigate, state],
  );

  // ── data ──
  const variables = useMemo(
    () => ({ filter: toGraphQLFilter(state.filter), sort: toGraphQLSort(state.sort), first: state.pageSize }),
    [state],
  );
  const queryKey = JSON.stringify(variables);
  const list = useAsyncData(() => gqlRequest(customersListQuery, variables), queryKey);
  const facets = useAsyncData(() => gqlRequest(customersFacetsQuery), 'facets');
  const owners = useAsyncData(() => gqlRequest(customerOwnerOptionsQuery), 'owners');

  // Further pages fetched with "load more", for the query they belong to.
  const [more, setMore] = useState<{ key: string; nodes: Row[]; pageInfo: Connection['pageInfo'] } | null>(null);
  const [moreLoading, setMoreLoading] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const extra = more?.key === queryKey && list.data ? more : null;
  const connection = list.data?.customers;
  const rows = connection ? [...connection.nodes, ...(extra?.nodes ?? [])] : [];
  const pageInfo = extra?.pageInfo ?? connection?.pageInfo;

  const loadMore = async () => {
    if (!pageInfo?.endCursor) return;
    setMoreLoading(true);
    setMoreError(null);
    try {
      const result = await gqlRequest(customersListQuery, { ...variables, after: pageInfo.endCursor });
      setMore({
        key: queryKey,
        nodes: [...(extra?.nodes ?? []), ...result.customers.nodes],
        pageInfo: result.customers.pageInfo,
      });
    } catch (error) {
      setMoreError(error);
    } finally {
      setMoreLoading(false);
    }
  };

  const reloadAll = () => {
    setMore(null);
    list.reload();
    facets.reload();
  };

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
  const columns: Column[] = [
    {
      id: 'name',
      label: t('fields.name'),
      sortField: 'NAME',
      cell: (row) => (
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
    },
    { id: 'contractNo', label: t('fields.contractNo'), sortField: 'CONTRACT_NO', cell: (row) => row.contractNo },
    {
      id: 'certificateNo',
      label: t('fields.certificateNo'),
      sortField: 'CERTIFICATE_NO',
      cell: (row) => row.certificateNo,
    },
    {
      id: 'status',
      label: t('fields.status'),
      sortField: 'STATUS',
      cell: (row) => <StatusBadge status={row.status} />,
    },
    { id: 'province', label: t('fields.province'), sortField: 'PROVINCE', cell: (row) => row.province },
    { id: 'industry', label: t('fields.industry'), cell: (row) => row.industry },
    {
      id: 'contactPerson',
      label: t('fields.contactPerson'),
      cell: (row) =>
        row.contactPerson || row.phone ? (
          <span className="flex flex-col leading-tight">
            <span>{row.contactPerson}</span>
            {row.phone && <span className="text-xs text-slate-500">{row.phone}</span>}
          </span>
        ) : null,
    },
    {
      id: 'creditStanding',
      label: t('fields.creditStanding'),
      cell: (row) => <CreditBadge credit={row.creditStanding} />,
    },
    { id: 'grade', label: t('fields.grade'), cell: (row) => (row.grade ? t(`grade.${row.grade}`) : null) },
    {
      id: 'keyAccountStatus',
      label: t('fields.keyAccountStatus'),
      cell: (row) => (row.keyAccountStatus !== 'NONE' ? <KeyAccountBadge status={row.keyAccountStatus} /> : null),
    },
    { id: 'source', label: t('fields.source'), cell: (row) => (row.source ? t(`source.${row.source}`) : null) },
    {
      id: 'applicationAcceptedAt',
      label: t('fields.applicationAcceptedAt'),
      sortField: 'APPLICATION_ACCEPTED_AT',
      cell: (row) => row.applicationAcceptedAt,
    },
    { id: 'auditDate', label: t('fields.auditDate'), sortField: 'AUDIT_DATE', cell: (row) => row.auditDate },
    {
      id: 'plannedSurveillanceDate',
      label: t('fields.plannedSurveillanceDate'),
      sortField: 'PLANNED_SURVEILLANCE_DATE',
      cell: (row) => row.plannedSurveillanceDate,
    },
    {
      id: 'implementationDate',
      label: t('fields.implementationDate'),
      sortField: 'IMPLEMENTATION_DATE',
      cell: (row) => row.implementationDate,
    },
    {
      id: 'initialAuditFee',
      label: t('fields.initialAuditFee'),
      sortField: 'INITIAL_AUDIT_FEE',
      numeric: true,
      cell: (row) => money(row.initialAuditFee),
      total: (totals) => <span data-testid="total-initial-audit-fee">{money(totals.initialAuditFee)}</span>,
    },
    {
      id: 'surveillanceAuditFee',
      label: t('fields.surveillanceAuditFee'),
      sortField: 'SURVEILLANCE_AUDIT_FEE',
      numeric: true,
      cell: (row) => money(row.surveillanceAuditFee),
      total: (totals) => <span data-testid="total-surveillance-audit-fee">{money(totals.surveillanceAuditFee)}</span>,
    },
    {
      id: 'contractTotal',
      label: t('fields.contractTotal'),
      numeric: true,
      cell: (row) => money(row.contractTotal),
      total: (totals) => <span data-testid="total-contract-amount">{money(totals.contractAmount)}</span>,
    },
    { id: 'owner', label: t('fields.owner'), cell: (row) => row.owner?.name },
    {
      id: 'updatedAt',
      label: t('fields.updatedAt'),
      sortField: 'UPDATED_AT',
      cell: (row) => formatDateTime(row.updatedAt, timeZone),
    },
  ];

  const sortHeader = (column: Column) => {
    const active = column.sortField && state.sort?.field === column.sortField ? state.sort.direction : null;
    const ariaSort =
      active === 'ASC' ? 'ascending' : active === 'DESC' ? 'descending' : column.sortField ? 'none' : undefined;
    return (
      <th
        key={column.id}
        scope="col"
        aria-sort={ariaSort}
        className={`whitespace-nowrap px-3 py-2 font-medium text-slate-600 ${column.numeric ? 'text-right' : 'text-left'} ${column.id === 'name' ? 'sticky left-0 z-10 bg-slate-50' : ''}`}
      >
        {column.sortField ? (
          <button
            type="button"
            data-testid={`sort-${column.id}`}
            onClick={() => navigate({ ...state, sort: nextSort(state.sort, column.sortField!) })}
            className={`inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-700 ${active ? 'text-slate-900' : ''}`}
            title={t('list.sortBy', { column: column.label })}
          >
            {column.label}
            <span aria-hidden className={`text-[10px] ${active ? 'text-blue-700' : 'text-slate-300'}`}>
              {active === 'ASC' ? '▲' : active === 'DESC' ? '▼' : '⇅'}
            </span>
          </button>
        ) : (
          column.label
        )}
      </th>
    );
  };

  const totals = connection?.totals;

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
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => setImportOpen(true)}
            data-testid="import-open"
          >
            {t('list.import')}
          </button>
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

      {list.error ? (
        <ErrorBanner message={errorMessage(list.error, t)} onRetry={list.reload} testId="customers-error" />
      ) : !connection ? (
        <div className="rounded-lg border border-slate-200 bg-white p-6" data-testid="customers-loading">
          <Spinner label={t('list.loading')} />
          <div className="mt-4 space-y-2" aria-hidden>
            {Array.from({ length: 6 }, (_, i) => (
              <div key={i} className="h-8 animate-pulse rounded bg-slate-100" />
            ))}
          </div>
        </div>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3 text-sm" aria-live="polite">
            <p className="text-slate-700">
              <span data-testid="customers-total-count">{t('list.totalCount', { count: connection.totalCount })}</span>
              {rows.length > 0 && rows.length < connection.totalCount && (
                <span className="ml-2 text-slate-500">{t('list.showing', { shown: rows.length })}</span>
              )}
            </p>
            {list.loading && <Spinner label={t('list.refreshing')} />}
          </div>
          {/* The whole filtered set, not just this page (SPEC §1: columns chosen for calculation). */}
          <dl
            className="grid gap-3 sm:grid-cols-3"
            data-testid="customers-totals-summary"
            aria-label={t('list.totalsTitle')}
          >
            {(
              [
                ['initialAuditFee', connection.totals.initialAuditFee],
                ['surveillanceAuditFee', connection.totals.surveillanceAuditFee],
                ['contractTotal', connection.totals.contractAmount],
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

          {rows.length === 0 ? (
            <div
              className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
              data-testid="customers-empty"
            >
              <p className="font-medium text-slate-800">
                {hasAnyFilter ? t('list.emptyFiltered') : t('list.emptyAll')}
              </p>
              <p className="mt-1 text-sm text-slate-500">
                {hasAnyFilter ? t('list.emptyFilteredHint') : t('list.emptyAllHint')}
              </p>
              <div className="mt-4 flex justify-center gap-2">
                {hasAnyFilter && (
                  <button
                    type="button"
                    className={buttonClass.secondary}
                    onClick={() => {
                      lastPushedSearch.current = '';
                      setSearchText('');
                      navigate({ ...state, filter: emptyFilter() });
                    }}
                  >
                    {t('filters.clearAll')}
                  </button>
                )}
                {permissions.canWrite && (
                  <Link href="/console/customers/new" className={buttonClass.primary}>
                    {t('newCustomer')}
                  </Link>
                )}
              </div>
            </div>
          ) : (
            <div
              className={`overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs transition-opacity ${list.loading ? 'opacity-60' : ''}`}
            >
              <table
                className="min-w-full divide-y divide-slate-200 text-sm"
                data-testid="customers-table"
                aria-busy={list.loading}
              >
                <caption className="sr-only">{t('list.caption')}</caption>
                <thead className="bg-slate-50">
                  <tr>{columns.map(sortHeader)}</tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {rows.map((row) => (
                    <tr
                      key={row.id}
                      data-testid="customer-row"
                      data-customer-id={row.id}
                      className="group hover:bg-blue-50/40"
                    >
                      {columns.map((column) => (
                        <td
                          key={column.id}
                          className={`whitespace-nowrap px-3 py-2 ${column.numeric ? 'text-right tabular-nums' : ''} ${column.id === 'name' ? 'sticky left-0 bg-white group-hover:bg-blue-50' : ''}`}
                        >
                          {column.cell(row) || <span className="text-slate-500">—</span>}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
                {totals && (
                  <tfoot className="border-t-2 border-slate-300 bg-slate-50 font-medium" data-testid="customers-totals">
                    <tr>
                      {columns.map((column, i) => (
                        <td
                          key={column.id}
                          className={`whitespace-nowrap px-3 py-2 ${column.numeric ? 'text-right tabular-nums' : ''} ${i === 0 ? 'sticky left-0 bg-slate-50' : ''}`}
                        >
                          {i === 0 ? t('list.totalsLabel', { count: totals.count }) : column.total?.(totals)}
                        </td>
                      ))}
                    </tr>
                  </tfoot>
                )}
              </table>
            </div>
          )}

          {moreError != null && (
            <ErrorBanner message={errorMessage(moreError, t)} onRetry={loadMore} testId="customers-more-error" />
          )}
          {pageInfo?.hasNextPage && (
            <div className="flex justify-center">
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={loadMore}
                disabled={moreLoading || list.loading}
                data-testid="load-more"
              >
                {moreLoading ? t('list.loadingMore') : t('list.loadMore', { size: state.pageSize })}
              </button>
            </div>
          )}
        </>
      )}

      {permissions.canImport && (
        <CustomerImportDialog
          open={importOpen}
          onClose={() => setImportOpen(false)}
          onImported={() => {
            reloadAll();
          }}
        />
      )}
    </div>
  );
}
