'use client';
import Link from 'next/link';
import { useId } from 'react';
import { buttonClass } from './classes';

/**
 * A titled card of a record's page (the customer page's blocks: details, 360 blocks, grading, callbacks, key-account
 * obligations): a header with the heading, its controls (`actions`) and the way to the whole list elsewhere (`link`:
 * 全部回访), then the content. The section is named by its heading.
 */
export function Section({
  title,
  children,
  actions,
  link,
  id,
  testId,
}: {
  title: string;
  children: React.ReactNode;
  actions?: React.ReactNode;
  link?: { href: string; label: string };
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
        {link ? (
          <div className="flex items-center gap-3">
            {actions}
            <Link href={link.href} className={buttonClass.link}>
              {link.label}
            </Link>
          </div>
        ) : (
          actions
        )}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}
