'use client';
import { DataTable } from './data-table';
import { LoadMore } from './load-more';

type InfiniteList<Row> = React.ComponentProps<typeof LoadMore>['query'] & {
  rows: readonly Row[];
  loaded: boolean;
  error: unknown;
  refetch: () => unknown;
};

/**
 * A cursor-paginated list as a table: the rows and states of a `useGqlInfiniteQuery` in a DataTable, with the LoadMore
 * footer (the total beside it) once there are rows. Everything else is DataTable's.
 */
export function PagedTable<Row, SortKey extends string = string>({
  query,
  errorMessage,
  total,
  loadMoreTestId,
  ...table
}: Omit<React.ComponentProps<typeof DataTable<Row, SortKey>>, 'rows' | 'state'> & {
  query: InfiniteList<Row>;
  errorMessage: (error: unknown) => string;
  total?: React.ReactNode;
  loadMoreTestId?: string;
}) {
  return (
    <>
      <DataTable
        {...table}
        rows={query.rows}
        state={{ loading: !query.loaded, error: query.error, errorMessage, onRetry: () => void query.refetch() }}
      />
      {query.loaded && query.rows.length > 0 && (
        <LoadMore query={query} total={total} errorMessage={errorMessage} testId={loadMoreTestId} />
      )}
    </>
  );
}
