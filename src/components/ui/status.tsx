'use client';
import { useTranslations } from 'next-intl';
import { buttonClass } from './classes';

export function Spinner({ label }: { label?: string }) {
  return (
    <span role="status" className="inline-flex items-center gap-2 text-sm text-slate-500">
      <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-blue-700" />
      {label && <span>{label}</span>}
    </span>
  );
}

/** A failure in place of content, with a way to try again when there is one. */
export function ErrorBanner({ message, onRetry, testId }: { message: string; onRetry?: () => void; testId?: string }) {
  const t = useTranslations('common');
  return (
    <div
      role="alert"
      data-testid={testId}
      className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
    >
      <span>{message}</span>
      {onRetry && (
        <button type="button" className={buttonClass.secondary} onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** A page-level status line (loading, notice). */
export function StatusMessage({ tone, children }: { tone: 'info' | 'success'; children: React.ReactNode }) {
  const colours = { info: 'bg-slate-50 text-slate-600', success: 'bg-green-50 text-green-800' }[tone];
  return (
    <div role="status" className={`rounded px-4 py-3 text-sm ${colours}`}>
      {children}
    </div>
  );
}

/** A failure inside a form or dialog, announced as it appears. */
export function InlineError({ children, className = '' }: { children: React.ReactNode; className?: string }) {
  return (
    <p role="alert" className={`rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`}>
      {children}
    </p>
  );
}

/** What a list shows when it has nothing for the current filter. */
export function EmptyState({ children, testId }: { children: React.ReactNode; testId?: string }) {
  return (
    <p
      className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600"
      data-testid={testId}
    >
      {children}
    </p>
  );
}

const BADGE_TONES = {
  green: 'bg-green-50 text-green-800 ring-green-600/20',
  red: 'bg-red-50 text-red-700 ring-red-600/20',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  slate: 'bg-slate-100 text-slate-600 ring-slate-500/20',
} as const;

/** A record's state as a small rounded label in a table cell ("启用", "已吊销"). */
export function Badge({ tone, children }: { tone: keyof typeof BADGE_TONES; children: React.ReactNode }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${BADGE_TONES[tone]}`}
    >
      {children}
    </span>
  );
}

/**
 * A coded value as a small square tag in the colours of its code (a status, a level, a severity, a kind): `tone`
 * holds the colour classes, with `ring-…` ones where the tag is `outlined`. `data` adds `data-*` attributes (the code
 * itself, for tests and styles).
 */
export function Tag({
  tone,
  outlined = false,
  testId,
  data,
  children,
}: {
  tone: string;
  outlined?: boolean;
  testId?: string;
  data?: Record<`data-${string}`, string>;
  children: React.ReactNode;
}) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${outlined ? 'ring-1 ring-inset ' : ''}${tone}`}
      data-testid={testId}
      {...data}
    >
      {children}
    </span>
  );
}
