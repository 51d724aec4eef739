'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { CallbackOutcome, CallbackReason } from '@/gql/graphql';
import { CustomerPickerField, type PickedCustomer } from '@/components/admin/customer-picker';
import { Button } from '@/components/ui/button';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextField } from '@/components/ui/form-field';
import { SelectField, TextareaField } from '@/components/ui/form-controls';
import { useFormSubmit } from '@/components/ui/use-form-submit';
import {
  CANCEL_REASON_MAX,
  CREATABLE_REASONS,
  NEW_COMPLAINT_SUBJECT_MAX,
} from '@/graphql/callbacks/callback-limits.rules';
import { useGqlMutation, useGqlQuery, useInvalidate } from '@/lib/data/gql-hooks';
import { useErrorText } from '@/lib/error-text';
import { endOfDayIn } from '@/lib/format';
import { isGqlError } from '@/lib/gql-error-message';
import {
  CallbackAssigneesQuery,
  CallbackCancelMutation,
  CallbackCreateMutation,
  CallbackReassignMutation,
  CallbackRecordMutation,
} from './callback-dialogs.operations';
import { CalleeLine, outcomesFor, RadioChoice, useCallbackErrorMessage, type CallbackRow } from './callback-ui';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

/**
 * The callback dialogs. Each sends the version it was opened with; a CONFLICT shows "已被他人修改" with a reload (which
 * closes the dialog and reloads the list), field errors from the server appear under their fields, anything else as
 * one line under the form.
 */

/**
 * What a callback change makes stale: the callback lists and counts, the complaint it follows up (recording moves it),
 * the notifications it sends, and the dashboard and report that count callbacks.
 */
export const CALLBACK_INVALIDATES = [
  'Callback',
  'Complaint',
  'Notification',
  'Dashboard',
  'Report',
  'KeyAccountObligation',
] as const;

/** A dialog's submit: the mutation refreshes what it changed; a stale version (CONFLICT without a status) asks for a reload. */
function useCallbackSubmit() {
  const errorMessage = useCallbackErrorMessage();
  const errorText = useErrorText();
  const form = useFormSubmit((error) =>
    // A refused step (CONFLICT with the task's status, e.g. callback.notPending) is its key in the viewer's language;
    // BAD_USER_INPUT without fields likewise (gqlErrorMessage).
    isGqlError(error, 'CONFLICT') && 'status' in error.extensions
      ? errorText.text(error.key ?? '', error.params, error.code)
      : errorMessage(error),
  );
  const conflict = isGqlError(form.error, 'CONFLICT') && !('status' in form.error.extensions);
  return { ...form, fields: form.fieldErrors, setFields: form.setFieldErrors, conflict };
}

type Step = 'record' | 'create' | 'reassign' | 'cancel';

/**
 * The FormDialog of one callback step, worded from `callbacks.<step>` (title, submit, pending) with test ids
 * `<step>-callback-dialog` / `<step>-callback-submit` (cancelling confirms: `cancel.confirm`, `cancel-callback-confirm`).
 * `dialog` is the step dialog's own props: open / close, `onDone` once `onSubmit` says the step is done (true), and the
 * task a step on an existing one works on — such a step opens with `context` (which task it is) and, when someone
 * else changed the task meanwhile, the ConflictNotice whose reload calls `onDone`.
 */
function CallbackFormDialog({
  step,
  dialog: { open, onClose, onDone, callback },
  form,
  onSubmit,
  context,
  children,
  ...props
}: Omit<
  React.ComponentProps<typeof FormDialog>,
  | 'open'
  | 'onClose'
  | 'title'
  | 'testId'
  | 'pending'
  | 'formError'
  | 'submitLabel'
  | 'pendingLabel'
  | 'submitTestId'
  | 'onSubmit'
> & {
  step: Step;
  dialog: { open: boolean; onClose: () => void; onDone: () => void; callback?: CallbackRow };
  form: { pending: boolean; formError: string | null; conflict: boolean };
  /** Checks and sends the step (`submit(…)`); true when it is done. */
  onSubmit: () => Promise<boolean | void>;
  context?: React.ReactNode;
}) {
  const t = useTranslations('callbacks');
  const submit = step === 'cancel' ? 'confirm' : 'submit';
  return (
    <FormDialog
      {...props}
      open={open}
      onClose={onClose}
      title={t(`${step}.title`)}
      testId={`${step}-callback-dialog`}
      pending={form.pending}
      formError={form.formError}
      submitLabel={t(`${step}.${submit}`)}
      pendingLabel={t(`${step}.pending`)}
      submitTestId={`${step}-callback-${submit}`}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit().then((done) => done && onDone());
      }}
    >
      {context}
      {form.conflict && callback && <ConflictNotice onReload={onDone} />}
      {children}
    </FormDialog>
  );
}

/** The params of a step's context line ("客户 · 原因"): the task's customer and why it was set. */
function useContextParams(callback: CallbackRow) {
  const t = useTranslations('callbacks');
  return { customer: callback.customer?.name ?? '—', reason: t(`reason.${callback.reason}`) };
}

/** Stands in for the form when someone else changed the task: reloading closes the dialog and shows the new state. */
function ConflictNotice({ onReload }: { onReload: () => void }) {
  const t = useTranslations('callbacks.record');
  const invalidate = useInvalidate();
  const reload = () => {
    void invalidate(['Callback']);
    onReload();
  };
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      data-testid="callback-conflict"
    >
      <span>{t('conflict')}</span>
      <Button kind="secondary" onClick={reload} data-testid="callback-reload">
        {t('reload')}
      </Button>
    </div>
  );
}

/** `onDone` closes the dialog after a change (the lists refresh themselves) or after a reload asked for by a conflict. */
type DialogProps = { open: boolean; onClose: () => void; onDone: () => void; callback: CallbackRow };

// ───────────────────────────── record ─────────────────────────────

type Score = 'accuracyScore' | 'timelinessScore' | 'attitudeScore';
const SCORES: { field: Score; label: 'accuracy' | 'timeliness' | 'attitude' }[] = [
  { field: 'accuracyScore', label: 'accuracy' },
  { field: 'timelinessScore', label: 'timeliness' },
  { field: 'attitudeScore', label: 'attitude' },
];
const SCORE_VALUES = ['1', '2', '3', '4', '5'] as const;
const asScore = (value: string | null) => (value ? Number(value) : null);

/** The callback script [001 §6.2]: three 1–5 scores, other dissatisfaction, suggestions, notes, and the outcome. */
export function RecordCallbackDialog({
  onRecorded,
  ...dialog
}: DialogProps & { onRecorded?: (resultingNumber: string | null) => void }) {
  const { callback } = dialog;
  const t = useTranslations('callbacks');
  const [outcome, setOutcome] = useState<CallbackOutcome | null>(null);
  const [scores, setScores] = useState<Record<Score, string | null>>({
    accuracyScore: null,
    timelinessScore: null,
    attitudeScore: null,
  });
  const [text, setText] = useState({
    otherDissatisfaction: '',
    suggestions: '',
    notes: '',
    subject: '',
    description: '',
    reopenReason: '',
  });
  const form = useCallbackSubmit();
  const { fields, submit, setFields } = form;
  const contextParams = useContextParams(callback);
  const record = useGqlMutation(CallbackRecordMutation, { invalidates: CALLBACK_INVALIDATES });
  const unreachable = outcome === 'UNREACHABLE';
  /** The props of one of the script's text fields (the new complaint's errors come back under `newComplaint.`). */
  const textField = (key: keyof typeof text, id: string, label: string) => ({
    id: `record-${id}`,
    label,
    error: fields[key === 'subject' || key === 'description' ? `newComplaint.${key}` : key],
    value: text[key],
    onChange: (value: string) => setText((v) => ({ ...v, [key]: value })),
  });

  const onSubmit = async () => {
    if (!outcome) {
      setFields({ outcome: t('errors.required') });
      return;
    }
    const orNull = (v: string) => (v.trim() ? v.trim() : null);
    return submit(async () => {
      const result = await record.mutateAsync({
        id: callback.id,
        version: callback.version,
        input: {
          outcome,
          // Not reached: nobody gave scores, so none are sent.
          ...(unreachable
            ? {}
            : {
                accuracyScore: asScore(scores.accuracyScore),
                timelinessScore: asScore(scores.timelinessScore),
                attitudeScore: asScore(scores.attitudeScore),
              }),
          otherDissatisfaction: unreachable ? null : orNull(text.otherDissatisfaction),
          suggestions: unreachable ? null : orNull(text.suggestions),
          notes: orNull(text.notes),
          newComplaint:
            outcome === 'NEW_COMPLAINT' ? { subject: text.subject.trim(), description: text.description.trim() } : null,
          reopenReason: outcome === 'REOPENED' ? orNull(text.reopenReason) : null,
        },
      });
      onRecorded?.(result.recordCallback.resultingInteraction?.number ?? null);
    });
  };

  return (
    <CallbackFormDialog
      step="record"
      dialog={dialog}
      form={form}
      onSubmit={onSubmit}
      context={
        <>
          <p className="text-sm font-medium text-slate-800">
            {t('record.context', contextParams)}
            {callback.interaction && (
              <span className="ml-2 font-mono text-slate-600">{callback.interaction.number}</span>
            )}
          </p>
          <CalleeLine
            callee={callback.callee}
            className="block text-sm text-slate-800"
            withCompany
            testId="record-callee"
          />
          <p className="rounded bg-slate-50 px-3 py-2 text-xs text-slate-600">{t('record.script')}</p>
        </>
      }
    >
      <RadioChoice
        name="outcome"
        label={t('record.outcome')}
        layout="column"
        options={outcomesFor(callback).map((o) => ({
          value: o,
          label: t(`outcome.${o}`),
          hint: t(`outcomeHint.${o}`),
        }))}
        value={outcome}
        onChange={setOutcome}
        error={fields.outcome}
        testId="record-outcome"
      />

      {!unreachable && (
        <div className="space-y-3" data-testid="record-scores">
          {SCORES.map(({ field, label }) => (
            <RadioChoice
              key={field}
              name={field}
              label={t(`record.${label}`)}
              options={SCORE_VALUES.map((s) => ({ value: s, label: t('record.scoreOption', { score: s }) }))}
              value={scores[field]}
              onChange={(value) => setScores((v) => ({ ...v, [field]: value }))}
              error={fields[field]}
            />
          ))}
          <p className="text-xs text-slate-500">{t('record.scoreScale')}</p>
          <TextareaField
            {...textField('otherDissatisfaction', 'dissatisfaction', t('record.otherDissatisfaction'))}
            rows={2}
          />
          <TextareaField {...textField('suggestions', 'suggestions', t('record.suggestions'))} rows={2} />
        </div>
      )}

      {outcome === 'NEW_COMPLAINT' && (
        <div className="space-y-3 rounded border border-blue-200 bg-blue-50/40 p-3" data-testid="record-new-complaint">
          <TextField
            {...textField('subject', 'new-subject', t('record.newSubject'))}
            required
            maxLength={NEW_COMPLAINT_SUBJECT_MAX}
          />
          <TextareaField {...textField('description', 'new-description', t('record.newDescription'))} required />
        </div>
      )}
      {outcome === 'REOPENED' && (
        <TextareaField
          {...textField('reopenReason', 'reopen-reason', t('record.reopenReason'))}
          hint={t('record.reopenHint')}
          rows={2}
        />
      )}
      <TextareaField {...textField('notes', 'notes', t('record.notes'))} rows={2} testId="record-notes" />
    </CallbackFormDialog>
  );
}

// ───────────────────────────── fields of create and reassign ─────────────────────────────

/** A calendar day from a date input; the task is due by the end of that day where the viewer is. */
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The state of AssignmentFields: the day and assignee as picked, and both as the API takes them. */
function useAssignment() {
  const timeZone = useDisplayTimeZone();
  const [dueDate, setDueDate] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  return {
    dueDate,
    setDueDate,
    assigneeId,
    setAssigneeId,
    /** Due by the end of the chosen day where the viewer is; null until a whole day is picked. */
    dueAt: isDay(dueDate) ? endOfDayIn(dueDate, timeZone) : null,
    /** Null leaves the choice to the server (oneself when creating, the current assignee when reassigning). */
    assignee: assigneeId || null,
  };
}
type Assignment = ReturnType<typeof useAssignment>;

/**
 * When and by whom: the due day and the assignee (someone of the desk, from the assignees the server offers). Creating
 * needs the day and defaults the assignee to oneself; reassigning changes either and keeps what is left empty.
 */
function AssignmentFields({
  step,
  assignment,
  fields,
  enabled,
  except,
}: {
  step: 'create' | 'reassign';
  assignment: Assignment;
  fields: Record<string, string>;
  enabled: boolean;
  except?: string;
}) {
  const t = useTranslations('callbacks');
  const creating = step === 'create';
  const assignees = useGqlQuery(CallbackAssigneesQuery, {}, { enabled });
  const options = (assignees.data?.callbackAssignees ?? [])
    .filter((u) => u.id !== except)
    .map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }));
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        type="date"
        id={`${step}-callback-due`}
        label={t(`${step}.dueAt`)}
        required={creating}
        hint={creating ? undefined : t('reassign.dueHint')}
        error={fields.dueAt}
        value={assignment.dueDate}
        onChange={assignment.setDueDate}
        testId={`${step}-callback-due`}
      />
      <SelectField
        id={`${step}-callback-assignee`}
        label={t(`${step}.assignee`)}
        error={fields.assigneeId}
        value={assignment.assigneeId}
        onChange={assignment.setAssigneeId}
        options={[{ value: '', label: creating ? t('create.assigneeSelf') : t('reassign.keep') }, ...options]}
        testId={`${step}-callback-assignee`}
      />
    </div>
  );
}

// ───────────────────────────── create ─────────────────────────────

const CREATABLE: readonly CallbackReason[] = CREATABLE_REASONS;

/** "新建回访": a key-account or periodic callback for a customer, due on a day, assigned to someone of the desk. */
export function CreateCallbackDialog({
  initialCustomer = null,
  ...dialog
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
  initialCustomer?: PickedCustomer | null;
}) {
  const t = useTranslations('callbacks');
  const [customer, setCustomer] = useState<PickedCustomer | null>(initialCustomer);
  const [reason, setReason] = useState<CallbackReason | null>(null);
  const assignment = useAssignment();
  const [notes, setNotes] = useState('');
  const form = useCallbackSubmit();
  const { fields, submit, setFields } = form;
  const create = useGqlMutation(CallbackCreateMutation, { invalidates: CALLBACK_INVALIDATES });

  const onSubmit = async () => {
    const missing: Record<string, string> = {};
    if (!customer) missing.customerId = t('errors.required');
    if (!reason) missing.reason = t('errors.required');
    const { dueAt } = assignment;
    if (!dueAt) missing.dueAt = t('errors.required');
    if (!customer || !reason || !dueAt) {
      setFields(missing);
      return;
    }
    return submit(() =>
      create.mutateAsync({
        input: {
          customerId: customer.id,
          reason,
          dueAt,
          assigneeId: assignment.assignee,
          notes: notes.trim() || null,
        },
      }),
    );
  };

  return (
    <CallbackFormDialog step="create" dialog={dialog} form={form} onSubmit={onSubmit}>
      <CustomerPickerField
        id="create-callback-customer"
        label={t('create.customer')}
        required
        error={fields.customerId}
        value={customer}
        onChange={setCustomer}
      />
      <RadioChoice
        name="create-reason"
        label={t('create.reason')}
        options={CREATABLE.map((r) => ({ value: r, label: t(`reason.${r}`) }))}
        value={reason}
        onChange={setReason}
        error={fields.reason}
      />
      <AssignmentFields step="create" assignment={assignment} fields={fields} enabled={dialog.open} />
      <TextareaField
        id="create-callback-notes"
        label={t('create.notes')}
        error={fields.notes}
        value={notes}
        onChange={setNotes}
      />
    </CallbackFormDialog>
  );
}

// ───────────────────────────── reassign ─────────────────────────────

export function ReassignCallbackDialog(dialog: DialogProps) {
  const { open, callback } = dialog;
  const t = useTranslations('callbacks');
  const assignment = useAssignment();
  const form = useCallbackSubmit();
  const { fields, submit, setFields } = form;
  const contextParams = useContextParams(callback);
  const reassign = useGqlMutation(CallbackReassignMutation, { invalidates: CALLBACK_INVALIDATES });

  const onSubmit = async () => {
    const { dueAt, assignee } = assignment;
    if (!assignee && !dueAt) {
      setFields({ assigneeId: t('errors.required') });
      return;
    }
    return submit(() =>
      reassign.mutateAsync({
        id: callback.id,
        version: callback.version,
        assigneeId: assignee,
        dueAt,
      }),
    );
  };

  return (
    <CallbackFormDialog
      step="reassign"
      dialog={dialog}
      form={form}
      onSubmit={onSubmit}
      context={<p className="text-sm text-slate-700">{t('record.context', contextParams)}</p>}
    >
      <AssignmentFields
        step="reassign"
        assignment={assignment}
        fields={fields}
        enabled={open}
        except={callback.assignee?.id}
      />
    </CallbackFormDialog>
  );
}

// ───────────────────────────── cancel ─────────────────────────────

/** Cancelling needs a reason (it goes into the task's history); the reason field, not the red button, has the focus. */
export function CancelCallbackDialog(dialog: DialogProps) {
  const { callback } = dialog;
  const t = useTranslations('callbacks');
  const [reason, setReason] = useState('');
  const form = useCallbackSubmit();
  const { fields, conflict, submit, setFields } = form;
  const contextParams = useContextParams(callback);
  const cancel = useGqlMutation(CallbackCancelMutation, { invalidates: CALLBACK_INVALIDATES });
  const onSubmit = async () => {
    if (!reason.trim()) return setFields({ reason: t('errors.required') });
    return submit(() => cancel.mutateAsync({ id: callback.id, version: callback.version, reason: reason.trim() }));
  };
  return (
    <CallbackFormDialog
      step="cancel"
      dialog={dialog}
      form={form}
      tone="danger"
      canSubmit={!conflict}
      onSubmit={onSubmit}
      context={<p className="text-sm text-slate-700">{t('cancel.body', contextParams)}</p>}
    >
      <TextareaField
        id="cancel-callback-reason"
        label={t('cancel.reason')}
        required
        error={fields.reason}
        value={reason}
        onChange={setReason}
        maxLength={CANCEL_REASON_MAX}
        testId="cancel-callback-reason"
      />
    </CallbackFormDialog>
  );
}
