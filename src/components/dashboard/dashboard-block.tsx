import Link from 'next/link';
import { buttonClass } from '@/components/ui/classes';
import { QueryContent } from '@/components/ui/panel';
import { EmptyState } from '@/components/ui/status';

/** A block of the start page: its heading, a link to the whole list, and its content. */
export function DashboardBlock({
  title,
  href,
  hrefLabel,
  testId,
  children,
}: {
  title: string;
  href: string;
  hrefLabel: string;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`${testId}-title`} className="space-y-2" data-testid={testId}>
      <div className="flex items-baseline justify-between">
        <h2 id={`${testId}-title`} className="text-base font-semibold">
          {title}
        </h2>
        <Link href={href} className={buttonClass.link}>
          {hrefLabel}
        </Link>
      </div>
      {children}
    </section>
  );
}

/**
 * The list of a 工作台 block that loads its own query: the error with a retry, a spinner, the empty line, or the rows
 * (`<li>`s) in one bordered list.
 */
export function DashboardList({
  query,
  errorMessage,
  loadingLabel,
  empty,
  emptyTestId,
  children,
}: {
  query: { error: unknown; data: unknown; refetch: () => unknown };
  errorMessage: (error: unknown) => string;
  loadingLabel: string;
  /** The empty message while the list has no rows, else false. */
  empty: string | false;
  emptyTestId: string;
  children: React.ReactNode;
}) {
  return (
    <QueryContent
      query={query}
      errorMessage={errorMessage}
      loadingLabel={loadingLabel}
      empty={empty && <EmptyState testId={emptyTestId}>{empty}</EmptyState>}
    >
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">{children}</ul>
    </QueryContent>
  );
}
