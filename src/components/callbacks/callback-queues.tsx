'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { getFragmentData } from '@/gql';
import type { CallbackQueue } from '@/gql/graphql';
import { buttonClass } from '@/components/ui/classes';
import { type Column } from '@/components/ui/data-table';
import { PagedTable } from '@/components/ui/paged-table';
import { PageHeader } from '@/components/ui/page-header';
import { QueueTabs, useQueueChoice } from '@/components/ui/queue-tabs';
import { StatusMessage } from '@/components/ui/status';
import { CALLBACK_QUEUES as QUEUES } from '@/graphql/callbacks/callback-limits.rules';
import { useGqlInfiniteQuery, useGqlQuery } from '@/lib/data/gql-hooks';
import { ComplaintLink } from '@/components/complaints/complaint-ui';
import {
  CancelCallbackDialog,
  CreateCallbackDialog,
  ReassignCallbackDialog,
  RecordCallbackDialog,
} from './callback-dialogs';
import { CallbackFieldsFragment, CallbackListQuery, CallbackQueueCountsQuery } from './callback-operations';
import { CallbackDue, CalleeLine, CallbackStatusBadge, useCallbackErrorMessage, type CallbackRow } from './callback-ui';

export const CALLBACK_QUEUES: readonly CallbackQueue[] = QUEUES;
const PAGE_SIZE = 25;

type RowAction = 'record' | 'reassign' | 'cancel';
type Dialog = { kind: 'create' } | { kind: RowAction; callback: CallbackRow };

/** What the viewer may do with a task, as the server says (viewerCanRecord, viewerCanManage). */
const ROW_ACTIONS: readonly { kind: RowAction; offered: (row: CallbackRow) => boolean }[] = [
  { kind: 'record', offered: (row) => row.viewerCanRecord },
  { kind: 'reassign', offered: (row) => row.viewerCanManage },
  // A resolved complaint's callback is recorded, not cancelled (the service refuses it).
  {
    kind: 'cancel',
    offered: (row) =>
      row.viewerCanManage && !(row.reason === 'POST_RESOLUTION' && row.interaction?.status === 'RESOLVED'),
  },
];

/**
 * The callback work queues (/console/callbacks): one tab per queue with its count, the chosen queue in the URL
 * (?queue=…), a table with the due-time clock, load more, and the record / reassign / cancel / create dialogs.
 * Buttons follow what the server says the viewer may do with each task (viewerCanRecord, viewerCanManage).
 */
export function CallbackQueues({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations('callbacks');
  const [queue, queueTabs] = useQueueChoice(CALLBACK_QUEUES, 'MINE', t);
  const errorMessage = useCallbackErrorMessage();
  const counts = useGqlQuery(CallbackQueueCountsQuery, {}, { keepPrevious: true });
  const list = useGqlInfiniteQuery(
    CallbackListQuery,
    { filter: { queue }, first: PAGE_SIZE },
    (result) => ({ ...result.callbacks, nodes: getFragmentData(CallbackFieldsFragment, result.callbacks.nodes) }),
    { keepPrevious: true },
  );
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  /** After a dialog: close it and say what happened if told (the dialogs' mutations refresh the lists). */
  const done = (message?: string) => {
    setDialog(null);
    if (message) setNotice(message);
  };
  /** A row's dialog (record, reassign, cancel) with what every one of them takes. */
  const rowDialog =
    dialog && dialog.kind !== 'create'
      ? {
          kind: dialog.kind,
          props: {
            open: true,
            callback: dialog.callback,
            onClose: () => setDialog(null),
            onDone: () => done(t('done')),
          },
        }
      : null;

  const columns: Column<CallbackRow>[] = [
    {
      id: 'customer',
      header: t('list.customer'),
      cell: (row) => (
        <>
          {row.customer ? (
            <Link className="text-blue-700 hover:underline" href={`/console/customers/${row.customer.id}`}>
              {row.customer.name}
            </Link>
          ) : (
            (row.callee?.company ?? '—')
          )}
          <CalleeLine callee={row.callee} className="block text-xs text-slate-600" />
        </>
      ),
    },
    { id: 'reason', header: t('list.reason'), cell: (row) => t(`reason.${row.reason}`) },
    {
      id: 'complaint',
      header: t('list.complaint'),
      className: 'font-mono',
      cell: (row) => (
        <>
          {row.interaction ? <ComplaintLink complaint={row.interaction} /> : '—'}
          {row.resultingInteraction && (
            <ComplaintLink complaint={row.resultingInteraction} className="block text-xs">
              → {row.resultingInteraction.number}
            </ComplaintLink>
          )}
        </>
      ),
    },
    { id: 'due', header: t('list.due'), className: 'whitespace-nowrap', cell: (row) => <CallbackDue callback={row} /> },
    {
      id: 'assignee',
      header: t('list.assignee'),
      cell: (row) => row.assignee?.name ?? <span className="text-slate-500">{t('list.unassigned')}</span>,
    },
    {
      id: 'status',
      header: t('list.status'),
      cell: (row) => (
        <>
          <CallbackStatusBadge status={row.status} />
          {row.outcome && <span className="mt-1 block text-xs text-slate-600">{t(`outcome.${row.outcome}`)}</span>}
          {row.unreachableAttempts > 0 && row.status === 'PENDING' && (
            <span className="block text-xs text-amber-800">
              {t('list.attempts', { count: row.unreachableAttempts })}
            </span>
          )}
        </>
      ),
    },
    {
      id: 'actions',
      header: <span className="sr-only">{t('list.actions')}</span>,
      cardLabel: '',
      className: 'text-right whitespace-nowrap',
      cell: (row) =>
        ROW_ACTIONS.filter((action) => action.offered(row)).map((action) => (
          <button
            key={action.kind}
            type="button"
            className={action.kind === 'cancel' ? buttonClass.dangerGhost : buttonClass.ghost}
            onClick={() => setDialog({ kind: action.kind, callback: row })}
            data-testid={`callback-${action.kind}`}
          >
            {t(`actions.${action.kind}`)}
          </button>
        )),
    },
  ];

  return (
    <div className="space-y-5">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        action={
          canWrite
            ? { label: t('actions.create'), onClick: () => setDialog({ kind: 'create' }), testId: 'callback-create' }
            : undefined
        }
      >
        <Link href="/console/callbacks/programmes" className={buttonClass.link} data-testid="callback-programmes-link">
          {t('programmesLink')}
        </Link>
      </PageHeader>

      <QueueTabs
        {...queueTabs}
        counts={counts.data?.callbackQueueCounts}
        loading={counts.isFetching}
        testIdPrefix="callback"
      />

      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}

      <PagedTable
        columns={columns}
        query={list}
        rowKey={(row) => row.id}
        errorMessage={errorMessage}
        empty={t('list.empty')}
        testId="callback-queue"
        rowTestId="callback-row"
        emptyTestId="callback-queue-empty"
        errorTestId="callback-queue-error"
        total={<span data-testid="callback-total">{t('list.total', { count: list.totalCount ?? 0 })}</span>}
        loadMoreTestId="callback-load-more"
      />

      {dialog?.kind === 'create' && (
        <CreateCallbackDialog open onClose={() => setDialog(null)} onDone={() => done(t('done'))} />
      )}
      {rowDialog?.kind === 'record' && (
        <RecordCallbackDialog
          {...rowDialog.props}
          onDone={() => done()}
          onRecorded={(number) => setNotice(number ? t('record.created', { number }) : t('done'))}
        />
      )}
      {rowDialog?.kind === 'reassign' && <ReassignCallbackDialog {...rowDialog.props} />}
      {rowDialog?.kind === 'cancel' && <CancelCallbackDialog {...rowDialog.props} />}
    </div>
  );
}
