'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { graphql } from '@/gql';
import type { ActionQueue, ComplaintActionQueueQuery as ActionQueueResult } from '@/gql/graphql';
import type { Column } from '@/components/ui/data-table';
import { actionWorkColumns } from './complaint-actions';
import { PagedTable } from '@/components/ui/paged-table';
import { PageHeader } from '@/components/ui/page-header';
import { QueueTabs, useQueueChoice } from '@/components/ui/queue-tabs';
import { buttonClass } from '@/components/ui/classes';
import { ACTION_QUEUES } from '@/graphql/complaints/complaint-action-queue.rules';
import { formatDate } from '@/lib/format';
import { useGqlInfiniteQuery, useGqlQuery } from '@/lib/data/gql-hooks';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { ComplaintLink, DueLabel, useComplaintErrorMessage } from './complaint-ui';

export const ComplaintActionQueueQuery = graphql(`
  query ComplaintActionQueue($queue: ActionQueue!, $first: Int, $after: String) {
    complaintActions(queue: $queue, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        description
        status
        dueAt
        escalationLevel
        owner {
          id
          name
        }
        complaint {
          id
          number
          subject
        }
      }
    }
  }
`);

export const ComplaintActionCountsQuery = graphql(`
  query ComplaintActionCounts {
    complaintActionCounts {
      queue
      count
    }
  }
`);

type Row = ActionQueueResult['complaintActions']['nodes'][number];
const PAGE_SIZE = 25;

/**
 * The open actions of the complaints being worked (/console/complaints/actions): mine, overdue — the auditor's "show me
 * the overdue corrective actions" — and all open, earliest due first, each with its complaint, owner, due date and how
 * far its overdue ladder went (owner → department head → quality manager).
 */
export function ComplaintActionQueues() {
  const t = useTranslations('complaints.actionQueue');
  const tc = useTranslations('complaints');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useComplaintErrorMessage();
  const [queue, queueTabs] = useQueueChoice<ActionQueue>(ACTION_QUEUES, 'OVERDUE', t);
  const counts = useGqlQuery(ComplaintActionCountsQuery, {}, { keepPrevious: true });
  const list = useGqlInfiniteQuery(
    ComplaintActionQueueQuery,
    { queue, first: PAGE_SIZE },
    (result) => result.complaintActions,
    { keepPrevious: true },
  );
  const columns: Column<Row>[] = [
    {
      id: 'complaint',
      header: t('complaint'),
      cell: (a) =>
        a.complaint ? (
          <>
            <ComplaintLink complaint={a.complaint} />
            <span className="block text-xs text-slate-500">{a.complaint.subject}</span>
          </>
        ) : (
          '—'
        ),
    },
    ...actionWorkColumns<Row>(t, tc),
    {
      id: 'dueAt',
      header: t('dueAt'),
      className: 'whitespace-nowrap',
      cell: (a) =>
        a.dueAt ? (
          <>
            {formatDate(a.dueAt, timeZone)}
            <span className="block">
              <DueLabel dueAt={a.dueAt} />
            </span>
          </>
        ) : (
          '—'
        ),
    },
    {
      id: 'level',
      header: t('level'),
      className: 'whitespace-nowrap',
      cell: (a) => (a.escalationLevel > 0 ? t('levelValue', { level: a.escalationLevel }) : '—'),
    },
    { id: 'status', header: t('status'), className: 'whitespace-nowrap', cell: (a) => tc(`actionStatus.${a.status}`) },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        <Link href="/console/complaints" className={buttonClass.link}>
          {t('backToComplaints')}
        </Link>
      </PageHeader>
      <QueueTabs
        {...queueTabs}
        counts={counts.data?.complaintActionCounts}
        loading={counts.isFetching}
        testIdPrefix="action-queue"
      />
      <PagedTable
        columns={columns}
        query={list}
        rowKey={(a) => a.id}
        errorMessage={errorMessage}
        empty={t(`empty.${queue}`)}
        testId="action-queue"
        rowTestId="action-queue-row"
        emptyTestId="action-queue-empty"
        total={<span data-testid="action-queue-total">{t('total', { count: list.totalCount ?? 0 })}</span>}
        loadMoreTestId="action-queue-load-more"
      />
    </div>
  );
}
