'use client';
import { useTranslations } from 'next-intl';
import { DataTable, queryTableState } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { getFragmentData } from '@/gql';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDate } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { WorkOrderRowFieldsFragment, WorkOrderTechnicianDayQuery } from './operations';
import { useWorkOrderColumns } from './work-order-console';
import { useWorkOrderErrorMessage } from './work-order-ui';

/**
 * /console/work-orders/mine: the technician's phone-first view of today's orders (each a card on a phone), each
 * opening the order to accept it, record the visit and take the customer's signature.
 */
export function MyWorkOrders() {
  const t = useTranslations('workOrders.mine');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useWorkOrderErrorMessage();
  const day = useGqlQuery(WorkOrderTechnicianDayQuery, {});
  const rows = getFragmentData(WorkOrderRowFieldsFragment, day.data?.technicianDay ?? []);
  const columns = useWorkOrderColumns().filter((c) => c.id !== 'technician');
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle', { date: formatDate(new Date().toISOString(), timeZone) })}
      />
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(o) => o.id}
        rowHref={(o) => `/console/work-orders/${o.id}?from=mine`}
        state={queryTableState(day, errorMessage)}
        empty={t('empty')}
        testId="work-order-mine"
        rowTestId="work-order-mine-row"
      />
    </div>
  );
}
