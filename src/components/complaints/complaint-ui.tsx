'use client';
import Link from 'next/link';
import { useNow, useTranslations } from 'next-intl';
import { Tag } from '@/components/ui/status';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { dueHours } from './complaint-due';

// Small pieces shared by the work queues and the workbench.

const SEVERITY_COLOURS: Record<string, string> = {
  GENERAL: 'bg-slate-100 text-slate-700',
  MAJOR: 'bg-amber-100 text-amber-900',
  CRISIS: 'bg-red-600 text-white',
};

export function SeverityBadge({ severity }: { severity: string | null | undefined }) {
  const t = useTranslations('complaints.severity');
  if (!severity) return <span className="text-xs text-slate-500">{t('none')}</span>;
  return (
    <Tag tone={SEVERITY_COLOURS[severity] ?? ''} testId="severity-badge">
      {t(severity)}
    </Tag>
  );
}

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const t = useTranslations('complaints.status');
  return (
    <span className="rounded bg-blue-50 px-2 py-0.5 text-xs font-medium text-blue-800" data-testid={testId}>
      {t.has(status) ? t(status) : status}
    </span>
  );
}

/** "剩余 Xh" or, in red, "逾期 Xh"; a closed record shows no clock. */
export function DueLabel({ dueAt, stopped = false }: { dueAt: string | null | undefined; stopped?: boolean }) {
  const t = useTranslations('complaints.due');
  // Re-render every minute so an open page does not keep showing a stale "remaining".
  const now = useNow({ updateInterval: 60_000 });
  if (!dueAt || stopped) return null;
  const { overdue, hours } = dueHours(dueAt, now);
  return (
    <span
      className={`text-xs font-medium ${overdue ? 'text-red-700' : 'text-slate-600'}`}
      data-testid={overdue ? 'due-overdue' : 'due-remaining'}
    >
      {overdue ? t('overdue', { hours }) : t('remaining', { hours })}
    </span>
  );
}

/** A link to a complaint's workbench, named by its number unless told otherwise. */
export function ComplaintLink({
  complaint,
  className = '',
  children,
}: {
  complaint: { id: string; number: string };
  className?: string;
  children?: React.ReactNode;
}) {
  return (
    <Link className={`text-blue-700 hover:underline ${className}`} href={`/console/complaints/${complaint.id}`}>
      {children ?? complaint.number}
    </Link>
  );
}

/** The translated one-liner for any failure of a complaint operation. */
export function useComplaintErrorMessage() {
  const t = useTranslations('complaints.errors');
  return (error: unknown) => gqlErrorMessage(error, (kind) => t(kind));
}

export const STOPPED_STATUSES = new Set(['RESOLVED', 'FOLLOW_UP_DONE', 'CLOSED', 'REJECTED']);
