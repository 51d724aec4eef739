'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { IntakePortalListQuery as ListResult } from '@/gql/graphql';
import { buttonClass } from '@/components/ui/classes';
import type { Column } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { useGqlInfiniteQuery } from '@/lib/data/gql-hooks';
import { IntakeListTable, useIntakeListColumns } from './intake-list-columns';
import { intakeListPage, type IntakeListRow, IntakePortalListQuery } from './interaction-screen-operations';
import { awaitsCustomerFeedback } from './resolution';

const PAGE_SIZE = 25;
type Row = IntakeListRow<ListResult['interactions']['nodes'][number]>;

/** The customer's own interactions (the server scopes the list to the viewer's organisation), newest first. */
export function PortalInteractionList() {
  const t = useTranslations('intake');
  const connection = useCallback((result: ListResult) => intakeListPage(result.interactions), []);
  const list = useGqlInfiniteQuery(IntakePortalListQuery, { first: PAGE_SIZE }, connection);

  const column = useIntakeListColumns<Row>(
    (row) =>
      awaitsCustomerFeedback(row) && (
        <span
          className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900"
          data-testid="awaits-confirmation"
        >
          {t('resolution.awaiting')}
        </span>
      ),
  );
  const columns: Column<Row>[] = [column.number, column.type, column.subject, column.status, column.createdAt];

  return (
    <div className="space-y-6">
      <PageHeader title={t('list.title')} subtitle={t('list.subtitle')}>
        <Link href="/portal/interactions/new" className={buttonClass.primary}>
          {t('list.new')}
        </Link>
      </PageHeader>
      <IntakeListTable
        list={list}
        columns={columns}
        hrefBase="/portal/interactions"
        empty={t('list.empty')}
        total={t('console.list.total', { count: list.totalCount ?? 0 })}
        testId="portal-interactions"
        rowTestId="portal-interaction-row"
        loadMoreTestId="portal-interactions-load-more"
      />
    </div>
  );
}
