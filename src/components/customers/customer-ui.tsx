'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef } from 'react';
import type { CreditStanding, CustomerStatus, KeyAccountStatus } from '@/gql/graphql';

// Small building blocks shared by the customer screens.

export const inputClass =
  'w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-xs focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/20 disabled:bg-slate-100 aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-500/20';

export const buttonClass = {
  primary:
    'inline-flex items-center justify-center gap-1.5 rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white shadow-xs hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:cursor-not-allowed disabled:opacity-60',
  secondary:
    'inline-flex items-center justify-center gap-1.5 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:cursor-not-allowed disabled:opacity-60',
  danger:
    'inline-flex items-center justify-center gap-1.5 rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white shadow-xs hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 disabled:cursor-not-allowed disabled:opacity-60',
  link: 'text-sm font-medium text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700',
} as const;

const STATUS_TONE: Record<CustomerStatus, string> = {
  PROSPECT: 'bg-sky-50 text-sky-800 ring-sky-600/20',
  ACTIVE: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  SUSPENDED: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  REVOKED: 'bg-red-50 text-red-800 ring-red-600/20',
  EXPIRED: 'bg-slate-100 text-slate-700 ring-slate-500/20',
};

const CREDIT_TONE: Record<CreditStanding, string> = {
  GOOD: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  FAIR: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  POOR: 'bg-red-50 text-red-800 ring-red-600/20',
};

const KEY_ACCOUNT_TONE: Record<KeyAccountStatus, string> = {
  NONE: 'bg-slate-50 text-slate-600 ring-slate-500/20',
  CANDIDATE: 'bg-violet-50 text-violet-800 ring-violet-600/20',
  ACTIVE: 'bg-amber-50 text-amber-900 ring-amber-600/30',
  REVOKED: 'bg-slate-100 text-slate-600 ring-slate-500/20',
};

function Badge({ tone, children }: { tone: string; children: React.ReactNode }) {
  return <span className={`inline-flex items-center whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>{children}</span>;
}

export function StatusBadge({ status }: { status: CustomerStatus }) {
  const t = useTranslations('customers');
  return <Badge tone={STATUS_TONE[status]}>{t(`status.${status}`)}</Badge>;
}

export function CreditBadge({ credit }: { credit: CreditStanding }) {
  const t = useTranslations('customers');
  return <Badge tone={CREDIT_TONE[credit]}>{t(`creditStanding.${credit}`)}</Badge>;
}

export function KeyAccountBadge({ status }: { status: KeyAccountStatus }) {
  const t = useTranslations('customers');
  return <Badge tone={KEY_ACCOUNT_TONE[status]}>{t(`keyAccountStatus.${status}`)}</Badge>;
}

export function ArchivedBadge() {
  const t = useTranslations('customers');
  return <Badge tone="bg-slate-200 text-slate-700 ring-slate-500/30">{t('archivedBadge')}</Badge>;
}

export function Spinner({ label }: { label?: string }) {
  return (
    <span role="status" className="inline-flex items-center gap-2 text-sm text-slate-500">
      <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-blue-700" />
      {label && <span>{label}</span>}
    </span>
  );
}

export function ErrorPanel({ message, onRetry, testId = 'customers-error' }: { message: string; onRetry?: () => void; testId?: string }) {
  const t = useTranslations('customers');
  return (
    <div role="alert" data-testid={testId} className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className={buttonClass.secondary} onClick={onRetry}>
          {t('actions.retry')}
        </button>
      )}
    </div>
  );
}

/** An error in place of a whole page, with the way back to the list. */
export function PageError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = useTranslations('customers');
  return (
    <div className="space-y-3">
      <ErrorPanel message={message} onRetry={onRetry} />
      <Link href="/console/customers" className={buttonClass.link} data-testid="back-to-list">
        {t('actions.backToList')}
      </Link>
    </div>
  );
}

export function Section({ title, children, actions, id, testId }: { title: string; children: React.ReactNode; actions?: React.ReactNode; id?: string; testId?: string }) {
  const headingId = useId();
  return (
    <section id={id} aria-labelledby={headingId} data-testid={testId} className="rounded-lg border border-slate-200 bg-white shadow-xs">
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

/**
 * A modal on the native <dialog>: the browser traps focus, Esc closes it and the page behind is inert.
 * `open` drives it; `onClose` is called for Esc, the close button and a click on the backdrop.
 */
export function Modal({
  open,
  onClose,
  title,
  children,
  footer,
  size = 'md',
  testId,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: React.ReactNode;
  footer?: React.ReactNode;
  size?: 'md' | 'lg';
  testId?: string;
}) {
  const t = useTranslations('customers');
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] ${size === 'lg' ? 'max-w-4xl' : 'max-w-lg'} rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40`}
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col">
          <header className="flex items-center justify-between gap-4 border-b border-slate-100 px-5 py-3">
            <h2 id={headingId} className="text-base font-semibold">
              {title}
            </h2>
            <button type="button" onClick={onClose} className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800" aria-label={t('actions.close')}>
              <span aria-hidden>✕</span>
            </button>
          </header>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
          {footer && <footer className="flex flex-wrap justify-end gap-2 border-t border-slate-100 px-5 py-3">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}

export function ComingSoon({ title, description, testId }: { title: string; description: string; testId?: string }) {
  const t = useTranslations('customers');
  return (
    <section data-testid={testId} aria-label={title} className="rounded-lg border border-dashed border-slate-300 bg-slate-50/60 px-4 py-3">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-600">{title}</h2>
        <span className="rounded bg-slate-200 px-1.5 py-0.5 text-[11px] font-medium text-slate-600">{t('comingSoon')}</span>
      </div>
      <p className="mt-1 text-xs text-slate-500">{description}</p>
    </section>
  );
}
