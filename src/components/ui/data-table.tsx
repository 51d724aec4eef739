'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { EmptyState, ErrorBanner, Spinner } from './status';

/** One column of a DataTable: a header, how a row shows in it, and (optionally) the sort key it orders by. */
export type Column<Row, SortKey extends string = string> = {
  /** Stable id (React key; `data-col` on the cells). */
  id: string;
  header: React.ReactNode;
  cell: (row: Row) => React.ReactNode;
  /** Sortable column: the key the list orders by when its header is clicked. */
  sortKey?: SortKey;
  /** Extra classes for the header and the cells (`whitespace-nowrap`, `text-right`, `font-mono`…). */
  className?: string;
  /** The label shown before the value when rows become cards on a phone (defaults to the header when it is text). */
  cardLabel?: string;
  /** The column's cell in a footer row (totals of the whole list); the table has a footer when any column has one. */
  footer?: React.ReactNode;
};

export type SortState<SortKey extends string> = { key: SortKey; direction: 'ASC' | 'DESC' } | null;

/** Where the table's rows come from: a query's state, so every table shows loading, failure and empty alike. */
export type TableState = {
  /** True until the first answer is here (a spinner, never a premature empty state). */
  loading: boolean;
  error?: unknown;
  /** The failure in words for the person in front of the screen (each screen words it for its records). */
  errorMessage?: (error: unknown) => string;
  onRetry?: () => void;
};

/** A TableState from a `useGqlQuery` answer: loading while it fetches, its failure with a retry. */
export function queryTableState(
  query: { isFetching: boolean; error: unknown; refetch: () => unknown },
  errorMessage: (error: unknown) => string,
): TableState {
  return { loading: query.isFetching, error: query.error, errorMessage, onRetry: () => void query.refetch() };
}

const CELL = 'px-3 py-2 align-top';

/**
 * The one table of the console and the portal: columns, optional sorting by header, row links, and the loading,
 * error and empty states. On a phone (below `md`) every row becomes a card, each cell a labelled line, from the same
 * markup, so nothing is squeezed into one character per line and tests see one row per record.
 */
export function DataTable<Row, SortKey extends string = string>({
  columns,
  rows,
  rowKey,
  state,
  empty,
  caption,
  sort,
  onSort,
  rowHref,
  rowClassName,
  rowData,
  footer,
  testId,
  rowTestId,
  emptyTestId,
  errorTestId,
  footerTestId,
}: {
  columns: readonly (Column<Row, SortKey> | false | null | undefined)[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  state: TableState;
  /** What the table says when there are no rows (word it for the filter: "no match" vs "nothing yet"). */
  empty: React.ReactNode;
  /** An accessible name for the table (shown to screen readers only). */
  caption?: string;
  sort?: SortState<SortKey>;
  onSort?: (next: SortState<SortKey>) => void;
  /** The first column's content links to the row's page. */
  rowHref?: (row: Row) => string;
  rowClassName?: (row: Row) => string;
  /** `data-*` attributes of a row, for tests that pick a record by its natural key (`data-date="2026-10-01"`). */
  rowData?: (row: Row) => Record<`data-${string}`, string>;
  /** Free-form rows under the data (several totals rows, row headers), in a `<tfoot>`; column `footer`s are simpler. */
  footer?: React.ReactNode;
  testId?: string;
  rowTestId?: string | ((row: Row) => string);
  emptyTestId?: string;
  errorTestId?: string;
  footerTestId?: string;
}) {
  const t = useTranslations('common');
  const shown = columns.filter((c): c is Column<Row, SortKey> => !!c);
  if (state.error && rows.length === 0) {
    return (
      <ErrorBanner
        message={state.errorMessage ? state.errorMessage(state.error) : t('loadFailed')}
        onRetry={state.onRetry}
        testId={errorTestId}
      />
    );
  }
  if (state.loading && rows.length === 0) return <Spinner label={t('loading')} />;
  if (rows.length === 0) return <EmptyState testId={emptyTestId}>{empty}</EmptyState>;

  const hasFooter = shown.some((column) => column.footer !== undefined);
  const nextSort = (key: SortKey): SortState<SortKey> =>
    sort?.key === key ? { key, direction: sort.direction === 'ASC' ? 'DESC' : 'ASC' } : { key, direction: 'ASC' };

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white max-md:border-0 max-md:bg-transparent">
      <table className="w-full text-left text-sm max-md:block" data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-50 text-xs text-slate-600 max-md:sr-only">
          <tr>
            {shown.map((column) => {
              const active = column.sortKey && sort?.key === column.sortKey ? sort.direction : null;
              return (
                <th
                  key={column.id}
                  scope="col"
                  className={`px-3 py-2 font-medium ${column.className ?? ''}`}
                  aria-sort={
                    column.sortKey
                      ? active === 'ASC'
                        ? 'ascending'
                        : active === 'DESC'
                          ? 'descending'
                          : 'none'
                      : undefined
                  }
                >
                  {column.sortKey && onSort ? (
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 hover:text-slate-900"
                      onClick={() => onSort(nextSort(column.sortKey as SortKey))}
                      data-testid={`sort-${column.id}`}
                    >
                      {column.header}
                      <span aria-hidden className="text-slate-500">
                        {active === 'ASC' ? '▲' : active === 'DESC' ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="max-md:block max-md:space-y-3">
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              {...rowData?.(row)}
              data-testid={typeof rowTestId === 'function' ? rowTestId(row) : rowTestId}
              className={`border-t border-slate-100 max-md:block max-md:rounded-lg max-md:border max-md:border-slate-200 max-md:bg-white max-md:p-3 ${rowClassName?.(row) ?? ''}`}
            >
              {shown.map((column, index) => {
                const label = column.cardLabel ?? (typeof column.header === 'string' ? column.header : '');
                const content = column.cell(row);
                return (
                  <td
                    key={column.id}
                    data-col={column.id}
                    data-label={label}
                    className={`${CELL} ${column.className ?? ''} max-md:flex max-md:gap-3 max-md:px-0 max-md:text-left max-md:py-1 max-md:before:w-24 max-md:before:shrink-0 max-md:before:text-xs max-md:before:text-slate-500 max-md:before:content-[attr(data-label)]`}
                  >
                    {index === 0 && rowHref ? (
                      <Link className="text-blue-700 hover:underline" href={rowHref(row)}>
                        {content}
                      </Link>
                    ) : (
                      content
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {hasFooter && (
          <tfoot
            className="border-t-2 border-slate-200 bg-slate-50 font-medium max-md:mt-3 max-md:block max-md:rounded-lg max-md:border max-md:p-3"
            data-testid={footerTestId}
          >
            <tr className="max-md:block">
              {shown.map((column, index) => {
                // The first footer cell names the row ("合计"), so on a card it needs no column label.
                const label =
                  index === 0 ? '' : (column.cardLabel ?? (typeof column.header === 'string' ? column.header : ''));
                const empty = column.footer === undefined || column.footer === null;
                return (
                  <td
                    key={column.id}
                    data-col={column.id}
                    data-label={label}
                    className={`${CELL} ${column.className ?? ''} ${empty ? 'max-md:hidden' : ''} max-md:flex max-md:gap-3 max-md:px-0 max-md:text-left max-md:py-1 max-md:before:w-24 max-md:before:shrink-0 max-md:before:text-xs max-md:before:text-slate-500 max-md:before:content-[attr(data-label)]`}
                  >
                    {column.footer}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        )}
        {!hasFooter && footer && <tfoot className="border-t border-slate-300 max-md:block">{footer}</tfoot>}
      </table>
      {state.loading && (
        <div className="px-3 py-2">
          <Spinner />
        </div>
      )}
    </div>
  );
}
