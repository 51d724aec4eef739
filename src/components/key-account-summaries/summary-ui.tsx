'use client';
import { useTranslations } from 'next-intl';
import type { ExchangeSummaryStatus } from '@/gql/graphql';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { Badge } from '@/components/ui/status';

/** The screens' error text: the server's key when it has one, else the kind of failure in the module's words. */
export function useSummaryErrorMessage() {
  const t = useTranslations('keyAccountSummaries.errors');
  return (error: unknown) => gqlErrorMessage(error, (kind) => t(kind));
}

export function SummaryStatusBadge({ status }: { status: ExchangeSummaryStatus }) {
  const t = useTranslations('keyAccountSummaries.status');
  return <Badge tone={status === 'ISSUED' ? 'green' : 'amber'}>{t(status)}</Badge>;
}

/** What a summary change makes stale: its lists and page, and the bell (issuing notifies). */
export const SUMMARY_INVALIDATES = ['KeyAccountSummary', 'Notification'] as const;
