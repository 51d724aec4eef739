'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { PickedCustomer } from '@/components/admin/customer-picker';
import { Button } from '@/components/ui/button';
import { Panel, QueryContent } from '@/components/ui/panel';
import { getFragmentData } from '@/gql';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { WorkOrderListQuery, WorkOrderRowFieldsFragment } from './operations';
import { CreateWorkOrderDialog, type WorkOrderSource } from './work-order-dialogs';
import { WorkOrderStatusTag, useWorkOrderErrorMessage } from './work-order-ui';

/** A source record's customer as the dispatch dialog takes it (a row's customer carries no contract number). */
export const pickedCustomer = (customer: { id: string; name: string } | null | undefined): PickedCustomer | null =>
  customer ? { id: customer.id, name: customer.name, contractNo: null } : null;

/**
 * 派工 from a source record (SPEC §7: "from a phone call, a complaint, a key-account obligation"): opens the dispatcher's
 * create dialog prefilled with the record's customer and fault, sends the source along, and opens the new order.
 */
export function DispatchButton({
  customer,
  source,
  description,
}: {
  customer: PickedCustomer | null;
  source: WorkOrderSource;
  description?: string;
}) {
  const t = useTranslations('workOrders.dispatch');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button kind="secondary" onClick={() => setOpen(true)} data-testid="work-order-dispatch">
        {t('button')}
      </Button>
      {open && (
        <CreateWorkOrderDialog
          initialCustomer={customer}
          initialDescription={description}
          source={source}
          onClose={() => setOpen(false)}
          onCreated={(id) => router.push(`/console/work-orders/${id}`)}
        />
      )}
    </>
  );
}

/**
 * The work orders dispatched from a phone call or complaint (the link back from the source to its orders), with 派工
 * for a dispatcher. Shown to holders of workorders:read only.
 */
export function SourceWorkOrdersPanel({
  interactionId,
  customer,
  description,
  canDispatch,
}: {
  interactionId: string;
  customer: PickedCustomer | null;
  description?: string;
  canDispatch: boolean;
}) {
  const t = useTranslations('workOrders.dispatch');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useWorkOrderErrorMessage();
  const query = useGqlQuery(WorkOrderListQuery, { filter: { interactionId }, first: 10 });
  const rows = getFragmentData(WorkOrderRowFieldsFragment, query.data?.workOrders.nodes ?? []);
  return (
    <Panel
      title={t('title')}
      testId="source-work-orders"
      action={
        canDispatch && customer ? (
          <DispatchButton customer={customer} source={{ interactionId }} description={description} />
        ) : undefined
      }
    >
      <QueryContent
        query={query}
        errorMessage={errorMessage}
        loadingLabel={t('loading')}
        empty={rows.length === 0 && (customer || !canDispatch ? t('empty') : t('noCustomer'))}
      >
        <ul className="divide-y divide-slate-100 text-sm">
          {rows.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="source-work-order">
              <Link className="font-mono text-blue-700 hover:underline" href={`/console/work-orders/${o.id}`}>
                {o.number}
              </Link>
              <WorkOrderStatusTag status={o.status} />
              <span className="text-slate-600">{o.technician?.name ?? t('unassigned')}</span>
              {o.scheduledAt && (
                <span className="ml-auto text-xs text-slate-500">{formatDateTime(o.scheduledAt, timeZone)}</span>
              )}
            </li>
          ))}
        </ul>
      </QueryContent>
    </Panel>
  );
}
