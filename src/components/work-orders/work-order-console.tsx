'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/classes';
import { DataTable, queryTableState, type Column } from '@/components/ui/data-table';
import { FilterSelect } from '@/components/ui/filter-select';
import { TextField } from '@/components/ui/form-field';
import { PagedTable } from '@/components/ui/paged-table';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { getFragmentData } from '@/gql';
import type { WorkOrderRowFieldsFragment as RowData, WorkOrderStatus } from '@/gql/graphql';
import { WORK_ORDER_STATUSES } from '@/graphql/work-orders/work-order.rules';
import { useGqlInfiniteQuery, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { WorkOrderListQuery, WorkOrderRowFieldsFragment, WorkOrderWeeklyStatsQuery } from './operations';
import { CreateWorkOrderDialog } from './work-order-dialogs';
import { WorkOrderStatusTag, useWorkOrderErrorMessage } from './work-order-ui';

const PAGE_SIZE = 25;

/** The columns of a list of orders (the console's list and the technician's day). */
export function useWorkOrderColumns(): Column<RowData>[] {
  const t = useTranslations('workOrders');
  const timeZone = useDisplayTimeZone();
  return [
    {
      id: 'number',
      header: t('columns.number'),
      cell: (o) => <span className="font-mono font-medium text-blue-700">{o.number}</span>,
    },
    { id: 'customer', header: t('columns.customer'), cell: (o) => o.customer?.name ?? '' },
    { id: 'equipment', header: t('columns.equipment'), cell: (o) => o.equipment ?? '' },
    { id: 'priority', header: t('columns.priority'), cell: (o) => t(`priority.${o.priority}`) },
    { id: 'status', header: t('columns.status'), cell: (o) => <WorkOrderStatusTag status={o.status} /> },
    { id: 'technician', header: t('columns.technician'), cell: (o) => o.technician?.name ?? '' },
    {
      id: 'scheduledAt',
      header: t('columns.scheduledAt'),
      cell: (o) => (o.scheduledAt ? formatDateTime(o.scheduledAt, timeZone) : ''),
    },
  ];
}

/** /console/work-orders: the dispatcher's list with a status filter, creation, and the weekly statistics. */
export function WorkOrderConsole({ canDispatch, technician }: { canDispatch: boolean; technician: boolean }) {
  const t = useTranslations('workOrders');
  const router = useRouter();
  const errorMessage = useWorkOrderErrorMessage();
  const [status, setStatus] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useGqlInfiniteQuery(
    WorkOrderListQuery,
    { filter: status ? { status: [status as WorkOrderStatus] } : {}, first: PAGE_SIZE },
    (result) => ({ ...result.workOrders, nodes: getFragmentData(WorkOrderRowFieldsFragment, result.workOrders.nodes) }),
    { keepPrevious: true },
  );
  const columns = useWorkOrderColumns();
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        action={
          canDispatch
            ? { label: t('create'), onClick: () => setCreating(true), testId: 'work-order-create' }
            : undefined
        }
      >
        {technician && (
          <Link className={buttonClass.primary} href="/console/work-orders/mine" data-testid="work-order-my-day">
            {t('myDay')}
          </Link>
        )}
      </PageHeader>
      <FilterSelect
        label={t('filterStatus')}
        value={status}
        onChange={setStatus}
        options={[
          { value: '', label: t('all') },
          ...WORK_ORDER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
        ]}
      />
      <PagedTable
        columns={columns}
        query={list}
        rowKey={(row) => row.id}
        rowHref={(row) => `/console/work-orders/${row.id}`}
        errorMessage={errorMessage}
        empty={t('empty')}
        testId="work-order-list"
        rowTestId="work-order-row"
        loadMoreTestId="work-order-load-more"
      />
      <WeeklyStats />
      {creating && (
        <CreateWorkOrderDialog
          onClose={() => setCreating(false)}
          onCreated={(id) => router.push(`/console/work-orders/${id}`)}
        />
      )}
    </div>
  );
}

/** Weekly statistics per technician, with the CSV and Excel exports of the same week. */
function WeeklyStats() {
  const t = useTranslations('workOrders.stats');
  const errorMessage = useWorkOrderErrorMessage();
  const [week, setWeek] = useState(() => new Date().toISOString().slice(0, 10));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(week);
  const stats = useGqlQuery(WorkOrderWeeklyStatsQuery, { weekStart: week }, { enabled: valid, keepPrevious: true });
  const rows = stats.data?.workOrderWeeklyStats.rows ?? [];
  return (
    <Panel
      title={t('title')}
      testId="work-order-stats"
      action={
        <div className="flex flex-wrap items-end gap-2">
          <TextField id="work-order-stats-week" label={t('week')} type="date" value={week} onChange={setWeek} />
          <a className={buttonClass.secondary} href={`/api/work-orders/stats/export?week=${week}&format=csv`}>
            {t('csv')}
          </a>
          <a className={buttonClass.secondary} href={`/api/work-orders/stats/export?week=${week}&format=xlsx`}>
            {t('xlsx')}
          </a>
        </div>
      }
    >
      <DataTable
        columns={[
          { id: 'technician', header: t('technician'), cell: (r) => r.technician?.name ?? '' },
          { id: 'finished', header: t('finished'), cell: (r) => r.finished, className: 'text-right' },
          { id: 'onTime', header: t('onTime'), cell: (r) => r.onTime, className: 'text-right' },
          { id: 'fees', header: t('fees'), cell: (r) => r.fees, className: 'text-right' },
          { id: 'partsUsed', header: t('partsUsed'), cell: (r) => r.partsUsed, className: 'text-right' },
          { id: 'repeatRepairs', header: t('repeatRepairs'), cell: (r) => r.repeatRepairs, className: 'text-right' },
        ]}
        rows={rows}
        rowKey={(r) => r.technician?.id ?? ''}
        state={queryTableState(stats, errorMessage)}
        empty={t('empty')}
      />
    </Panel>
  );
}
