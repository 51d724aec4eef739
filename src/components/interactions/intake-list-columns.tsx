'use client';
import { useTranslations } from 'next-intl';
import type { Column } from '@/components/ui/data-table';
import { PagedTable } from '@/components/ui/paged-table';
import type { IntakeListPageFragment } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

type ListRow = IntakeListPageFragment['nodes'][number];

/**
 * The columns both intake lists (console and portal) show of the IntakeListPage fragment's row; each list places them
 * among its own. `statusExtra` adds to the status cell (the portal's "awaiting your confirmation").
 */
export function useIntakeListColumns<Row extends ListRow>(statusExtra?: (row: Row) => React.ReactNode) {
  const t = useTranslations('intake');
  const timeZone = useDisplayTimeZone();
  return {
    number: { id: 'number', header: t('list.number'), className: 'font-mono', cell: (row) => row.number },
    type: { id: 'type', header: t('list.type'), cell: (row) => t(`type.${row.type}`) },
    subject: { id: 'subject', header: t('list.subject'), cell: (row) => row.subject },
    status: {
      id: 'status',
      header: t('list.status'),
      cell: (row) => (
        <>
          {t(`status.${row.status}`)}
          {statusExtra?.(row)}
        </>
      ),
    },
    createdAt: {
      id: 'createdAt',
      header: t('list.createdAt'),
      className: 'whitespace-nowrap text-slate-600',
      cell: (row) => formatDateTime(row.createdAt, timeZone),
    },
  } satisfies Record<string, Column<Row>>;
}

/**
 * The table of both intake lists (console and portal), a PagedTable: a row opens the record at `<hrefBase>/<id>`;
 * failures in the intake's words. Test ids: `<testId>`, `<testId>-empty`, `<testId>-error`.
 */
export function IntakeListTable<Row extends ListRow>({
  list,
  hrefBase,
  testId,
  ...table
}: {
  list: React.ComponentProps<typeof PagedTable<Row>>['query'];
  columns: Column<Row>[];
  hrefBase: string;
  empty: string;
  total?: string;
  testId: string;
  rowTestId: string;
  loadMoreTestId: string;
}) {
  const t = useTranslations('intake');
  return (
    <PagedTable
      {...table}
      query={list}
      errorMessage={(error) => gqlErrorMessage(error, (kind) => t(`errors.${kind}`))}
      rowKey={(row) => row.id}
      rowHref={(row) => `${hrefBase}/${row.id}`}
      testId={testId}
      emptyTestId={`${testId}-empty`}
      errorTestId={`${testId}-error`}
    />
  );
}
