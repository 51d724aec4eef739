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
