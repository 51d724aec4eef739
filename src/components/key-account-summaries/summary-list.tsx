'use client';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Column } from '@/components/ui/data-table';
import { FilterSelect } from '@/components/ui/filter-select';
import { PageHeader } from '@/components/ui/page-header';
import { PagedTable } from '@/components/ui/paged-table';
import { EmptyState } from '@/components/ui/status';
import { ToggleChip } from '@/components/ui/toggle-chip';
import type { ExchangeSummaryStatus, KeyAccountSummaryListQuery as ListResult } from '@/gql/graphql';
import { useGqlInfiniteQuery, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { SummaryGenerateDialog } from './summary-generate-dialog';
import { KeyAccountSummaryCustomersQuery, KeyAccountSummaryListQuery } from './summary-operations';
import { SummaryStatusBadge, useSummaryErrorMessage } from './summary-ui';

const STATUSES: readonly ExchangeSummaryStatus[] = ['DRAFT', 'ISSUED'];
type Row = ListResult['keyAccountExchangeSummaries']['nodes'][number];

/** 客户服务交流信息 (SPEC §2): every summary, newest first, filtered by status and customer (in the URL). */
export function SummaryList({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations('keyAccountSummaries');
  const timeZone = useDisplayTimeZone();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const errorMessage = useSummaryErrorMessage();
  const [generating, setGenerating] = useState(false);
  const status = STATUSES.find((s) => s === searchParams.get('status')) ?? null;
  const customerId = searchParams.get('customer') ?? '';

  const customers = useGqlQuery(KeyAccountSummaryCustomersQuery, {}, { enabled: canWrite });
  const list = useGqlInfiniteQuery(
    KeyAccountSummaryListQuery,
    { status, customerId: customerId || null, first: 25 },
    (result) => result.keyAccountExchangeSummaries,
    { keepPrevious: true },
  );

  const setParam = (key: 'status' | 'customer', value: string | null) => {
    const params = new URLSearchParams(searchParams.toString());
    if (value) params.set(key, value);
    else params.delete(key);
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  const columns: Column<Row>[] = [
    {
      id: 'customer',
      header: t('columns.customer'),
      cell: (row) => (
        <Link className="font-medium text-blue-700 hover:underline" href={`/console/key-accounts/summaries/${row.id}`}>
          {row.customer?.name ?? '—'}
        </Link>
      ),
    },
    { id: 'period', header: t('columns.period'), className: 'font-mono text-xs', cell: (row) => row.period },
    { id: 'status', header: t('columns.status'), cell: (row) => <SummaryStatusBadge status={row.status} /> },
    {
      id: 'complaints',
      header: t('columns.complaints'),
      className: 'text-right tabular-nums',
      cell: (row) => `${row.figures.complaints.received}（${row.figures.complaints.open}）`,
    },
    {
      id: 'satisfaction',
      header: t('columns.satisfaction'),
      className: 'text-right tabular-nums',
      cell: (row) => row.figures.satisfaction.averageIndex ?? '—',
    },
    {
      id: 'createdAt',
      header: t('columns.createdAt'),
      className: 'text-xs whitespace-nowrap text-slate-600',
      cell: (row) => formatDateTime(row.createdAt, timeZone),
    },
    {
      id: 'issuedAt',
      header: t('columns.issuedAt'),
      className: 'text-xs whitespace-nowrap text-slate-600',
      cell: (row) => (row.issuedAt ? formatDateTime(row.issuedAt, timeZone) : '—'),
    },
  ];

  const customerOptions = customers.data?.keyAccountSummaryCustomers ?? [];
  return (
    <div className="space-y-5">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        action={
          canWrite
            ? { label: t('generate'), onClick: () => setGenerating(true), testId: 'summary-generate' }
            : undefined
        }
      />
      <div className="flex flex-wrap items-end gap-4">
        <div role="group" aria-label={t('filters.status')} className="flex flex-wrap gap-2 text-sm">
          {[null, ...STATUSES].map((s) => (
            <ToggleChip
              key={s ?? 'ALL'}
              pressed={s === status}
              onClick={() => setParam('status', s)}
              testId={`summary-status-filter-${s ?? 'ALL'}`}
            >
              {s ? t(`status.${s}`) : t('filters.allStatuses')}
            </ToggleChip>
          ))}
        </div>
        {canWrite && (
          <FilterSelect
            className="block w-64"
            label={t('filters.customer')}
            options={[
              { value: '', label: t('filters.allCustomers') },
              ...customerOptions.map((c) => ({ value: c.id, label: c.name })),
            ]}
            value={customerId}
            onChange={(v) => setParam('customer', v || null)}
            testId="summary-customer-filter"
          />
        )}
      </div>
      <PagedTable
        query={list}
        errorMessage={errorMessage}
        total={t('total', { count: list.totalCount ?? 0 })}
        loadMoreTestId="summary-load-more"
        columns={columns}
        rowKey={(row) => row.id}
        empty={
          <EmptyState testId="summary-list-empty">{status || customerId ? t('emptyFiltered') : t('empty')}</EmptyState>
        }
        testId="summary-list"
        rowTestId="summary-row"
      />
      {canWrite && generating && <SummaryGenerateDialog open onClose={() => setGenerating(false)} />}
    </div>
  );
}
