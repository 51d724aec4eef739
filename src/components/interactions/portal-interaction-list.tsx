'use client';
import Link from 'next/link';
import { useTimeZone, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { IntakePortalListQuery as ListResult } from '@/gql/graphql';
import { buttonClass } from '@/components/ui/classes';
import { DataTable, type Column } from '@/components/ui/data-table';
import { LoadMore } from '@/components/ui/load-more';
import { PageHeader } from '@/components/ui/page-header';
import { formatDateTime } from '@/lib/format';
import { useGqlInfiniteQuery } from '@/lib/data/gql-hooks';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { IntakePortalListQuery } from './interaction-screen-operations';
import { awaitsCustomerFeedback } from './resolution';

const PAGE_SIZE = 25;
type Row = ListResult['interactions']['nodes'][number];

/** The customer's own interactions (the server scopes the list to the viewer's organisation), newest first. */
export function PortalInteractionList() {
  const t = useTranslations('intake');
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';
  const connection = useCallback((result: ListResult) => result.interactions, []);
  const list = useGqlInfiniteQuery(IntakePortalListQuery, { first: PAGE_SIZE }, connection);
  const errorMessage = (error: unknown) => gqlErrorMessage(error, (kind) => t(`errors.${kind}`));

  const columns: Column<Row>[] = [
    { id: 'number', header: t('list.number'), className: 'font-mono', cell: (row) => row.number },
    { id: 'type', header: t('list.type'), cell: (row) => t(`type.${row.type}`) },
    { id: 'subject', header: t('list.subject'), cell: (row) => row.subject },
    {
      id: 'status',
      header: t('list.status'),
      cell: (row) => (
        <>
          {t(`status.${row.status}`)}
          {awaitsCustomerFeedback(row) && (
            <span
              className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900"
              data-testid="awaits-confirmation"
            >
              {t('resolution.awaiting')}
            </span>
          )}
        </>
      ),
    },
    {
      id: 'createdAt',
      header: t('list.createdAt'),
      className: 'whitespace-nowrap text-slate-600',
      cell: (row) => formatDateTime(row.createdAt, timeZone),
    },
  ];

  return (
    <div className="space-y-6">
      <PageHeader title={t('list.title')} subtitle={t('list.subtitle')}>
        <Link href="/portal/interactions/new" className={buttonClass.primary}>
          {t('list.new')}
        </Link>
      </PageHeader>
      <DataTable
        columns={columns}
        rows={list.rows}
        rowKey={(row) => row.id}
        rowHref={(row) => `/portal/interactions/${row.id}`}
        state={{ loading: !list.loaded, error: list.error, errorMessage, onRetry: () => void list.refetch() }}
        empty={t('list.empty')}
        testId="portal-interactions"
        rowTestId="portal-interaction-row"
        emptyTestId="portal-interactions-empty"
        errorTestId="portal-interactions-error"
      />
      {list.loaded && list.rows.length > 0 && (
        <LoadMore
          query={list}
          total={t('console.list.total', { count: list.totalCount ?? 0 })}
          errorMessage={errorMessage}
          testId="portal-interactions-load-more"
        />
      )}
    </div>
  );
}
