'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import type { CampaignStatus, SurveyInvitationState } from '@/gql/graphql';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { ErrorBanner, Spinner, Tag } from '@/components/ui/status';
import { buttonClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';

// Small pieces shared by the survey screens.

/** The translated one-liner for any failure of a survey operation. */
export function useSurveyErrorMessage() {
  const t = useTranslations('surveys.errors');
  return (error: unknown) => gqlErrorMessage(error, (kind) => t(kind));
}

const STATUS_TONE: Record<CampaignStatus, string> = {
  DRAFT: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  OPEN: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  CLOSED: 'bg-slate-200 text-slate-700 ring-slate-500/30',
};

export function CampaignStatusBadge({ status, testId }: { status: CampaignStatus; testId?: string }) {
  const t = useTranslations('surveys.status');
  return (
    <Tag tone={STATUS_TONE[status]} outlined testId={testId} data={{ 'data-status': status }}>
      {t(status)}
    </Tag>
  );
}

const INVITATION_TONE: Record<SurveyInvitationState, string> = {
  NOT_SENT: 'bg-amber-50 text-amber-900 ring-amber-600/20',
  SENT: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  OPENED: 'bg-sky-50 text-sky-800 ring-sky-600/20',
  RESPONDED: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
};

export function InvitationStateBadge({ state }: { state: SurveyInvitationState }) {
  const t = useTranslations('surveys.invitationState');
  return (
    <Tag tone={INVITATION_TONE[state]} outlined testId="invitation-state">
      {t(state)}
    </Tag>
  );
}

/** A 0–1 share as a percentage in the viewer's locale ("42.5%"). */
export function formatShare(share: number, locale: string, digits = 1): string {
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  }).format(share);
}

/** A count in the viewer's locale (grouping, "12,345"). */
export const formatCount = (value: number, locale: string) => new Intl.NumberFormat(locale).format(value);

/** A 0–100 index with one decimal, or "—" without one. */
export const formatIndex = (value: number | null | undefined, locale: string) =>
  value == null
    ? '—'
    : new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);

/** A response rate as text and a bar; the bar is decoration, the number is what is read. */
export function RateBar({ share, label, testId }: { share: number; label?: string; testId?: string }) {
  const locale = useLocale();
  const percent = Math.max(0, Math.min(100, share * 100));
  return (
    <div className="flex min-w-28 items-center gap-2" data-testid={testId} data-rate={share}>
      <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-200" aria-hidden>
        <div className="h-full rounded-full bg-blue-600" style={{ width: `${percent}%` }} />
      </div>
      <span className="w-12 text-right text-xs tabular-nums text-slate-700">
        {label && <span className="sr-only">{label} </span>}
        {formatShare(share, locale)}
      </span>
    </div>
  );
}

const TABS = [
  {
    key: 'campaigns',
    href: '/console/surveys',
    match: (p: string) => p === '/console/surveys' || p.startsWith('/console/surveys/campaigns'),
  },
  {
    key: 'templates',
    href: '/console/surveys/templates',
    match: (p: string) => p.startsWith('/console/surveys/templates'),
  },
  {
    key: 'analysis',
    href: '/console/surveys/analysis',
    match: (p: string) => p.startsWith('/console/surveys/analysis'),
  },
  { key: 'annual', href: '/console/surveys/annual', match: (p: string) => p.startsWith('/console/surveys/annual') },
] as const;

/** The survey module's sections as links (each has its own URL, so the browser's back button and bookmarks work). */
export function SurveysTabs() {
  const t = useTranslations('surveys.tabs');
  const pathname = usePathname();
  return (
    <nav aria-label={t('label')} className="border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1 text-sm">
        {TABS.map((tab) => {
          const active = tab.match(pathname);
          return (
            <li key={tab.key}>
              <Link
                href={tab.href}
                aria-current={active ? 'page' : undefined}
                data-testid={`surveys-tab-${tab.key}`}
                className={`inline-block border-b-2 px-3 py-2 focus-visible:outline-2 focus-visible:outline-blue-700 ${
                  active
                    ? 'border-blue-700 font-medium text-blue-800'
                    : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
                }`}
              >
                {t(tab.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** A "new …" button of a survey list (shown only to those who may manage surveys). */
export function NewLink({ href, testId, children }: { href: string; testId: string; children: React.ReactNode }) {
  return (
    <Link href={href} className={buttonClass.primary} data-testid={testId}>
      {children}
    </Link>
  );
}

/** A list screen of the survey module (campaigns, templates): the module's header with an action, its tabs, the list. */
export function SurveysListPage({ action, children }: { action?: React.ReactNode; children: React.ReactNode }) {
  const t = useTranslations('surveys');
  return (
    <div className="space-y-5">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        {action}
      </PageHeader>
      <SurveysTabs />
      {children}
    </div>
  );
}

/** Nothing to show for what was asked (a list, an analysis section), with a way forward when there is one. */
export function EmptyState({
  title,
  body,
  action,
  testId,
}: {
  title: string;
  body?: string;
  action?: React.ReactNode;
  testId?: string;
}) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid={testId}>
      <p className="text-sm font-medium text-slate-800">{title}</p>
      {body && <p className="mx-auto mt-1 max-w-lg text-sm text-slate-600">{body}</p>}
      {action && <div className="mt-4 flex justify-center gap-2">{action}</div>}
    </div>
  );
}

/**
 * A form's problem summary (an alert). With `focus`, focus moves to it whenever its message changes, so after a failed
 * submit keyboard and screen-reader users start from what to fix. Extra lines (problems of fields the form has no
 * control for) go in `children`.
 */
export function FormSummary({
  message,
  focus = false,
  testId,
  children,
}: {
  message: string;
  focus?: boolean;
  testId: string;
  children?: React.ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus, message]);
  return (
    <div
      ref={ref}
      tabIndex={focus ? -1 : undefined}
      role="alert"
      className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800 outline-none"
      data-testid={testId}
    >
      <p>{message}</p>
      {children}
    </div>
  );
}

/** The amber "someone else changed it" banner with a reload, as on the complaint workbench. */
export function ConflictBanner({
  message,
  onReload,
  reloadLabel,
  testId,
}: {
  message: string;
  onReload: () => void;
  reloadLabel: string;
  testId?: string;
}) {
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
      data-testid={testId}
    >
      <span>{message}</span>
      <button
        type="button"
        onClick={onReload}
        className="inline-flex items-center rounded border border-amber-400 bg-white px-3 py-1.5 text-sm font-medium text-amber-900 hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-amber-700"
      >
        {reloadLabel}
      </button>
    </div>
  );
}

/**
 * An edit page's start: the header, then what loading the record came to — an error with a retry, a spinner, "not
 * found" (data null), or the form given the loaded data.
 */
export function FormPageState<Data>({
  header,
  loaded,
  loadingLabel,
  notFoundLabel,
  errorTestId,
  notFoundTestId,
  children,
}: {
  header: React.ReactNode;
  loaded: { data: Data | null | undefined; error: unknown; reload: () => void };
  loadingLabel: string;
  notFoundLabel: string;
  errorTestId: string;
  notFoundTestId: string;
  children: (data: Data) => React.ReactNode;
}) {
  const errorMessage = useSurveyErrorMessage();
  const body =
    loaded.error && !loaded.data ? (
      <ErrorBanner message={errorMessage(loaded.error)} onRetry={loaded.reload} testId={errorTestId} />
    ) : loaded.data === undefined ? (
      <Spinner label={loadingLabel} />
    ) : loaded.data === null ? (
      <ErrorBanner message={notFoundLabel} testId={notFoundTestId} />
    ) : (
      children(loaded.data)
    );
  return (
    <div className="space-y-4">
      {header}
      {body}
    </div>
  );
}
