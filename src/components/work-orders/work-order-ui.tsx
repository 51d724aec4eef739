'use client';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { Tag } from '@/components/ui/status';
import type { WorkOrderStatus } from '@/gql/graphql';
import { gqlErrorMessage } from '@/lib/gql-error-message';

/** Every work-order mutation makes the screens' queries (operation names `WorkOrder…`) stale. */
export const WORK_ORDERS_CHANGED = ['WorkOrder'];

const STATUS_TONE: Record<WorkOrderStatus, string> = {
  CREATED: 'bg-amber-100 text-amber-800',
  ASSIGNED: 'bg-blue-50 text-blue-800',
  ACCEPTED: 'bg-blue-100 text-blue-800',
  IN_PROGRESS: 'bg-indigo-100 text-indigo-800',
  COMPLETED: 'bg-emerald-50 text-emerald-800',
  SIGNED_OFF: 'bg-emerald-100 text-emerald-800',
  REPORTED: 'bg-teal-100 text-teal-800',
  CLOSED: 'bg-slate-100 text-slate-700',
  CANCELLED: 'bg-slate-100 text-slate-500 line-through',
};

/** The status as a coloured tag. */
export function WorkOrderStatusTag({ status }: { status: WorkOrderStatus }) {
  const t = useTranslations('workOrders.status');
  return (
    <Tag tone={STATUS_TONE[status]} testId="work-order-status">
      {t(status)}
    </Tag>
  );
}

/** One line for any failure of a work-order operation, in the screens' words. */
export function useWorkOrderErrorMessage() {
  const t = useTranslations('workOrders.errors');
  return useCallback((error: unknown) => gqlErrorMessage(error, (kind) => t(kind)), [t]);
}
