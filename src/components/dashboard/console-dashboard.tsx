'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import type { ActionQueue, CallbackQueue, ComplaintQueue } from '@/gql/graphql';
import { KpiTiles } from '@/components/kpi-dashboard/kpi-tiles';
import { ComplaintActionCountsQuery } from '@/components/complaints/complaint-action-queues';
import { CallbackQueueCountsQuery } from '@/components/callbacks/callback-operations';
import { ComplaintQueueCountsQuery } from '@/components/complaints/complaint-operations';
import { NotificationFieldsFragment } from '@/components/notifications/notification-operations';
import { NotificationKind, NotificationTime } from '@/components/notifications/notification-ui';
import { QueryContent } from '@/components/ui/panel';
import { EmptyState, ErrorBanner } from '@/components/ui/status';
import { getFragmentData, graphql } from '@/gql';
import { formatNumber } from '@/lib/format';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { ObligationDashboardBlock } from '@/components/key-accounts/obligation-dashboard-block';
import { DueVisitsDashboardBlock } from '@/components/visits/visit-dashboard-block';
import { TodayWorkOrdersDashboardBlock } from '@/components/work-orders/work-order-dashboard-block';
import { DashboardBlock } from './dashboard-block';

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
  { queue: 'MY_APPROVAL', tone: 'warn' },
  { queue: 'VERIFICATION', tone: 'warn' },
  { queue: 'AWAITING_CLOSURE', tone: 'warn' },
];
const ACTION_TILES: readonly { queue: ActionQueue; tone: Tone }[] = [
  { queue: 'MINE', tone: 'plain' },
  { queue: 'OVERDUE', tone: 'alert' },
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

/** The queue counts of one workflow (complaints, callbacks), each tile opening its queue. */
function QueueTiles<Q extends string>({
  domain,
  title,
  hrefLabel,
  queues,
  counts,
  labelOf,
  query,
}: {
  domain: 'complaints' | 'callbacks' | 'actions';
  title: string;
  hrefLabel: string;
  /** The first opens with "all". */
  queues: readonly { queue: Q; tone: Tone }[];
  counts: readonly { queue: Q; count: number }[] | undefined;
  labelOf: (queue: Q) => string;
  query: { isFetching: boolean; error: unknown; refetch: () => unknown };
}) {
  const errorMessage = useDashboardErrorMessage();
  const countOf = new Map((counts ?? []).map((c) => [c.queue, c.count]));
  const path = domain === 'actions' ? '/console/complaints/actions' : `/console/${domain}`;
  const queueHref = (queue: string) => `${path}?queue=${queue}`;
  const allQueue = { complaints: 'OPEN', callbacks: 'PENDING', actions: 'OVERDUE' }[domain];
  return (
    <DashboardBlock title={title} testId={`dashboard-${domain}`} href={queueHref(allQueue)} hrefLabel={hrefLabel}>
      {query.error ? (
        <ErrorBanner message={errorMessage(query.error)} onRetry={() => void query.refetch()} />
      ) : (
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-busy={query.isFetching}>
          {queues.map(({ queue, tone }) => (
            <TileLink
              key={queue}
              tile={{
                key: `${domain}-${queue}`,
                label: labelOf(queue),
                count: countOf.get(queue),
                href: queueHref(queue),
                tone,
              }}
            />
          ))}
        </div>
      )}
    </DashboardBlock>
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
  canKeyAccounts = false,
  canKpi = false,
  workOrders = null,
  canDueVisits = false,
}: {
  name: string;
  canComplaints: boolean;
  canCallbacks: boolean;
  /** The viewer's key-account obligations (keyaccounts:read). */
  canKeyAccounts?: boolean;
  /** The KPI tiles linking to /console/dashboard (reports:read). */
  canKpi?: boolean;
  /** Today's work orders: a technician's own, or the dispatcher's board of the day. */
  workOrders?: 'technician' | 'dispatcher' | null;
  /** The salesperson's visits due this week. */
  canDueVisits?: boolean;
}) {
  const t = useTranslations('console.dashboard');
  const tq = useTranslations('complaints.queue');
  const tcb = useTranslations('callbacks.queue');
  const tqa = useTranslations('complaints.actionQueue.queue');
  const errorMessage = useDashboardErrorMessage();
  // The same operations as the queues' tabs, so a count seen here and there comes from one cache entry.
  const complaints = useGqlQuery(ComplaintQueueCountsQuery, { filter: null }, { enabled: canComplaints });
  const callbacks = useGqlQuery(CallbackQueueCountsQuery, undefined, { enabled: canCallbacks });
  const actions = useGqlQuery(ComplaintActionCountsQuery, {}, { enabled: canComplaints });
  const notices = useGqlQuery(DashboardNotificationsQuery, { first: 6 });
  // The rows are the notification fragment (notification-operations.ts), read once where they enter the block.
  const noticeRows = getFragmentData(NotificationFieldsFragment, notices.data?.myNotifications.nodes);

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{t('welcome', { name })}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('hint')}</p>
      </header>
      {canComplaints && (
        <QueueTiles
          domain="complaints"
          title={t('complaints')}
          hrefLabel={t('allComplaints')}
          queues={COMPLAINT_TILES}
          counts={complaints.data?.complaintQueueCounts}
          labelOf={(queue) => tq(queue)}
          query={complaints}
        />
      )}
      {canComplaints && (
        <QueueTiles
          domain="actions"
          title={t('actions')}
          hrefLabel={t('allActions')}
          queues={ACTION_TILES}
          counts={actions.data?.complaintActionCounts}
          labelOf={(queue) => tqa(queue)}
          query={actions}
        />
      )}
      {canCallbacks && (
        <QueueTiles
          domain="callbacks"
          title={t('callbacks')}
          hrefLabel={t('allCallbacks')}
          queues={CALLBACK_TILES}
          counts={callbacks.data?.callbackQueueCounts}
          labelOf={(queue) => tcb(queue)}
          query={callbacks}
        />
      )}
      {workOrders && <TodayWorkOrdersDashboardBlock technician={workOrders === 'technician'} />}
      {canDueVisits && <DueVisitsDashboardBlock />}
      {canKeyAccounts && <ObligationDashboardBlock />}
      {canKpi && <KpiTiles />}
      <DashboardBlock
        title={t('notices')}
        href="/console/notifications"
        hrefLabel={t('allNotices')}
        testId="dashboard-notices"
      >
        <QueryContent
          query={notices}
          errorMessage={errorMessage}
          loadingLabel={t('loading')}
          empty={noticeRows?.length === 0 && <EmptyState testId="dashboard-notices-empty">{t('noNotices')}</EmptyState>}
        >
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {(noticeRows ?? []).map((n) => (
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
        </QueryContent>
      </DashboardBlock>
    </div>
  );
}
