'use client';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import type { Column } from '@/components/ui/data-table';
import { PagedTable } from '@/components/ui/paged-table';
import { PageHeader } from '@/components/ui/page-header';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import type { WorkOrderPortalListQuery as ListData } from '@/gql/graphql';
import { useGqlInfiniteQuery, useGqlMutation } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { WorkOrderConfirmVisitMutation, WorkOrderPortalListQuery } from './operations';
import { WORK_ORDERS_CHANGED, WorkOrderStatusTag, useWorkOrderErrorMessage } from './work-order-ui';

type Row = ListData['workOrders']['nodes'][number];

/** /portal/work-orders: the customer's own work orders; confirm the visit once the work is done. */
export function PortalWorkOrders() {
  const t = useTranslations('workOrders');
  const tp = useTranslations('workOrders.portal');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useWorkOrderErrorMessage();
  const list = useGqlInfiniteQuery(WorkOrderPortalListQuery, { first: 25 }, (result) => result.workOrders);
  const confirmVisit = useGqlMutation(WorkOrderConfirmVisitMutation, { invalidates: WORK_ORDERS_CHANGED });
  const confirm = useConfirmedAction(
    (row: Row) => confirmVisit.mutateAsync({ id: row.id }),
    (row) => ({
      title: tp('confirmTitle'),
      body: tp('confirmBody', { number: row.number }),
      confirmLabel: t('actions.CONFIRM_VISIT'),
      pendingLabel: '…',
      tone: 'primary',
    }),
    errorMessage,
  );
  const columns: Column<Row>[] = [
    { id: 'number', header: t('columns.number'), cell: (o) => <span className="font-mono">{o.number}</span> },
    { id: 'equipment', header: t('columns.equipment'), cell: (o) => o.equipment ?? '' },
    { id: 'status', header: t('columns.status'), cell: (o) => <WorkOrderStatusTag status={o.status} /> },
    { id: 'technician', header: tp('technician'), cell: (o) => o.technician?.name ?? '' },
    {
      id: 'scheduledAt',
      header: t('columns.scheduledAt'),
      cell: (o) => (o.scheduledAt ? formatDateTime(o.scheduledAt, timeZone) : ''),
    },
    {
      id: 'confirm',
      header: t('actions.CONFIRM_VISIT'),
      cell: (o) =>
        o.customerConfirmedAt ? (
          tp('confirmed', { date: formatDateTime(o.customerConfirmedAt, timeZone) })
        ) : o.viewerActions.includes('CONFIRM_VISIT') ? (
          <Button kind="primary" onClick={() => confirm.ask(o)} data-testid="work-order-confirm">
            {t('actions.CONFIRM_VISIT')}
          </Button>
        ) : null,
    },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={tp('title')} subtitle={tp('subtitle')} />
      <PagedTable
        columns={columns}
        query={list}
        rowKey={(o) => o.id}
        errorMessage={errorMessage}
        empty={tp('empty')}
        testId="portal-work-orders"
        rowTestId="portal-work-order-row"
      />
      {confirm.dialog}
    </div>
  );
}
