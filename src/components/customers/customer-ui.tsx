'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/classes';
import { ErrorBanner, Spinner, Tag } from '@/components/ui/status';
import type { CreditStanding, CustomerStatus, KeyAccountStatus } from '@/gql/graphql';
import { isGqlError } from '@/lib/gql-error-message';
import { errorMessage } from './customer-errors';

// Small building blocks shared by the customer screens.

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
  UNDER_REVIEW: 'bg-orange-50 text-orange-800 ring-orange-600/20',
};

function Badge({ tone, children }: { tone: string; children: React.ReactNode }) {
  return (
    <Tag tone={tone} outlined>
      {children}
    </Tag>
  );
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

/** An error in place of a whole page, with the way back to the list. */
export function PageError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = useTranslations('customers');
  return (
    <div className="space-y-3">
      <ErrorBanner message={message} onRetry={onRetry} testId="customers-error" />
      <Link href="/console/customers" className={buttonClass.link} data-testid="back-to-list">
        {t('actions.backToList')}
      </Link>
    </div>
  );
}

/**
 * A customer page until its record is here: a spinner while the query loads, why it failed (with a retry, except for
 * "not found"), or "not found" when the answer has no customer; then `children` with the customer.
 */
export function CustomerLoaded<Customer>({
  query,
  children,
}: {
  query: { error: unknown; data: { customer?: Customer | null } | undefined; refetch: () => unknown };
  children: (customer: Customer) => React.ReactNode;
}) {
  const t = useTranslations('customers');
  if (query.error)
    return (
      <PageError
        message={errorMessage(query.error, t)}
        onRetry={isGqlError(query.error, 'NOT_FOUND') ? undefined : () => void query.refetch()}
      />
    );
  if (!query.data) return <Spinner label={t('list.loading')} />;
  if (!query.data.customer) return <PageError message={t('errors.notFound')} />;
  return children(query.data.customer);
}
