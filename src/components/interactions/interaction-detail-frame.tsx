'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { gqlErrorMessage } from '@/lib/gql-error-message';

/**
 * The frame of an interaction's page (console and portal): the way back to the list, then the record's number, title
 * and status above its own content — or a spinner
 * while it loads, or why it cannot be shown (a record the viewer may not see answers null: "not found").
 */
type Headed = { number: string; type: string; subject: string; status: string };

export function InteractionDetailFrame<T extends Headed>({
  backHref,
  query,
  record,
  actions,
  children,
}: {
  backHref: string;
  query: { error: unknown; isPending: boolean; refetch: () => unknown };
  record: T | null | undefined;
  /** What the viewer may do with the record, beside its heading (转为投诉). */
  actions?: (record: T) => React.ReactNode;
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
        <>
          <header className="flex flex-wrap items-start justify-between gap-4">
            <div>
              <p className="font-mono text-2xl font-bold" data-testid="interaction-number">
                {record.number}
              </p>
              <h1 className="mt-1 text-lg font-semibold">
                {t(`type.${record.type}`)} · {record.subject}
              </h1>
              <p className="mt-2 text-sm">
                {t('detail.status')}：
                <span
                  className="rounded bg-blue-50 px-2 py-0.5 font-medium text-blue-800"
                  data-testid="interaction-status"
                >
                  {t(`status.${record.status}`)}
                </span>
              </p>
            </div>
            {actions?.(record)}
          </header>
          {children(record)}
        </>
      ) : (
        <ErrorBanner message={t('detail.notFound')} testId="interaction-error" />
      )}
    </div>
  );
}
