'use client';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTimeZone, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { ComplaintQueue, ComplaintQueueQuery as ComplaintQueueResult } from '@/gql/graphql';
import { buttonClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, ErrorBanner, Spinner } from '@/components/ui/status';
import { useAsyncData } from '@/components/customers/use-async-data';
import { formatDateTime } from '@/lib/format';
import { gqlRequest } from '@/lib/graphql-client';
import { ComplaintDirectoryQuery, ComplaintQueueCountsQuery, ComplaintQueueQuery } from './complaint-operations';
import { ComplaintQueueFilters } from './complaint-queue-filters';
import { filterOf, isFiltered, paramsWithView, viewFromParams, type QueueView } from './complaint-queue-params';
import { DueLabel, SeverityBadge, StatusBadge, STOPPED_STATUSES, useComplaintErrorMessage } from './complaint-ui';
import { QueueTabs } from '@/components/ui/queue-tabs';

export const QUEUES: readonly ComplaintQueue[] = [
  'MINE',
  'MY_DEPARTMENT',
  'UNASSIGNED',
  'DUE_SOON',
  'OVERDUE',
  'CRISIS',
  'OPEN',
];
const PAGE_SIZE = 25;

type Row = ComplaintQueueResult['complaintQueue']['nodes'][number];

const queueFrom = (value: string | null): ComplaintQueue => QUEUES.find((q) => q === value) ?? 'MINE';

/** The complaint work queues: one tab per queue with its count; the queue, its filters and order in the URL. */
export function ComplaintQueues() {
  const t = useTranslations('complaints');
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const queue = queueFrom(searchParams.get('queue'));
  const errorMessage = useComplaintErrorMessage();
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';

  const view = viewFromParams(searchParams);
  const filter = filterOf(view);
  const filterKey = JSON.stringify(filter);
  const sort = view.sort;

  const directory = useAsyncData(() => gqlRequest(ComplaintDirectoryQuery), 'directory');
  const counts = useAsyncData(() => gqlRequest(ComplaintQueueCountsQuery, { filter }), `counts:${filterKey}`);
  const firstPage = useAsyncData(
    () => gqlRequest(ComplaintQueueQuery, { queue, filter, sort, first: PAGE_SIZE }),
    `${queue}:${filterKey}:${sort}`,
  );

  // Further pages are appended locally ("load more"); a new queue or a reload starts again from the first page.
  const [more, setMore] = useState<{ rows: Row[]; hasNextPage: boolean; endCursor: string | null } | null>(null);
  const [moreState, setMoreState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
  useEffect(() => {
    setMore(null);
    setMoreState({ loading: false, error: null });
  }, [firstPage.data]);

  const countOf = new Map((counts.data?.complaintQueueCounts ?? []).map((c) => [c.queue, c.count]));
  const page = firstPage.data?.complaintQueue;
  const rows = [...(page?.nodes ?? []), ...(more?.rows ?? [])];
  const hasNextPage = more ? more.hasNextPage : (page?.pageInfo.hasNextPage ?? false);
  const endCursor = more ? more.endCursor : (page?.pageInfo.endCursor ?? null);

  const loadMore = async () => {
    if (!endCursor) return;
    setMoreState({ loading: true, error: null });
    try {
      const next = await gqlRequest(ComplaintQueueQuery, { queue, filter, sort, first: PAGE_SIZE, after: endCursor });
      setMore((m) => ({
        rows: [...(m?.rows ?? []), ...next.complaintQueue.nodes],
        hasNextPage: next.complaintQueue.pageInfo.hasNextPage,
        endCursor: next.complaintQueue.pageInfo.endCursor ?? null,
      }));
      setMoreState({ loading: false, error: null });
    } catch (error) {
      setMoreState({ loading: false, error });
    }
  };

  const changeView = (next: QueueView) =>
    router.replace(`${pathname}?${paramsWithView(searchParams, next).toString()}`);
  const departments = directory.data?.departments ?? [];
  const owners = (directory.data?.users ?? []).filter((u) => u.active && u.role !== 'CUSTOMER');

  const selectQueue = (next: ComplaintQueue) => {
    const params = new URLSearchParams(searchParams.toString());
    params.set('queue', next);
    router.replace(`${pathname}?${params.toString()}`);
  };

  return (
    <div className="space-y-5">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <QueueTabs
        queues={QUEUES}
        current={queue}
        label={t('queueLabel')}
        labelOf={(q) => t(`queue.${q}`)}
        count={(q) => countOf.get(q)}
        loading={counts.loading}
        onSelect={selectQueue}
        testIdPrefix="queue"
      />
      <ComplaintQueueFilters view={view} onChange={changeView} departments={departments} owners={owners} />

      {firstPage.error ? (
        <ErrorBanner
          message={errorMessage(firstPage.error)}
          onRetry={firstPage.reload}
          testId="complaint-queue-error"
        />
      ) : !page ? (
        <Spinner label={t('list.loading')} />
      ) : rows.length === 0 ? (
        <EmptyState testId="complaint-queue-empty">
          {isFiltered(view) ? t('list.emptyFiltered') : t('list.empty')}
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="complaint-queue">
              <thead className="bg-slate-50 text-xs text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t('list.number')}</th>
                  <th className="px-3 py-2">{t('list.subject')}</th>
                  <th className="px-3 py-2">{t('list.customer')}</th>
                  <th className="px-3 py-2">{t('list.severity')}</th>
                  <th className="px-3 py-2">{t('list.status')}</th>
                  <th className="px-3 py-2">{t('list.owner')}</th>
                  <th className="px-3 py-2">{t('list.department')}</th>
                  <th className="px-3 py-2">{t('list.resolutionDue')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} className="border-t border-slate-100" data-testid="complaint-row">
                    <td className="px-3 py-2 font-mono">
                      <Link className="text-blue-700 hover:underline" href={`/console/complaints/${row.id}`}>
                        {row.number}
                      </Link>
                    </td>
                    <td className="px-3 py-2">{row.subject}</td>
                    <td className="px-3 py-2">{row.customer?.name ?? row.companyName ?? '—'}</td>
                    <td className="px-3 py-2">
                      <SeverityBadge severity={row.severity} />
                    </td>
                    <td className="px-3 py-2">
                      <StatusBadge status={row.status} />
                    </td>
                    <td className="px-3 py-2">{row.owner?.name ?? '—'}</td>
                    <td className="px-3 py-2">{row.responsibleDepartment?.name ?? '—'}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {row.resolutionDueAt ? (
                        <span className="block text-slate-700">{formatDateTime(row.resolutionDueAt, timeZone)}</span>
                      ) : (
                        '—'
                      )}
                      <DueLabel dueAt={row.resolutionDueAt} stopped={STOPPED_STATUSES.has(row.status)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex items-center gap-3">
            {hasNextPage && (
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={loadMore}
                disabled={moreState.loading}
                data-testid="complaint-load-more"
              >
                {moreState.loading ? t('list.loading') : t('list.loadMore')}
              </button>
            )}
            <span className="text-sm text-slate-600">{t('list.total', { count: page.totalCount })}</span>
            {firstPage.loading && <Spinner />}
          </div>
          {moreState.error ? <ErrorBanner message={errorMessage(moreState.error)} onRetry={loadMore} /> : null}
        </>
      )}
    </div>
  );
}
