'use client';
import { useId } from 'react';

/**
 * A titled card of a record's page (the customer page's blocks: details, 360 blocks, grading, callbacks, key-account
 * obligations): a header with the heading and its controls (`actions`), then the content. The section is named by its
 * heading.
 */
export function Section({
  title,
  children,
  actions,
  id,
  testId,
}: {
  title: string;
  children: React.ReactNode;
  actions?: React.ReactNode;
  id?: string;
  testId?: string;
}) {
  const headingId = useId();
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      data-testid={testId}
      className="rounded-lg border border-slate-200 bg-white shadow-xs"
    >
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-2.5">
        <h2 id={headingId} className="text-sm font-semibold text-slate-800">
          {title}
        </h2>
        {actions}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}
