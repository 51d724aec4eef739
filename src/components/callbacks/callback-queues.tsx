'use client';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { CallbackQueue } from '@/gql/graphql';
import { useAsyncData } from '@/components/customers/use-async-data';
import { buttonClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, ErrorBanner, Spinner, StatusMessage } from '@/components/ui/status';
import { gqlRequest } from '@/lib/graphql-client';
import {
  CancelCallbackDialog,
  CreateCallbackDialog,
  ReassignCallbackDialog,
  RecordCallbackDialog,
} from './callback-dialogs';
import { CallbackListQuery, CallbackQueueCountsQuery } from './callback-operations';
import { CallbackDue, CallbackStatusBadge, useCallbackErrorMessage, type CallbackRow } from './callback-ui';
import { QueueTabs } from '@/components/ui/queue-tabs';

export const CALLBACK_QUEUES: readonly CallbackQueue[] = ['MINE', 'DUE_SOON', 'OVERDUE', 'PENDING', 'DONE'];
const PAGE_SIZE = 25;

const queueFrom = (value: string | null): CallbackQueue => CALLBACK_QUEUES.find((q) => q === value) ?? 'MINE';

type Dialog = { kind: 'create' } | { kind: 'record' | 'reassign' | 'cancel'; callback: CallbackRow };

/**
 * The callback work queues (/console/callbacks): one tab per queue with its count, the chosen queue in the URL
 * (?queue=…), a table with the due-time clock, load more, and the record / reassign / cancel / create dialogs.
 * Buttons follow what the server says the viewer may do with each task (viewerCanRecord, viewerCanManage).
 */
export function CallbackQueues({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations('callbacks');
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const queue = queueFrom(searchParams.get('queue'));
  const errorMessage = useCallbackErrorMessage();
  const [attempt, setAttempt] = useState(0);

  const counts = useAsyncData(() => gqlRequest(CallbackQueueCountsQuery), `counts:${attempt}`);
  const firstPage = useAsyncData(
    () => gqlRequest(CallbackListQuery, { filter: { queue }, first: PAGE_SIZE }),
    `${queue}:${attempt}`,
  );

  // Further pages are appended locally ("load more"); a new queue or a reload starts again from the first page.
  const [more, setMore] = useState<{ rows: CallbackRow[]; hasNextPage: boolean; endCursor: string | null } | null>(
    null,
  );
  const [moreState, setMoreState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
  useEffect(() => {
    setMore(null);
    setMoreState({ loading: false, error: null });
  }, [firstPage.data]);

  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const countOf = new Map((counts.data?.callbackQueueCounts ?? []).map((c) => [c.queue, c.count]));
  const page = firstPage.data?.callbacks;
  const rows = [...(page?.nodes ?? []), ...(more?.rows ?? [])];
  const hasNextPage = more ? more.hasNextPage : (page?.pageInfo.hasNextPage ?? false);
  const endCursor = more ? more.endCursor : (page?.pageInfo.endCursor ?? null);

  const loadMore = async () => {
    if (!endCursor) return;
    setMoreState({ loading: true, error: null });
    try {
      const next = await gqlRequest(CallbackListQuery, { filter: { queue }, first: PAGE_SIZE, after: endCursor });
      setMore((m) => ({
        rows: [...(m?.rows ?? []), ...next.callbacks.nodes],
        hasNextPage: next.callbacks.pageInfo.hasNextPage,
        endCursor: next.callbacks.pageInfo.endCursor ?? null,
      }));
      setMoreState({ loading: false, error: null });
    } catch (error) {
      setMoreState({ loading: false, error });
    }
  };

  const selectQueue = (next: CallbackQueue) => {
    const params = new URLSearchParams(searchParams.toString());
    params.set('queue', next);
    router.replace(`${pathname}?${params.toString()}`);
  };

  /** After a dialog (or a reload asked for by a conflict): close it, say what happened if told, reload counts and list. */
  const done = (message?: string) => {
    setDialog(null);
    if (message) setNotice(message);
    setAttempt((n) => n + 1);
  };

  return (
    <div className="space-y-5">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        {canWrite && (
          <button
            type="button"
            className={buttonClass.primary}
            onClick={() => setDialog({ kind: 'create' })}
            data-testid="callback-create"
          >
            {t('actions.create')}
          </button>
        )}
      </PageHeader>

      <QueueTabs
        queues={CALLBACK_QUEUES}
        current={queue}
        label={t('queueLabel')}
        labelOf={(q) => t(`queue.${q}`)}
        count={(q) => countOf.get(q)}
        loading={counts.loading}
        onSelect={selectQueue}
        testIdPrefix="callback"
      />

      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}

      {firstPage.error ? (
        <ErrorBanner message={errorMessage(firstPage.error)} onRetry={firstPage.reload} testId="callback-queue-error" />
      ) : !page ? (
        <Spinner label={t('list.loading')} />
      ) : rows.length === 0 ? (
        <EmptyState testId="callback-queue-empty">{t('list.empty')}</EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="callback-queue">
              <thead className="bg-slate-50 text-xs text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t('list.customer')}</th>
                  <th className="px-3 py-2">{t('list.reason')}</th>
                  <th className="px-3 py-2">{t('list.complaint')}</th>
                  <th className="px-3 py-2">{t('list.due')}</th>
                  <th className="px-3 py-2">{t('list.assignee')}</th>
                  <th className="px-3 py-2">{t('list.status')}</th>
                  <th className="px-3 py-2">
                    <span className="sr-only">{t('list.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="callback-row">
                    <td className="px-3 py-2">
                      {row.customer ? (
                        <Link className="text-blue-700 hover:underline" href={`/console/customers/${row.customer.id}`}>
                          {row.customer.name}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="px-3 py-2">{t(`reason.${row.reason}`)}</td>
                    <td className="px-3 py-2 font-mono">
                      {row.interaction ? (
                        <Link
                          className="text-blue-700 hover:underline"
                          href={`/console/complaints/${row.interaction.id}`}
                        >
                          {row.interaction.number}
                        </Link>
                      ) : (
                        '—'
                      )}
                      {row.resultingInteraction && (
                        <Link
                          className="block text-xs text-blue-700 hover:underline"
                          href={`/console/complaints/${row.resultingInteraction.id}`}
                        >
                          → {row.resultingInteraction.number}
                        </Link>
                      )}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      <CallbackDue callback={row} />
                    </td>
                    <td className="px-3 py-2">
                      {row.assignee?.name ?? <span className="text-slate-500">{t('list.unassigned')}</span>}
                    </td>
                    <td className="px-3 py-2">
                      <CallbackStatusBadge status={row.status} />
                      {row.outcome && (
                        <span className="mt-1 block text-xs text-slate-600">{t(`outcome.${row.outcome}`)}</span>
                      )}
                      {row.unreachableAttempts > 0 && row.status === 'PENDING' && (
                        <span className="block text-xs text-amber-800">
                          {t('list.attempts', { count: row.unreachableAttempts })}
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2 text-right whitespace-nowrap">
                      {row.viewerCanRecord && (
                        <button
                          type="button"
                          className={buttonClass.ghost}
                          onClick={() => setDialog({ kind: 'record', callback: row })}
                          data-testid="callback-record"
                        >
                          {t('actions.record')}
                        </button>
                      )}
                      {row.viewerCanManage && (
                        <button
                          type="button"
                          className={buttonClass.ghost}
                          onClick={() => setDialog({ kind: 'reassign', callback: row })}
                          data-testid="callback-reassign"
                        >
                          {t('actions.reassign')}
                        </button>
                      )}
                      {/* A resolved complaint's callback is recorded, not cancelled (the service refuses it). */}
                      {row.viewerCanManage &&
                        !(row.reason === 'POST_RESOLUTION' && row.interaction?.status === 'RESOLVED') && (
                          <button
                            type="button"
                            className={buttonClass.dangerGhost}
                            onClick={() => setDialog({ kind: 'cancel', callback: row })}
                            data-testid="callback-cancel"
                          >
                            {t('actions.cancel')}
                          </button>
                        )}
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
                data-testid="callback-load-more"
              >
                {moreState.loading ? t('list.loading') : t('list.loadMore')}
              </button>
            )}
            <span className="text-sm text-slate-600" data-testid="callback-total">
              {t('list.total', { count: page.totalCount })}
            </span>
            {firstPage.loading && <Spinner />}
          </div>
          {moreState.error ? <ErrorBanner message={errorMessage(moreState.error)} onRetry={loadMore} /> : null}
        </>
      )}

      {dialog?.kind === 'create' && (
        <CreateCallbackDialog open onClose={() => setDialog(null)} onDone={() => done(t('done'))} />
      )}
      {dialog?.kind === 'record' && (
        <RecordCallbackDialog
          open
          callback={dialog.callback}
          onClose={() => setDialog(null)}
          onDone={() => done()}
          onRecorded={(number) => setNotice(number ? t('record.created', { number }) : t('done'))}
        />
      )}
      {dialog?.kind === 'reassign' && (
        <ReassignCallbackDialog
          open
          callback={dialog.callback}
          onClose={() => setDialog(null)}
          onDone={() => done(t('done'))}
        />
      )}
      {dialog?.kind === 'cancel' && (
        <CancelCallbackDialog
          open
          callback={dialog.callback}
          onClose={() => setDialog(null)}
          onDone={() => done(t('done'))}
        />
      )}
    </div>
  );
}
