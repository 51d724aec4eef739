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
 * A 工作台 block that lists the first rows of its own query: the heading and the link to the whole list (with its
 * count), then the error with a retry, a spinner, the empty line (`${testId}-empty`), or one bordered list with a
 * line per row (`rowTestId`).
 */
export function DashboardListBlock<Row>({
  title,
  href,
  hrefLabel,
  testId,
  query,
  errorMessage,
  loadingLabel,
  emptyLabel,
  rows,
  rowKey,
  rowTestId,
  renderRow,
}: {
  title: string;
  href: string;
  hrefLabel: string;
  testId: string;
  query: { error: unknown; data: unknown; refetch: () => unknown };
  errorMessage: (error: unknown) => string;
  loadingLabel: string;
  emptyLabel: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowTestId: string;
  renderRow: (row: Row) => React.ReactNode;
}) {
  return (
    <DashboardBlock title={title} href={href} hrefLabel={hrefLabel} testId={testId}>
      <QueryContent
        query={query}
        errorMessage={errorMessage}
        loadingLabel={loadingLabel}
        empty={rows.length === 0 && <EmptyState testId={`${testId}-empty`}>{emptyLabel}</EmptyState>}
      >
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {rows.map((row) => (
            <li
              key={rowKey(row)}
              className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2 text-sm"
              data-testid={rowTestId}
            >
              {renderRow(row)}
            </li>
          ))}
        </ul>
      </QueryContent>
    </DashboardBlock>
  );
}
