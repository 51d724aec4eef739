'use client';
import { useTimeZone, useTranslations } from 'next-intl';
import { DataTable, type Column } from '@/components/ui/data-table';
import { LoadMore } from '@/components/ui/load-more';
import type { IntakeListPageFragment } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { gqlErrorMessage } from '@/lib/gql-error-message';

type ListRow = IntakeListPageFragment['nodes'][number];

/**
 * The columns both intake lists (console and portal) show of the IntakeListPage fragment's row; each list places them
 * among its own. `statusExtra` adds to the status cell (the portal's "awaiting your confirmation").
 */
export function useIntakeListColumns<Row extends ListRow>(statusExtra?: (row: Row) => React.ReactNode) {
  const t = useTranslations('intake');
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';
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

/** A loaded list of intake rows as `useGqlInfiniteQuery` gives it (all it takes for the table and "load more"). */
type IntakeList<Row> = React.ComponentProps<typeof LoadMore>['query'] & {
  rows: Row[];
  loaded: boolean;
  refetch: () => unknown;
};

/**
 * The table of both intake lists (console and portal): a row opens the record at `<hrefBase>/<id>`; once rows are
 * there, "load more" under it (with `total` beside it, where given). Test ids: `<testId>`, `-empty`, `-error`.
 */
export function IntakeListTable<Row extends ListRow>({
  list,
  columns,
  hrefBase,
  empty,
  total,
  testId,
  rowTestId,
  loadMoreTestId,
}: {
  list: IntakeList<Row>;
  columns: Column<Row>[];
  hrefBase: string;
  empty: string;
  total?: string;
  testId: string;
  rowTestId: string;
  loadMoreTestId: string;
}) {
  const t = useTranslations('intake');
  const errorMessage = (error: unknown) => gqlErrorMessage(error, (kind) => t(`errors.${kind}`));
  return (
    <>
      <DataTable
        columns={columns}
        rows={list.rows}
        rowKey={(row) => row.id}
        rowHref={(row) => `${hrefBase}/${row.id}`}
        state={{ loading: !list.loaded, error: list.error, errorMessage, onRetry: () => void list.refetch() }}
        empty={empty}
        testId={testId}
        rowTestId={rowTestId}
        emptyTestId={`${testId}-empty`}
        errorTestId={`${testId}-error`}
      />
      {list.loaded && list.rows.length > 0 && (
        <LoadMore query={list} total={total} errorMessage={errorMessage} testId={loadMoreTestId} />
      )}
    </>
  );
}
