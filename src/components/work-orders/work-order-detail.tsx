'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { buttonClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { DetailItem } from '@/components/ui/detail-item';
import { HistoryEntryBody } from '@/components/ui/history-entry-body';
import { Panel, QueryContent } from '@/components/ui/panel';
import { PageHeader } from '@/components/ui/page-header';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import type { WorkOrderDetailQuery as DetailData, WorkOrderStep } from '@/gql/graphql';
import { WORK_ORDER_LIMITS } from '@/graphql/work-orders/work-order.rules';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import {
  WorkOrderAdvanceMutation,
  WorkOrderCancelMutation,
  WorkOrderCloseMutation,
  WorkOrderDetailQuery,
  WorkOrderFlagComplaintMutation,
  WorkOrderRegisterComplaintMutation,
  WorkOrderReportBackMutation,
} from './operations';
import { AssignDialog, RecordWorkDialog, SignOffDialog, TextStepDialog, WarrantyDialog } from './work-order-dialogs';
import { WORK_ORDERS_CHANGED, WorkOrderStatusTag, useWorkOrderErrorMessage } from './work-order-ui';

type Order = DetailData['workOrder'];
type Dialog = 'ASSIGN' | 'RECORD_WORK' | 'SIGN_OFF' | 'ADD_WARRANTY' | 'REPORT_BACK' | 'FLAG_COMPLAINT' | 'CANCEL';
const STEPS: readonly WorkOrderStep[] = ['ACCEPT', 'DEPART', 'ARRIVE', 'FINISH'];
const DIALOGS: readonly Dialog[] = [
  'ASSIGN',
  'RECORD_WORK',
  'SIGN_OFF',
  'ADD_WARRANTY',
  'FLAG_COMPLAINT',
  'REPORT_BACK',
];

/**
 * /console/work-orders/<id>: one order for the dispatcher (assign, close, cancel, register the on-site complaint) and
 * for its technician on a phone (the steps, the work, the customer's signature, 回司反馈). Only the actions the server
 * lists in `viewerActions` are offered.
 */
export function WorkOrderDetail({ id, backHref }: { id: string; backHref: string }) {
  const t = useTranslations('workOrders');
  const errorMessage = useWorkOrderErrorMessage();
  const query = useGqlQuery(WorkOrderDetailQuery, { id });
  return (
    <QueryContent query={query} errorMessage={errorMessage} loadingLabel={t('title')}>
      {query.data && <OrderView order={query.data.workOrder} backHref={backHref} />}
    </QueryContent>
  );
}

function OrderView({ order, backHref }: { order: Order; backHref: string }) {
  const t = useTranslations('workOrders');
  const td = useTranslations('workOrders.detail');
  const tf = useTranslations('workOrders.form');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useWorkOrderErrorMessage();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const advance = useGqlMutation(WorkOrderAdvanceMutation, { invalidates: WORK_ORDERS_CHANGED });
  const close = useGqlMutation(WorkOrderCloseMutation, { invalidates: WORK_ORDERS_CHANGED });
  const register = useGqlMutation(WorkOrderRegisterComplaintMutation, { invalidates: WORK_ORDERS_CHANGED });
  const reportBack = useGqlMutation(WorkOrderReportBackMutation, { invalidates: WORK_ORDERS_CHANGED });
  const flag = useGqlMutation(WorkOrderFlagComplaintMutation, { invalidates: WORK_ORDERS_CHANGED });
  const cancel = useGqlMutation(WorkOrderCancelMutation, { invalidates: WORK_ORDERS_CHANGED });
  const ref = { id: order.id, version: order.version, number: order.number };
  /** The order and the version the screen read, as every step sends them. */
  const step = { id: order.id, version: order.version };
  const when = (at: string | null | undefined) => (at ? formatDateTime(at, timeZone) : td('none'));
  const can = (action: string) => order.viewerActions.includes(action);
  /** The steps that take one text: what each dialog asks for and how the step is sent with it. */
  const textSteps = {
    REPORT_BACK: {
      title: tf('reportTitle'),
      label: tf('returnFeedback'),
      max: WORK_ORDER_LIMITS.returnFeedback,
      testId: 'work-order-report',
      send: (text: string) => reportBack.mutateAsync({ ...step, returnFeedback: text }),
    },
    FLAG_COMPLAINT: {
      title: tf('complaintTitle'),
      label: tf('complaint'),
      hint: tf('complaintHint'),
      max: WORK_ORDER_LIMITS.description,
      testId: 'work-order-flag',
      send: (text: string) => flag.mutateAsync({ ...step, complaint: text }),
    },
    CANCEL: {
      title: tf('cancelTitle'),
      label: tf('reason'),
      max: WORK_ORDER_LIMITS.reason,
      tone: 'danger' as const,
      testId: 'work-order-cancel-dialog',
      send: (text: string) => cancel.mutateAsync({ ...step, reason: text }),
    },
  };

  const confirmStep = useConfirmedAction(
    (action: WorkOrderStep | 'CLOSE' | 'REGISTER_COMPLAINT') =>
      action === 'CLOSE'
        ? close.mutateAsync(step)
        : action === 'REGISTER_COMPLAINT'
          ? register.mutateAsync(step)
          : advance.mutateAsync({ ...step, step: action }),
    (step) => ({
      title: t(`actions.${step}`),
      body:
        step === 'CLOSE'
          ? t('confirm.closeBody', { number: order.number })
          : step === 'REGISTER_COMPLAINT'
            ? t('confirm.registerBody', { number: order.number })
            : t('confirm.stepBody', { number: order.number, action: t(`actions.${step}`) }),
      confirmLabel: t(`actions.${step}`),
      pendingLabel: '…',
      tone: 'primary',
    }),
    errorMessage,
  );

  return (
    <div className="space-y-4" data-testid="work-order-detail">
      <PageHeader title={`${t('title')} ${order.number}`} subtitle={order.customer?.name ?? undefined}>
        <WorkOrderStatusTag status={order.status} />
        <a
          className={buttonClass.secondary}
          href={`/api/work-orders/${order.id}/order.pdf`}
          data-testid="work-order-pdf"
        >
          {td('pdf')}
        </a>
        <Link className={buttonClass.link} href={backHref}>
          {td('back')}
        </Link>
      </PageHeader>

      <div className="flex flex-wrap gap-2" data-testid="work-order-actions">
        {STEPS.filter(can).map((step) => (
          <Button
            key={step}
            kind="primary"
            onClick={() => confirmStep.ask(step)}
            data-testid={`work-order-step-${step}`}
          >
            {t(`actions.${step}`)}
          </Button>
        ))}
        {DIALOGS.filter(can).map((action) => (
          <Button
            key={action}
            kind="secondary"
            onClick={() => setDialog(action)}
            data-testid={`work-order-action-${action}`}
          >
            {t(`actions.${action}`)}
          </Button>
        ))}
        {can('REGISTER_COMPLAINT') && (
          <Button
            kind="secondary"
            onClick={() => confirmStep.ask('REGISTER_COMPLAINT')}
            data-testid="work-order-register"
          >
            {t('actions.REGISTER_COMPLAINT')}
          </Button>
        )}
        {can('CLOSE') && (
          <Button kind="primary" onClick={() => confirmStep.ask('CLOSE')} data-testid="work-order-close">
            {t('actions.CLOSE')}
          </Button>
        )}
        {can('CANCEL') && (
          <Button kind="danger" onClick={() => setDialog('CANCEL')} data-testid="work-order-cancel">
            {t('actions.CANCEL')}
          </Button>
        )}
      </div>

      <Panel title={td('overview')}>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <DetailItem label={t('columns.priority')}>{t(`priority.${order.priority}`)}</DetailItem>
          <DetailItem label={td('origin')}>
            {t(`origin.${order.origin}`)}
            {order.interaction && (
              <>
                {' '}
                <Link
                  className="text-blue-700 hover:underline"
                  href={`/console/${order.origin === 'COMPLAINT' ? 'complaints' : 'interactions'}/${order.interaction.id}`}
                  data-testid="work-order-source"
                >
                  {order.interaction.number}
                </Link>
              </>
            )}
          </DetailItem>
          <DetailItem label={t('columns.technician')}>{order.technician?.name ?? td('none')}</DetailItem>
          <DetailItem label={tf('siteAddress')}>{order.siteAddress ?? td('none')}</DetailItem>
          <DetailItem label={tf('equipment')}>{order.equipment ?? td('none')}</DetailItem>
          <DetailItem label={td('requestedAt')}>{when(order.requestedAt)}</DetailItem>
          <DetailItem label={t('columns.scheduledAt')}>{when(order.scheduledAt)}</DetailItem>
          <DetailItem label={td('dispatcher')}>{order.dispatcher?.name ?? td('none')}</DetailItem>
          <DetailItem label={tf('description')} className="sm:col-span-3">
            {order.description}
          </DetailItem>
        </dl>
      </Panel>

      <Panel title={td('work')}>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <DetailItem label={td('acceptedAt')}>{when(order.acceptedAt)}</DetailItem>
          <DetailItem label={td('departedAt')}>{when(order.departedAt)}</DetailItem>
          <DetailItem label={td('arrivedAt')}>{when(order.arrivedAt)}</DetailItem>
          <DetailItem label={td('finishedAt')} testId="work-order-finished-at">
            {when(order.finishedAt)}
          </DetailItem>
          <DetailItem label={tf('workDone')} className="col-span-2 sm:col-span-4" testId="work-order-work-done-value">
            {order.workDone ?? td('none')}
          </DetailItem>
          <DetailItem label={tf('fee')}>{order.fee ?? td('none')}</DetailItem>
          <DetailItem label={tf('receiptNo')}>{order.receiptNo ?? td('none')}</DetailItem>
        </dl>
        <div className="mt-3">
          <DataTable
            caption={tf('parts')}
            columns={[
              { id: 'name', header: tf('partName'), cell: (p) => p.name },
              { id: 'quantity', header: tf('partQuantity'), cell: (p) => p.quantity },
              { id: 'direction', header: tf('partDirection'), cell: (p) => t(`direction.${p.direction}`) },
            ]}
            rows={order.parts}
            rowKey={(p) => `${p.name}-${p.direction}`}
            state={{ loading: false }}
            empty={td('noParts')}
          />
        </div>
      </Panel>

      <Panel title={td('warranty')} empty={order.warrantyLines.length === 0 && td('noWarranty')}>
        <DataTable
          columns={[
            { id: 'kind', header: tf('warrantyKind'), cell: (l) => t(`warranty.${l.kind}`) },
            { id: 'part', header: tf('warrantyPart'), cell: (l) => l.part },
            { id: 'quantity', header: tf('warrantyQuantity'), cell: (l) => l.quantity },
            { id: 'cost', header: tf('warrantyCost'), cell: (l) => l.cost },
          ]}
          rows={order.warrantyLines}
          rowKey={(l) => l.id}
          state={{ loading: false }}
          empty={td('noWarranty')}
        />
      </Panel>

      {order.onSiteComplaint && (
        <Panel title={td('complaint')} testId="work-order-complaint">
          <p className="text-sm whitespace-pre-wrap">{order.onSiteComplaint}</p>
          <p className={`mt-1 text-xs ${order.onSiteComplaintOverdue ? 'text-red-700' : 'text-slate-600'}`}>
            {order.complaint
              ? td('registeredAs', { number: order.complaint.number })
              : order.onSiteComplaintOverdue
                ? td('complaintOverdue')
                : td('complaintDue', { due: when(order.onSiteComplaintDueAt) })}
          </p>
        </Panel>
      )}

      <Panel title={td('signOff')}>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <DetailItem label={tf('signerName')} testId="work-order-signer">
            {order.signerName ?? td('none')}
          </DetailItem>
          <DetailItem label={tf('signerPhone')}>{order.signerPhone ?? td('none')}</DetailItem>
          <DetailItem label={td('signedOffAt')}>{when(order.signedOffAt)}</DetailItem>
          <DetailItem label={td('customerConfirmedAt')}>{when(order.customerConfirmedAt)}</DetailItem>
          <DetailItem label={tf('customerFeedback')} className="col-span-2 sm:col-span-4">
            {order.customerFeedback ?? td('none')}
          </DetailItem>
          <DetailItem label={tf('returnFeedback')} className="col-span-2 sm:col-span-4">
            {order.returnFeedback ?? td('none')}
          </DetailItem>
        </dl>
        {order.hasSignature && (
          // eslint-disable-next-line @next/next/no-img-element -- a private, per-order image served by our own route
          <img
            src={`/api/work-orders/${order.id}/signature?v=${order.version}`}
            alt={td('signature')}
            className="mt-3 h-24 rounded border border-slate-200 bg-white"
            data-testid="work-order-signature"
          />
        )}
      </Panel>

      <Panel title={td('history')} empty={order.history.length === 0 && td('noHistory')}>
        <ol className="space-y-3 text-sm" data-testid="work-order-history">
          {order.history.map((h) => (
            <li key={h.id} className="border-l-2 border-slate-200 pl-3">
              <p className="font-medium" data-testid="work-order-history-action">
                {t.has(`actions.${h.action}`) ? t(`actions.${h.action}`) : h.action}
              </p>
              <HistoryEntryBody entry={h} timeZone={timeZone} />
            </li>
          ))}
        </ol>
      </Panel>

      {dialog === 'ASSIGN' && <AssignDialog order={ref} onClose={() => setDialog(null)} />}
      {dialog === 'RECORD_WORK' && (
        <RecordWorkDialog
          order={ref}
          initial={{
            workDone: order.workDone ?? null,
            fee: order.fee ?? null,
            receiptNo: order.receiptNo ?? null,
            parts: order.parts,
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'SIGN_OFF' && <SignOffDialog order={ref} onClose={() => setDialog(null)} />}
      {dialog === 'ADD_WARRANTY' && <WarrantyDialog order={ref} onClose={() => setDialog(null)} />}
      {dialog && dialog in textSteps && (
        <TextStepDialog {...textSteps[dialog as keyof typeof textSteps]} onClose={() => setDialog(null)} />
      )}
      {confirmStep.dialog}
    </div>
  );
}
