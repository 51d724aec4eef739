'use client';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { CustomerPickerField, type PickedCustomer } from '@/components/admin/customer-picker';
import { uploadFile } from '@/components/interactions/intake-files';
import { wallClockToIso } from '@/components/surveys/survey-dates';
import { buttonClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextField } from '@/components/ui/form-field';
import { SelectField, TextareaField } from '@/components/ui/form-controls';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { getFragmentData } from '@/gql';
import type { WarrantyKind, WorkOrderPartDirection, WorkOrderPriority } from '@/gql/graphql';
import { WARRANTY_KINDS, WORK_ORDER_LIMITS, WORK_ORDER_PRIORITIES } from '@/graphql/work-orders/work-order.rules';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import {
  WorkOrderAssignMutation,
  WorkOrderCreateMutation,
  WorkOrderRecordWorkMutation,
  WorkOrderRowFieldsFragment,
  WorkOrderSignOffMutation,
  WorkOrderTechnicianDayQuery,
  WorkOrderTechniciansQuery,
  WorkOrderWarrantyMutation,
} from './operations';
import { SignaturePad, type SignaturePadHandle } from './signature-pad';
import { WORK_ORDERS_CHANGED, useWorkOrderErrorMessage } from './work-order-ui';

/** The order a dialog acts on: its id and the version the screen read. */
export type OrderRef = { id: string; version: number; number: string };

/** Where a dispatched order comes from (派工 from a complaint, a phone call or a key-account obligation). */
export type WorkOrderSource = { interactionId?: string; obligationId?: string };

/**
 * The frame of every work-order dialog: a FormDialog bound to its form, "保存" unless the step names its own button,
 * and the test ids `work-order-${name}-dialog` / `work-order-${name}-save` (or the ones given).
 */
function WorkOrderFormDialog({
  form,
  name,
  testId = name && `work-order-${name}-dialog`,
  submitTestId = name && `work-order-${name}-save`,
  submitLabel,
  pendingLabel = '…',
  ...dialog
}: {
  form: { dialogProps: Pick<React.ComponentProps<typeof FormDialog>, 'pending' | 'formError' | 'onSubmit'> };
  name?: string;
  testId?: string;
  submitTestId?: string;
  submitLabel?: string;
  pendingLabel?: string;
} & Pick<React.ComponentProps<typeof FormDialog>, 'title' | 'onClose' | 'size' | 'tone' | 'children'>) {
  const tf = useTranslations('workOrders.form');
  return (
    <FormDialog
      open
      {...dialog}
      {...form.dialogProps}
      testId={testId}
      submitLabel={submitLabel ?? tf('save')}
      pendingLabel={pendingLabel}
      submitTestId={submitTestId}
    />
  );
}

/** The variables of a step on one order: the order, the version the screen read, and the step's input. */
type OrderStep<Input> = { id: string; version: number; input: Input };

/**
 * The form of a dialog that performs one step on an order: `input(values)` is sent with the order's id and version,
 * the dialog closes when the step is done, and a failure is worded in the work orders' words.
 */
function useOrderStepForm<Values extends Record<string, unknown>, Input>({
  order,
  mutation,
  input,
  onClose,
  ...options
}: {
  order: OrderRef;
  mutation: { mutateAsync: (variables: OrderStep<Input>) => Promise<unknown> };
  input: (values: Values) => Input | Promise<Input>;
  onClose: () => void;
  initial: Values;
  fields: readonly string[];
  validate?: (values: Values) => Record<string, string>;
}) {
  const errorMessage = useWorkOrderErrorMessage();
  return useDialogForm({
    ...options,
    submit: async (values) =>
      mutation.mutateAsync({ id: order.id, version: order.version, input: await input(values) }),
    onDone: onClose,
    errorMessage,
  });
}

/**
 * The dispatcher's new order: customer, site, equipment, fault, priority, requested time. Opened from a source record
 * it comes prefilled with that record's customer and fault, and sends the source so the order links back to it.
 */
export function CreateWorkOrderDialog({
  onClose,
  onCreated,
  initialCustomer = null,
  initialDescription = '',
  source,
}: {
  onClose: () => void;
  onCreated: (id: string) => void;
  initialCustomer?: PickedCustomer | null;
  initialDescription?: string;
  source?: WorkOrderSource;
}) {
  const t = useTranslations('workOrders');
  const tf = useTranslations('workOrders.form');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useWorkOrderErrorMessage();
  const create = useGqlMutation(WorkOrderCreateMutation, { invalidates: WORK_ORDERS_CHANGED });
  const [customer, setCustomer] = useState<PickedCustomer | null>(initialCustomer);
  const form = useDialogForm({
    initial: {
      description: initialDescription.slice(0, WORK_ORDER_LIMITS.description),
      siteAddress: '',
      equipment: '',
      priority: 'NORMAL',
      requestedAt: '',
    },
    fields: ['customerId', 'description', 'siteAddress', 'equipment', 'priority', 'requestedAt'],
    validate: (): Record<string, string> => (customer ? {} : { customerId: tf('customer') }),
    submit: (v) =>
      create.mutateAsync({
        input: {
          customerId: customer!.id,
          description: v.description,
          siteAddress: v.siteAddress || null,
          equipment: v.equipment || null,
          priority: v.priority as WorkOrderPriority,
          requestedAt: v.requestedAt ? wallClockToIso(v.requestedAt, timeZone) : null,
          interactionId: source?.interactionId ?? null,
          obligationId: source?.obligationId ?? null,
        },
      }),
    onDone: (result) => onCreated(result.createWorkOrder.id),
    errorMessage,
  });
  return (
    <WorkOrderFormDialog form={form} name="create" onClose={onClose} title={tf('createTitle')} size="lg">
      <CustomerPickerField
        id="work-order-customer"
        label={tf('customer')}
        error={form.fieldErrors.customerId}
        value={customer}
        onChange={setCustomer}
      />
      <TextareaField
        {...form.field('description')}
        label={tf('description')}
        rows={3}
        maxLength={WORK_ORDER_LIMITS.description}
        testId="work-order-description"
      />
      <TextField {...form.field('siteAddress')} label={tf('siteAddress')} maxLength={WORK_ORDER_LIMITS.siteAddress} />
      <TextField {...form.field('equipment')} label={tf('equipment')} maxLength={WORK_ORDER_LIMITS.equipment} />
      <SelectField
        {...form.field('priority')}
        label={tf('priority')}
        options={WORK_ORDER_PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
      />
      <TextField {...form.field('requestedAt')} type="datetime-local" label={tf('requestedAt')} />
    </WorkOrderFormDialog>
  );
}

/** Assigns a technician, showing that technician's other orders that day. */
export function AssignDialog({ order, onClose }: { order: OrderRef; onClose: () => void }) {
  const t = useTranslations('workOrders');
  const tf = useTranslations('workOrders.form');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useWorkOrderErrorMessage();
  const technicians = useGqlQuery(WorkOrderTechniciansQuery, {});
  const form = useOrderStepForm({
    order,
    mutation: useGqlMutation(WorkOrderAssignMutation, { invalidates: WORK_ORDERS_CHANGED }),
    onClose,
    initial: { technicianId: '', scheduledAt: '' },
    fields: ['technicianId', 'scheduledAt'],
    validate: (v): Record<string, string> => (v.technicianId ? {} : { technicianId: tf('technician') }),
    input: (v) => ({
      technicianId: v.technicianId,
      scheduledAt: v.scheduledAt ? wallClockToIso(v.scheduledAt, timeZone) : null,
    }),
  });
  const day = form.values.scheduledAt ? form.values.scheduledAt.slice(0, 10) : null;
  const others = useGqlQuery(
    WorkOrderTechnicianDayQuery,
    { technicianId: form.values.technicianId || null, day },
    { enabled: !!form.values.technicianId },
  );
  const rows = getFragmentData(WorkOrderRowFieldsFragment, others.data?.technicianDay ?? []).filter(
    (o) => o.id !== order.id,
  );
  return (
    <WorkOrderFormDialog
      form={form}
      name="assign"
      onClose={onClose}
      title={`${tf('assignTitle')} ${order.number}`}
      submitLabel={t('actions.ASSIGN')}
      size="lg"
    >
      <SelectField
        {...form.field('technicianId')}
        label={tf('technician')}
        options={[
          { value: '', label: '—' },
          ...(technicians.data?.workOrderTechnicians ?? []).map((u) => ({ value: u.id, label: u.name })),
        ]}
        testId="work-order-technician"
      />
      <TextField {...form.field('scheduledAt')} type="datetime-local" label={tf('scheduledAt')} />
      {form.values.technicianId && (
        <div data-testid="work-order-technician-day">
          <p className="mb-1 text-xs font-medium text-slate-700">{tf('technicianDay')}</p>
          <DataTable
            columns={[
              { id: 'number', header: t('columns.number'), cell: (o) => o.number },
              {
                id: 'scheduledAt',
                header: t('columns.scheduledAt'),
                cell: (o) => formatDateTime(o.scheduledAt, timeZone),
              },
              { id: 'customer', header: t('columns.customer'), cell: (o) => o.customer?.name ?? '' },
              { id: 'status', header: t('columns.status'), cell: (o) => t(`status.${o.status}`) },
            ]}
            rows={rows}
            rowKey={(o) => o.id}
            state={{ loading: others.isFetching && !others.data, error: others.error, errorMessage }}
            empty={tf('technicianDayEmpty')}
          />
        </div>
      )}
    </WorkOrderFormDialog>
  );
}

type PartDraft = { name: string; quantity: string; direction: WorkOrderPartDirection };

/** The work done, parts fitted or taken back (设备收条), fee and receipt (收据). */
export function RecordWorkDialog({
  order,
  initial,
  onClose,
}: {
  order: OrderRef;
  initial: {
    workDone: string | null;
    fee: string | null;
    receiptNo: string | null;
    parts: readonly { name: string; quantity: number; direction: WorkOrderPartDirection }[];
  };
  onClose: () => void;
}) {
  const t = useTranslations('workOrders');
  const tf = useTranslations('workOrders.form');
  const [parts, setParts] = useState<PartDraft[]>(
    initial.parts.map((p) => ({ name: p.name, quantity: String(p.quantity), direction: p.direction })),
  );
  const form = useOrderStepForm({
    order,
    mutation: useGqlMutation(WorkOrderRecordWorkMutation, { invalidates: WORK_ORDERS_CHANGED }),
    onClose,
    initial: { workDone: initial.workDone ?? '', fee: initial.fee ?? '', receiptNo: initial.receiptNo ?? '' },
    fields: ['workDone', 'fee', 'receiptNo'],
    input: (v) => ({
      workDone: v.workDone || null,
      fee: v.fee || null,
      receiptNo: v.receiptNo || null,
      parts: parts
        .filter((p) => p.name.trim())
        .map((p) => ({ name: p.name, quantity: Number(p.quantity) || 1, direction: p.direction })),
    }),
  });
  const setPart = (index: number, change: Partial<PartDraft>) =>
    setParts((current) => current.map((p, i) => (i === index ? { ...p, ...change } : p)));
  return (
    <WorkOrderFormDialog form={form} name="work" onClose={onClose} title={tf('workTitle')}>
      <TextareaField
        {...form.field('workDone')}
        label={tf('workDone')}
        rows={3}
        maxLength={WORK_ORDER_LIMITS.workDone}
        testId="work-order-work-done"
      />
      <fieldset className="space-y-2">
        <legend className="mb-1 block text-xs font-medium text-slate-700">{tf('parts')}</legend>
        {parts.map((part, index) => (
          <div key={index} className="grid grid-cols-[1fr_4rem] gap-2 sm:grid-cols-[1fr_4rem_9rem_auto]">
            <TextField
              id={`part-${index}-name`}
              label={tf('partName')}
              value={part.name}
              onChange={(name) => setPart(index, { name })}
              maxLength={WORK_ORDER_LIMITS.partName}
              testId="work-order-part-name"
            />
            <TextField
              id={`part-${index}-quantity`}
              label={tf('partQuantity')}
              type="number"
              min={WORK_ORDER_LIMITS.partQuantityMin}
              max={WORK_ORDER_LIMITS.partQuantityMax}
              value={part.quantity}
              onChange={(quantity) => setPart(index, { quantity })}
            />
            <SelectField
              id={`part-${index}-direction`}
              label={tf('partDirection')}
              value={part.direction}
              onChange={(direction) => setPart(index, { direction: direction as WorkOrderPartDirection })}
              options={(['USED', 'TAKEN_BACK'] as const).map((d) => ({ value: d, label: t(`direction.${d}`) }))}
            />
            <button
              type="button"
              className={`${buttonClass.dangerGhost} self-end`}
              onClick={() => setParts((current) => current.filter((_, i) => i !== index))}
            >
              {tf('removePart')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className={buttonClass.ghost}
          onClick={() => setParts((current) => [...current, { name: '', quantity: '1', direction: 'USED' }])}
          data-testid="work-order-add-part"
        >
          {tf('addPart')}
        </button>
      </fieldset>
      <TextField {...form.field('fee')} label={tf('fee')} inputMode="decimal" testId="work-order-fee" />
      <TextField
        {...form.field('receiptNo')}
        label={tf('receiptNo')}
        maxLength={WORK_ORDER_LIMITS.receiptNo}
        testId="work-order-receipt"
      />
    </WorkOrderFormDialog>
  );
}

/** The customer's sign-off on the technician's phone: the signature drawn on the screen, name, phone, feedback. */
export function SignOffDialog({ order, onClose }: { order: OrderRef; onClose: () => void }) {
  const tf = useTranslations('workOrders.form');
  const pad = useRef<SignaturePadHandle | null>(null);
  const [drawn, setDrawn] = useState(false);
  const form = useOrderStepForm({
    order,
    mutation: useGqlMutation(WorkOrderSignOffMutation, { invalidates: WORK_ORDERS_CHANGED }),
    onClose,
    initial: { signerName: '', signerPhone: '', customerFeedback: '' },
    fields: ['signerName', 'signerPhone', 'customerFeedback', 'signatureUploadToken'],
    input: async (v) => {
      let signatureUploadToken: string | null = null;
      const blob = drawn ? await pad.current?.toBlob() : null;
      if (blob) {
        const file = new File([blob], 'signature.png', { type: 'image/png' });
        signatureUploadToken = (await uploadFile(file)).token;
      }
      return {
        signerName: v.signerName || null,
        signerPhone: v.signerPhone || null,
        customerFeedback: v.customerFeedback || null,
        signatureUploadToken,
      };
    },
  });
  return (
    <WorkOrderFormDialog
      form={form}
      name="sign"
      onClose={onClose}
      title={tf('signTitle')}
      pendingLabel={tf('signatureUploading')}
    >
      <SignaturePad
        padRef={pad}
        onChange={setDrawn}
        label={tf('signHere')}
        clearLabel={tf('clearSignature')}
        testId="work-order-signature-pad"
      />
      {form.fieldErrors.signatureUploadToken && (
        <p className="text-xs text-red-700" role="alert">
          {form.fieldErrors.signatureUploadToken}
        </p>
      )}
      <TextField
        {...form.field('signerName')}
        label={tf('signerName')}
        maxLength={WORK_ORDER_LIMITS.signerName}
        testId="work-order-signer-name"
      />
      <TextField
        {...form.field('signerPhone')}
        label={tf('signerPhone')}
        type="tel"
        maxLength={WORK_ORDER_LIMITS.signerPhone}
      />
      <TextareaField
        {...form.field('customerFeedback')}
        label={tf('customerFeedback')}
        rows={2}
        maxLength={WORK_ORDER_LIMITS.feedback}
        testId="work-order-feedback"
      />
    </WorkOrderFormDialog>
  );
}

/** A 三包 line: return, replacement or repair, with part, quantity and cost. */
export function WarrantyDialog({ order, onClose }: { order: OrderRef; onClose: () => void }) {
  const t = useTranslations('workOrders');
  const tf = useTranslations('workOrders.form');
  const form = useOrderStepForm({
    order,
    mutation: useGqlMutation(WorkOrderWarrantyMutation, { invalidates: WORK_ORDERS_CHANGED }),
    onClose,
    initial: { kind: 'REPAIR', part: '', quantity: '1', cost: '0.00', note: '' },
    fields: ['kind', 'part', 'quantity', 'cost', 'note'],
    input: (v) => ({
      kind: v.kind as WarrantyKind,
      part: v.part,
      quantity: Number(v.quantity) || 0,
      cost: v.cost,
      note: v.note || null,
    }),
  });
  return (
    <WorkOrderFormDialog form={form} onClose={onClose} title={tf('warrantyTitle')}>
      <SelectField
        {...form.field('kind')}
        label={tf('warrantyKind')}
        options={WARRANTY_KINDS.map((k) => ({ value: k, label: t(`warranty.${k}`) }))}
      />
      <TextField {...form.field('part')} label={tf('warrantyPart')} maxLength={WORK_ORDER_LIMITS.partName} />
      <TextField
        {...form.field('quantity')}
        label={tf('warrantyQuantity')}
        type="number"
        min={WORK_ORDER_LIMITS.partQuantityMin}
        max={WORK_ORDER_LIMITS.partQuantityMax}
      />
      <TextField {...form.field('cost')} label={tf('warrantyCost')} inputMode="decimal" />
      <TextField {...form.field('note')} label={tf('reason')} maxLength={WORK_ORDER_LIMITS.note} />
    </WorkOrderFormDialog>
  );
}

/**
 * A step that takes one text (回司反馈, an on-site complaint, a cancellation reason): the dialog asks for it and
 * `send` performs the step with it.
 */
export function TextStepDialog({
  title,
  label,
  hint,
  max,
  tone,
  testId,
  send,
  onClose,
}: {
  title: string;
  label: string;
  hint?: string;
  max: number;
  tone?: 'primary' | 'danger';
  testId: string;
  send: (text: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const errorMessage = useWorkOrderErrorMessage();
  const form = useDialogForm({
    initial: { text: '' },
    fields: ['text'],
    validate: (v): Record<string, string> => (v.text.trim() ? {} : { text: label }),
    submit: (v) => send(v.text),
    onDone: onClose,
    errorMessage,
  });
  return (
    <WorkOrderFormDialog
      form={form}
      onClose={onClose}
      title={title}
      testId={testId}
      submitTestId={`${testId}-save`}
      tone={tone}
    >
      <TextareaField
        {...form.field('text')}
        label={label}
        hint={hint}
        rows={3}
        maxLength={max}
        testId={`${testId}-text`}
      />
    </WorkOrderFormDialog>
  );
}
