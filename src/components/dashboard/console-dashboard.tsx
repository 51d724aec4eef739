'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import type { CallbackQueue, ComplaintQueue } from '@/gql/graphql';
import { CallbackQueueCountsQuery } from '@/components/callbacks/callback-operations';
import { ComplaintQueueCountsQuery } from '@/components/complaints/complaint-operations';
import { NotificationKind, NotificationTime } from '@/components/notifications/notification-ui';
import { buttonClass } from '@/components/ui/classes';
import { EmptyState, ErrorBanner, Spinner } from '@/components/ui/status';
import { graphql } from '@/gql';
import { formatNumber } from '@/lib/format';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { useGqlQuery } from '@/lib/data/gql-hooks';

// The newest notifications, without the counts of the notifications page (the block shows none): one statement.
const DashboardNotificationsQuery = graphql(`
  query DashboardNotifications($first: Int) {
    myNotifications(first: $first) {
      nodes {
        ...NotificationFields
      }
    }
  }
`);

type Tone = 'plain' | 'warn' | 'alert';
type Tile = { key: string; label: string; count: number | undefined; href: string; tone: Tone };

const COMPLAINT_TILES: readonly { queue: ComplaintQueue; tone: Tone }[] = [
  { queue: 'MINE', tone: 'plain' },
  { queue: 'MY_DEPARTMENT', tone: 'plain' },
  { queue: 'UNASSIGNED', tone: 'warn' },
  { queue: 'DUE_SOON', tone: 'warn' },
  { queue: 'OVERDUE', tone: 'alert' },
  { queue: 'CRISIS', tone: 'alert' },
];
const CALLBACK_TILES: readonly { queue: CallbackQueue; tone: Tone }[] = [
  { queue: 'MINE', tone: 'plain' },
  { queue: 'DUE_SOON', tone: 'warn' },
  { queue: 'OVERDUE', tone: 'alert' },
];

/** A failed block's one line: "cannot reach the server" or "could not load". */
function useDashboardErrorMessage() {
  const t = useTranslations('console.dashboard.errors');
  return (error: unknown) => gqlErrorMessage(error, (kind) => t(kind === 'network' ? 'network' : 'generic'));
}

const TONE: Record<Tone, string> = {
  plain: 'border-slate-200 text-slate-900',
  warn: 'border-amber-200 text-amber-900',
  alert: 'border-red-200 text-red-800',
};

/** A count that opens its queue; a zero in an alarming queue is shown calm (grey), not red. */
function TileLink({ tile }: { tile: Tile }) {
  const locale = useLocale();
  const calm = tile.count === 0;
  return (
    <Link
      href={tile.href}
      className={`block rounded-lg border bg-white p-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-700 ${calm ? 'border-slate-200 text-slate-500' : TONE[tile.tone]}`}
      data-testid={`dashboard-${tile.key}`}
    >
      <span className="block text-xs font-medium">{tile.label}</span>
      <span className="mt-1 block text-2xl font-semibold tabular-nums">
        {tile.count === undefined ? '—' : formatNumber(tile.count, locale)}
      </span>
    </Link>
  );
}

function TileGroup({
  title,
  tiles,
  loading,
  error,
  onRetry,
  href,
  hrefLabel,
  testId,
}: {
  title: string;
  tiles: Tile[];
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  href: string;
  hrefLabel: string;
  testId: string;
}) {
  const errorMessage = useDashboardErrorMessage();
  return (
    <section aria-labelledby={`${testId}-title`} className="space-y-2" data-testid={testId}>
      <div className="flex items-baseline justify-between">
        <h2 id={`${testId}-title`} className="text-base font-semibold">
          {title}
        </h2>
        <Link href={href} className={buttonClass.link}>
          {hrefLabel}
        </Link>
      </div>
      {error ? (
        <ErrorBanner message={errorMessage(error)} onRetry={onRetry} />
      ) : (
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-busy={loading}>
          {tiles.map((tile) => (
            <TileLink key={tile.key} tile={tile} />
          ))}
        </div>
      )}
    </section>
  );
}

/**
 * The console's start page (工作台): what waits for the viewer — complaint queues and callback queues as counts that
 * open the queue, and the newest notifications. Each block shows only when the viewer's role may read it.
 */
export function ConsoleDashboard({
  name,
  canComplaints,
  canCallbacks,
}: {
  name: string;
  canComplaints: boolean;
  canCallbacks: boolean;
}) {
  const t = useTranslations('console.dashboard');
  const tq = useTranslations('complaints.queue');
  const tcb = useTranslations('callbacks.queue');
  const errorMessage = useDashboardErrorMessage();
  // The same operations as the queues' tabs, so a count seen here and there comes from one cache entry.
  const complaints = useGqlQuery(ComplaintQueueCountsQuery, { filter: null }, { enabled: canComplaints });
  const callbacks = useGqlQuery(CallbackQueueCountsQuery, undefined, { enabled: canCallbacks });
  const notices = useGqlQuery(DashboardNotificationsQuery, { first: 6 });

  const complaintCount = new Map((complaints.data?.complaintQueueCounts ?? []).map((c) => [c.queue, c.count]));
  const callbackCount = new Map((callbacks.data?.callbackQueueCounts ?? []).map((c) => [c.queue, c.count]));

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{t('welcome', { name })}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('hint')}</p>
      </header>
      {canComplaints && (
        <TileGroup
          title={t('complaints')}
          testId="dashboard-complaints"
          href="/console/complaints?queue=OPEN"
          hrefLabel={t('allComplaints')}
          loading={complaints.isFetching}
          error={complaints.error}
          onRetry={() => void complaints.refetch()}
          tiles={COMPLAINT_TILES.map(({ queue, tone }) => ({
            key: `complaints-${queue}`,
            label: tq(queue),
            count: complaintCount.get(queue),
            href: `/console/complaints?queue=${queue}`,
            tone,
          }))}
        />
      )}
      {canCallbacks && (
        <TileGroup
          title={t('callbacks')}
          testId="dashboard-callbacks"
          href="/console/callbacks?queue=PENDING"
          hrefLabel={t('allCallbacks')}
          loading={callbacks.isFetching}
          error={callbacks.error}
          onRetry={() => void callbacks.refetch()}
          tiles={CALLBACK_TILES.map(({ queue, tone }) => ({
            key: `callbacks-${queue}`,
            label: tcb(queue),
            count: callbackCount.get(queue),
            href: `/console/callbacks?queue=${queue}`,
            tone,
          }))}
        />
      )}
      <section aria-labelledby="dashboard-notices-title" className="space-y-2" data-testid="dashboard-notices">
        <div className="flex items-baseline justify-between">
          <h2 id="dashboard-notices-title" className="text-base font-semibold">
            {t('notices')}
          </h2>
          <Link href="/console/notifications" className={buttonClass.link}>
            {t('allNotices')}
          </Link>
        </div>
        {notices.error ? (
          <ErrorBanner message={errorMessage(notices.error)} onRetry={() => void notices.refetch()} />
        ) : !notices.data ? (
          <Spinner label={t('loading')} />
        ) : notices.data.myNotifications.nodes.length === 0 ? (
          <EmptyState testId="dashboard-notices-empty">{t('noNotices')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {notices.data.myNotifications.nodes.map((n) => (
              <li key={n.id} className="flex flex-wrap items-center gap-2 px-3 py-2 text-sm">
                <NotificationKind kind={n.kind} />
                {n.href ? (
                  <Link
                    href={n.href}
                    className={`${n.readAt ? 'text-slate-700' : 'font-medium text-slate-900'} hover:underline`}
                  >
                    {n.title}
                  </Link>
                ) : (
                  <span className={n.readAt ? 'text-slate-700' : 'font-medium text-slate-900'}>{n.title}</span>
                )}
                <span className="ml-auto text-xs text-slate-500">
                  <NotificationTime iso={n.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
