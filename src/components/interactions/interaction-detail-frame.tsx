'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { gqlErrorMessage } from '@/lib/gql-error-message';

/**
 * The frame of an interaction's page (console and portal): the way back to the list, then the record — or a spinner
 * while it loads, or why it cannot be shown (a record the viewer may not see answers null: "not found").
 */
export function InteractionDetailFrame<T>({
  backHref,
  query,
  record,
  children,
}: {
  backHref: string;
  query: { error: unknown; isPending: boolean; refetch: () => unknown };
  record: T | null | undefined;
  children: (record: T) => React.ReactNode;
}) {
  const t = useTranslations('intake');
  return (
    <div className="space-y-6">
      <Link href={backHref} className="text-sm text-blue-700 hover:underline">
        ← {t('detail.back')}
      </Link>
      {query.error ? (
        <ErrorBanner
          message={gqlErrorMessage(query.error, (kind) => t(`errors.${kind}`))}
          onRetry={() => void query.refetch()}
          testId="interaction-error"
        />
      ) : query.isPending ? (
        <Spinner label={t('detail.loading')} />
      ) : record ? (
        children(record)
      ) : (
        <ErrorBanner message={t('detail.notFound')} testId="interaction-error" />
      )}
    </div>
  );
}
