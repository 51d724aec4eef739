'use client';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { ComplaintQueue, ComplaintQueueQuery as ComplaintQueueResult } from '@/gql/graphql';
import { type Column } from '@/components/ui/data-table';
import { PagedTable } from '@/components/ui/paged-table';
import { PageHeader } from '@/components/ui/page-header';
import { buttonClass } from '@/components/ui/classes';
import { formatDateTime } from '@/lib/format';
import { useGqlInfiniteQuery, useGqlQuery } from '@/lib/data/gql-hooks';
import {
  assignableStaff,
  ComplaintDirectoryQuery,
  ComplaintQueueCountsQuery,
  ComplaintQueueQuery,
} from './complaint-operations';
import { ComplaintQueueFilters } from './complaint-queue-filters';
import { filterOf, isFiltered, paramsWithView, viewFromParams, type QueueView } from './complaint-queue-params';
import { DueLabel, SeverityBadge, StatusBadge, STOPPED_STATUSES, useComplaintErrorMessage } from './complaint-ui';
import { QueueTabs, useQueueChoice } from '@/components/ui/queue-tabs';
import { COMPLAINT_QUEUES } from '@/graphql/complaints/complaint-workflow.rules';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

export const QUEUES: readonly ComplaintQueue[] = COMPLAINT_QUEUES;
const PAGE_SIZE = 25;
/** The states whose next step is triage: their clock is the triage due time, not the resolution's. */
const AWAITING_TRIAGE: ReadonlySet<string> = new Set(['REGISTERED', 'REOPENED']);

type Row = ComplaintQueueResult['complaintQueue']['nodes'][number];

/** The complaint work queues: one tab per queue with its count; the queue, its filters and order in the URL. */
export function ComplaintQueues() {
  const t = useTranslations('complaints');
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [queue, queueTabs] = useQueueChoice(QUEUES, 'MINE', t);
  const errorMessage = useComplaintErrorMessage();
  const timeZone = useDisplayTimeZone();

  const view = viewFromParams(searchParams);
  const filter = filterOf(view);
  const sort = view.sort;

  const directory = useGqlQuery(ComplaintDirectoryQuery);
  const counts = useGqlQuery(ComplaintQueueCountsQuery, { filter }, { keepPrevious: true });
  const list = useGqlInfiniteQuery(
    ComplaintQueueQuery,
    { queue, filter, sort, first: PAGE_SIZE },
    (result) => result.complaintQueue,
    { keepPrevious: true },
  );

  const changeView = (next: QueueView) =>
    router.replace(`${pathname}?${paramsWithView(searchParams, next).toString()}`);
  const departments = directory.data?.departments ?? [];
  const owners = assignableStaff(directory.data);

  const columns: Column<Row>[] = [
    { id: 'number', header: t('list.number'), className: 'font-mono', cell: (row) => row.number },
    { id: 'subject', header: t('list.subject'), cell: (row) => row.subject },
    { id: 'customer', header: t('list.customer'), cell: (row) => row.customer?.name ?? row.companyName ?? '—' },
    { id: 'severity', header: t('list.severity'), cell: (row) => <SeverityBadge severity={row.severity} /> },
    { id: 'status', header: t('list.status'), cell: (row) => <StatusBadge status={row.status} /> },
    { id: 'owner', header: t('list.owner'), cell: (row) => row.owner?.name ?? '—' },
    { id: 'department', header: t('list.department'), cell: (row) => row.responsibleDepartment?.name ?? '—' },
    {
      id: 'due',
      header: t('list.due'),
      className: 'whitespace-nowrap',
      // Not triaged yet (registered or reopened): the step it waits on is triage, due within its 4 business hours.
      cell: (row) => {
        const untriaged = AWAITING_TRIAGE.has(row.status);
        const dueAt = untriaged ? row.triageDueAt : row.resolutionDueAt;
        return (
          <span data-testid={untriaged ? 'triage-due' : 'resolution-due'}>
            {untriaged && <span className="block text-xs text-slate-500">{t('list.triageDue')}</span>}
            {dueAt ? <span className="block text-slate-700">{formatDateTime(dueAt, timeZone)}</span> : '—'}
            <DueLabel dueAt={dueAt} stopped={STOPPED_STATUSES.has(row.status)} />
          </span>
        );
      },
    },
  ];

  return (
    <div className="space-y-5">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        <Link href="/console/complaints/actions" className={buttonClass.link} data-testid="action-queue-link">
          {t('actionsLink')}
        </Link>
      </PageHeader>
      <QueueTabs
        {...queueTabs}
        counts={counts.data?.complaintQueueCounts}
        loading={counts.isFetching}
        testIdPrefix="queue"
      />
      <ComplaintQueueFilters view={view} onChange={changeView} departments={departments} owners={owners} />

      <PagedTable
        columns={columns}
        query={list}
        rowKey={(row) => row.id}
        rowHref={(row) => `/console/complaints/${row.id}`}
        errorMessage={errorMessage}
        empty={isFiltered(view) ? t('list.emptyFiltered') : t('list.empty')}
        testId="complaint-queue"
        rowTestId="complaint-row"
        emptyTestId="complaint-queue-empty"
        errorTestId="complaint-queue-error"
        total={t('list.total', { count: list.totalCount ?? 0 })}
        loadMoreTestId="complaint-load-more"
      />
    </div>
  );
}
