'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { DashboardListBlock } from '@/components/dashboard/dashboard-block';
import { getFragmentData } from '@/gql';
import type { WorkOrderStatus } from '@/gql/graphql';
import { WORK_ORDER_STATUSES } from '@/graphql/work-orders/work-order.rules';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime, todayIn } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { WorkOrderListQuery, WorkOrderRowFieldsFragment } from './operations';
import { WorkOrderStatusTag, useWorkOrderErrorMessage } from './work-order-ui';

/** Today's orders still to do or done today; a cancelled order is no work. */
const TODAY_STATUSES = WORK_ORDER_STATUSES.filter((s) => s !== 'CANCELLED') as WorkOrderStatus[];

/**
 * The 工作台 block of today's work orders (SPEC §7): a technician's own (the service narrows the list to them), the
 * dispatcher's whole board for the day — the same list query as the console, filtered to today.
 */
export function TodayWorkOrdersDashboardBlock({ technician }: { technician: boolean }) {
  const t = useTranslations('workOrders.dashboard');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useWorkOrderErrorMessage();
  const query = useGqlQuery(WorkOrderListQuery, {
    filter: { day: todayIn(timeZone), status: TODAY_STATUSES },
    first: 8,
  });
  const rows = getFragmentData(WorkOrderRowFieldsFragment, query.data?.workOrders.nodes ?? []);
  return (
    <DashboardListBlock
      title={technician ? t('titleMine') : t('title')}
      href={technician ? '/console/work-orders/mine' : '/console/work-orders'}
      hrefLabel={t('all', { count: query.data?.workOrders.totalCount ?? 0 })}
      testId="dashboard-work-orders"
      query={query}
      errorMessage={errorMessage}
      loadingLabel={t('loading')}
      emptyLabel={t('empty')}
      rows={rows}
      rowKey={(o) => o.id}
      rowTestId="dashboard-work-order"
      renderRow={(o) => (
        <>
          <Link
            className="font-mono text-blue-700 hover:underline"
            href={`/console/work-orders/${o.id}${technician ? '?from=mine' : ''}`}
          >
            {o.number}
          </Link>
          <span className="min-w-32">{o.customer?.name ?? '—'}</span>
          <WorkOrderStatusTag status={o.status} />
          {!technician && <span className="text-slate-600">{o.technician?.name ?? t('unassigned')}</span>}
          <span className="ml-auto text-xs text-slate-500">{formatDateTime(o.scheduledAt, timeZone)}</span>
        </>
      )}
    />
  );
}
