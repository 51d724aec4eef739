'use client';
import { useTranslations } from 'next-intl';
import { DataTable, queryTableState, type Column } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import type { AdminJobQueuesQuery as AdminJobQueuesResult } from '@/gql/graphql';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useAdminErrorMessage } from './errors';
import { AdminJobQueuesQuery } from './operations';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

type Queue = AdminJobQueuesResult['jobQueues'][number];

/** The figures move by the second while mail drains; every 15 s keeps the screen current without loading the database. */
const REFRESH_MS = 15_000;
/** Mail that waited longer than this is worth a look (the workers send dozens a second when the SMTP server answers). */
const MAIL_WAIT_WARNING_SECONDS = 5 * 60;

/** The background job queues: how much waits, runs and failed, and for how long the oldest has waited. */
export function JobQueuesPanel() {
  const t = useTranslations('admin.jobs');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useAdminErrorMessage();
  const queues = useGqlQuery(AdminJobQueuesQuery, undefined, { refetchInterval: REFRESH_MS });

  const age = (seconds: number) => {
    if (seconds < 60) return t('age.seconds', { seconds });
    if (seconds < 3600) return t('age.minutes', { minutes: Math.floor(seconds / 60) });
    return t('age.hours', { hours: Math.floor(seconds / 3600), minutes: Math.floor((seconds % 3600) / 60) });
  };

  const number = (id: 'queued' | 'delayed' | 'active', extra = ''): Column<Queue> => ({
    id,
    header: t(`columns.${id}`),
    className: `md:text-right tabular-nums ${extra}`,
    cell: (queue) => queue[id].toLocaleString(),
  });
  const columns: Column<Queue>[] = [
    {
      id: 'queue',
      header: t('columns.queue'),
      cell: (queue) => (
        <div className="font-medium text-slate-900">
          <div>{t(`kinds.${queue.kind}.label`)}</div>
          <div className="text-xs font-normal text-slate-500">{t(`kinds.${queue.kind}.hint`)}</div>
        </div>
      ),
    },
    number('queued'),
    number('delayed', 'text-slate-600'),
    number('active'),
    {
      id: 'failedLastDay',
      header: t('columns.failedLastDay'),
      className: 'md:text-right tabular-nums',
      cell: (queue) => (
        <span className={queue.failedLastDay > 0 ? 'font-semibold text-red-700' : ''}>
          {queue.failedLastDay.toLocaleString()}
        </span>
      ),
    },
    {
      id: 'oldestWaiting',
      header: t('columns.oldestWaiting'),
      className: 'whitespace-nowrap',
      cell: (queue) => {
        const isMail = queue.kind === 'STAFF_MAIL' || queue.kind === 'CUSTOMER_MAIL';
        const slow = isMail && (queue.oldestWaitingSeconds ?? 0) > MAIL_WAIT_WARNING_SECONDS;
        if (queue.oldestWaitingSeconds === null || queue.oldestWaitingSeconds === undefined)
          return <span className="text-slate-400">{t('nothingWaiting')}</span>;
        return (
          <div className={slow ? 'font-semibold text-amber-700' : ''}>
            <div>{age(queue.oldestWaitingSeconds)}</div>
            {queue.oldestWaitingSince && (
              <div className="text-xs font-normal text-slate-500">
                {t('since', { at: formatDateTime(queue.oldestWaitingSince, timeZone) })}
              </div>
            )}
          </div>
        );
      },
    },
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        action={{
          label: t('refresh'),
          kind: 'secondary',
          onClick: () => void queues.refetch(),
          testId: 'job-queues-refresh',
        }}
      />

      <DataTable
        columns={columns}
        rows={queues.data?.jobQueues ?? []}
        rowKey={(queue) => queue.kind}
        rowData={(queue) => ({ 'data-kind': queue.kind })}
        state={queryTableState(queues, errorMessage)}
        caption={t('title')}
        empty={t('nothingWaiting')}
        testId="job-queues-table"
        rowTestId="job-queue-row"
      />
      {queues.data && (
        <p className="text-xs text-slate-500">
          {t('updatedAt', { at: formatDateTime(new Date(queues.dataUpdatedAt).toISOString(), timeZone) })} ·{' '}
          {t('footnote')}
        </p>
      )}
    </div>
  );
}
