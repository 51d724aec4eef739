'use client';
import { useTimeZone, useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { buttonClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorBanner, StatusMessage } from '@/components/ui/status';
import type { AdminJobQueuesQuery as AdminJobQueuesResult } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { gqlRequest } from '@/lib/graphql-client';
import { errorMessage } from './errors';
import { AdminJobQueuesQuery } from './operations';

type Queue = AdminJobQueuesResult['jobQueues'][number];
type LoadState =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; queues: Queue[]; at: number };

const FALLBACK_TIME_ZONE = 'Asia/Shanghai';
/** The figures move by the second while mail drains; every 15 s keeps the screen current without loading the database. */
const REFRESH_MS = 15_000;
/** Mail that waited longer than this is worth a look (the workers send dozens a second when the SMTP server answers). */
const MAIL_WAIT_WARNING_SECONDS = 5 * 60;

/** The background job queues: how much waits, runs and failed, and for how long the oldest has waited. */
export function JobQueuesPanel() {
  const t = useTranslations('admin.jobs');
  const tc = useTranslations('common');
  const timeZone = useTimeZone() ?? FALLBACK_TIME_ZONE;
  const [state, setState] = useState<LoadState>({ status: 'loading' });

  const load = useCallback(async () => {
    try {
      const data = await gqlRequest(AdminJobQueuesQuery);
      setState({ status: 'ready', queues: data.jobQueues, at: Date.now() });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error, tc) });
    }
  }, [tc]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const age = (seconds: number) => {
    if (seconds < 60) return t('age.seconds', { seconds });
    if (seconds < 3600) return t('age.minutes', { minutes: Math.floor(seconds / 60) });
    return t('age.hours', { hours: Math.floor(seconds / 3600), minutes: Math.floor((seconds % 3600) / 60) });
  };

  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={() => void load()}
          data-testid="job-queues-refresh"
        >
          {t('refresh')}
        </button>
      </PageHeader>

      {state.status === 'loading' && <StatusMessage tone="info">{tc('loading')}</StatusMessage>}
      {state.status === 'error' && <ErrorBanner message={state.message} onRetry={() => void load()} />}

      {state.status === 'ready' && (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm" data-testid="job-queues-table">
              <caption className="sr-only">{t('title')}</caption>
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-3">
                    {t('columns.queue')}
                  </th>
                  <th scope="col" className="px-4 py-3 text-right">
                    {t('columns.queued')}
                  </th>
                  <th scope="col" className="px-4 py-3 text-right">
                    {t('columns.delayed')}
                  </th>
                  <th scope="col" className="px-4 py-3 text-right">
                    {t('columns.active')}
                  </th>
                  <th scope="col" className="px-4 py-3 text-right">
                    {t('columns.failedLastDay')}
                  </th>
                  <th scope="col" className="px-4 py-3">
                    {t('columns.oldestWaiting')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {state.queues.map((queue) => {
                  const isMail = queue.kind === 'STAFF_MAIL' || queue.kind === 'CUSTOMER_MAIL';
                  const slow = isMail && (queue.oldestWaitingSeconds ?? 0) > MAIL_WAIT_WARNING_SECONDS;
                  return (
                    <tr key={queue.kind} data-testid="job-queue-row" data-kind={queue.kind}>
                      <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
                        <div>{t(`kinds.${queue.kind}.label`)}</div>
                        <div className="text-xs font-normal text-slate-500">{t(`kinds.${queue.kind}.hint`)}</div>
                      </th>
                      <td className="px-4 py-3 text-right tabular-nums">{queue.queued.toLocaleString()}</td>
                      <td className="px-4 py-3 text-right tabular-nums text-slate-600">
                        {queue.delayed.toLocaleString()}
                      </td>
                      <td className="px-4 py-3 text-right tabular-nums">{queue.active.toLocaleString()}</td>
                      <td
                        className={`px-4 py-3 text-right tabular-nums ${queue.failedLastDay > 0 ? 'font-semibold text-red-700' : ''}`}
                      >
                        {queue.failedLastDay.toLocaleString()}
                      </td>
                      <td className={`px-4 py-3 whitespace-nowrap ${slow ? 'font-semibold text-amber-700' : ''}`}>
                        {queue.oldestWaitingSeconds === null || queue.oldestWaitingSeconds === undefined ? (
                          <span className="text-slate-400">{t('nothingWaiting')}</span>
                        ) : (
                          <>
                            <div>{age(queue.oldestWaitingSeconds)}</div>
                            {queue.oldestWaitingSince && (
                              <div className="text-xs font-normal text-slate-500">
                                {t('since', { at: formatDateTime(queue.oldestWaitingSince, timeZone) })}
                              </div>
                            )}
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="text-xs text-slate-500">
            {t('updatedAt', { at: formatDateTime(new Date(state.at).toISOString(), timeZone) })} · {t('footnote')}
          </p>
        </>
      )}
    </div>
  );
}
