'use client';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Column } from '@/components/ui/data-table';
import { FilterSelect } from '@/components/ui/filter-select';
import { PageHeader } from '@/components/ui/page-header';
import { PagedTable } from '@/components/ui/paged-table';
import { EmptyState } from '@/components/ui/status';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { useSetSearchParam } from '@/components/ui/use-search-param-choice';
import type { ExchangeSummaryStatus, KeyAccountSummaryListQuery as ListResult } from '@/gql/graphql';
import { useGqlInfiniteQuery, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { SummaryGenerateDialog } from './summary-generate-dialog';
import { KeyAccountSummaryCustomersQuery, KeyAccountSummaryListQuery } from './summary-operations';
import { SummaryStatusBadge, useSummaryErrorMessage } from './summary-ui';

const STATUSES: readonly ExchangeSummaryStatus[] = ['DRAFT', 'ISSUED'];
const STATUS_CHOICES = ['ALL', ...STATUSES] as const;
type Row = ListResult['keyAccountExchangeSummaries']['nodes'][number];

/** 客户服务交流信息 (SPEC §2): every summary, newest first, filtered by status and customer (in the URL). */
export function SummaryList({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations('keyAccountSummaries');
  const timeZone = useDisplayTimeZone();
  const searchParams = useSearchParams();
  const setParam = useSetSearchParam({ scroll: false });
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
        <SegmentedControl
          look="chips"
          label={t('filters.status')}
          values={STATUS_CHOICES}
          value={status ?? 'ALL'}
          onChange={(s) => setParam('status', s === 'ALL' ? null : s)}
          labelOf={(s) => (s === 'ALL' ? t('filters.allStatuses') : t(`status.${s}`))}
          testIdOf={(s) => `summary-status-filter-${s}`}
        />
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
