'use client';
import { useTranslations } from 'next-intl';
import { buttonClass } from './classes';
import { ErrorBanner, Spinner } from './status';

/**
 * The footer of every cursor-paginated list: "load more" while there is a next page, the total when known, a spinner
 * while a refresh runs, and the failure of the last "load more" with a retry. Pairs with `useGqlInfiniteQuery`:
 * `<LoadMore query={list} … />` takes its hasNextPage / fetchNextPage / isFetchingNextPage / error.
 */
export function LoadMore({
  query,
  total,
  errorMessage,
  testId,
}: {
  query: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    isFetching?: boolean;
    isFetchNextPageError?: boolean;
    error?: unknown;
    fetchNextPage: () => unknown;
  };
  /** The line beside the button ("共 123 条"); omit when the list has no total. */
  total?: React.ReactNode;
  errorMessage?: (error: unknown) => string;
  testId?: string;
}) {
  const t = useTranslations('common');
  const failed = query.isFetchNextPageError && query.error;
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        {query.hasNextPage && (
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            data-testid={testId}
          >
            {query.isFetchingNextPage ? t('loading') : t('loadMore')}
          </button>
        )}
        {total !== undefined && <span className="text-sm text-slate-600">{total}</span>}
        {query.isFetching && !query.isFetchingNextPage && <Spinner />}
      </div>
      {failed ? (
        <ErrorBanner
          message={errorMessage ? errorMessage(query.error) : t('loadFailed')}
          onRetry={() => void query.fetchNextPage()}
        />
      ) : null}
    </>
  );
}
