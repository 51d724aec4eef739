import { LoadMore } from './load-more';
import { ErrorBanner, Spinner } from './status';

/**
 * A titled card of a detail screen (the complaint workbench's workflow, actions, 8D, approvals, history, callbacks):
 * the heading with an optional control beside it (`action`), then the content — or, while `empty` is a message, that
 * message instead (a list with nothing in it yet).
 */
export function Panel({
  title,
  testId,
  action,
  empty,
  children,
}: {
  title: string;
  testId?: string;
  action?: React.ReactNode;
  empty?: string | false;
  children: React.ReactNode;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid={testId}>
      {action ? (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-sm font-semibold">{title}</h2>
          {action}
        </div>
      ) : (
        <h2 className="mb-3 text-sm font-semibold">{title}</h2>
      )}
      {empty ? <EmptyLine>{empty}</EmptyLine> : children}
    </section>
  );
}

/** The quiet line a panel or card shows in place of a list that has nothing in it. */
export function EmptyLine({ children }: { children: React.ReactNode }) {
  return <p className="text-sm text-slate-500">{children}</p>;
}

/**
 * The content of a card that loads its own query: the error (with a retry) if the query failed, a spinner until its
 * data is there, `empty` if what it lists is empty (a message, or an element of its own), and otherwise the content.
 */
export function QueryContent({
  query,
  errorMessage,
  loadingLabel,
  empty,
  children,
}: {
  query: { error: unknown; data: unknown; refetch: () => unknown };
  errorMessage: (error: unknown) => string;
  loadingLabel: string;
  empty?: React.ReactNode;
  children: React.ReactNode;
}) {
  if (query.error) return <ErrorBanner message={errorMessage(query.error)} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Spinner label={loadingLabel} />;
  if (!empty) return children;
  return typeof empty === 'string' ? <EmptyLine>{empty}</EmptyLine> : empty;
}

/** What PagedContent needs of a `useGqlInfiniteQuery` list. */
type PagedList = React.ComponentProps<typeof LoadMore>['query'] & {
  error: unknown;
  loaded: boolean;
  refetch: () => unknown;
  isFetchNextPageError: boolean;
  rows: readonly unknown[];
};

/**
 * QueryContent for a card's paged list (`useGqlInfiniteQuery`): the error with a retry if the first page failed, a
 * spinner until it is here, `empty` when given and there are no rows, or the content with "load more" (and `total`)
 * under it. A failed "load more" shows beside the button, under the rows already there, not in their place.
 */
export function PagedContent({
  list,
  errorMessage,
  loadingLabel,
  empty,
  total,
  moreTestId,
  children,
}: {
  list: PagedList;
  errorMessage: (error: unknown) => string;
  loadingLabel: string;
  empty?: string;
  /** The line beside "load more" ("共 12 条"); omit when the list has no total. */
  total?: React.ReactNode;
  moreTestId?: string;
  children: React.ReactNode;
}) {
  const firstPage = {
    error: list.isFetchNextPageError ? null : list.error,
    data: list.loaded || undefined,
    refetch: list.refetch,
  };
  return (
    <QueryContent
      query={firstPage}
      errorMessage={errorMessage}
      loadingLabel={loadingLabel}
      empty={list.rows.length === 0 && empty}
    >
      {children}
      <div className="mt-3">
        <LoadMore query={list} total={total} errorMessage={errorMessage} testId={moreTestId} />
      </div>
    </QueryContent>
  );
}
