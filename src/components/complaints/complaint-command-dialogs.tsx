'use client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { ComplaintDirectoryQuery, SimpleWorkflowCommand } from '@/gql/graphql';
import { DataTable } from '@/components/ui/data-table';
import { FormDialog } from '@/components/ui/form-dialog';
import { SelectField, TextareaField } from '@/components/ui/form-controls';
import { TextField } from '@/components/ui/form-field';
import { useFormSubmit } from '@/components/ui/use-form-submit';
import { useGqlMutation } from '@/lib/data/gql-hooks';
import { formatDate } from '@/lib/format';
import { CAUSE_CLASSES, needs8D, SEVERITIES } from '@/graphql/complaints/complaint-workflow.rules';
import {
  ComplaintAdvanceMutation,
  ComplaintAnswerMutation,
  ComplaintDeclineMutation,
  ComplaintRespondMutation,
  ComplaintTriageMutation,
  ComplaintVerifyMutation,
} from './complaint-workbench.operations';
import { assignableStaff, staffLabel } from './complaint-operations';
import { useComplaintErrorMessage } from './complaint-ui';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

/**
 * Runs a mutation for a dialog: `perform` (from the workbench) takes CONFLICT itself (the banner "已被他人修改") and
 * says "已保存"; anything else comes back to the dialog as field errors or one line under the form.
 */
export type Perform = (mutation: () => Promise<unknown>) => Promise<'done' | 'conflict'>;

/**
 * What a workflow step changes: the complaint (its workbench, queues and counts), its callbacks (a resolution plans
 * one, a recording moves the complaint), the notifications it sends, and the dashboard and report that count them.
 */
export const COMPLAINT_STEP_INVALIDATES = ['Complaint', 'Callback', 'Notification', 'Dashboard', 'Report'] as const;

/** A workflow mutation that refreshes everything a step changes. */
export const useComplaintStep = <TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
) => useGqlMutation(document, { invalidates: COMPLAINT_STEP_INVALIDATES });

/** The workflow commands that ask for more than a confirmation. */
export type DialogCommand =
  'TRIAGE' | 'VERIFY' | 'CUSTOMER_FEEDBACK' | 'DECLINE' | 'ANSWER' | 'REJECT_PLAN' | 'REOPEN' | 'APPROVE' | 'CLOSE';

export type Values = Record<string, string>;
type Option = { value: string; label: string; testId?: string };

/** One field of a command's form; `name` is the server's field (its BAD_USER_INPUT key). */
export type Field = {
  name: string;
  label: string;
  control: 'select' | 'textarea' | 'radio' | 'checkbox' | 'date';
  /** The choices, or a function of what is filled in so far (owners of the chosen department first). */
  options?: readonly Option[] | ((values: Values) => readonly Option[]);
  required?: boolean;
  rows?: number;
  testId?: string;
  wide?: boolean;
  /** Shown only while this holds (the warranty outcome only for an effective verification). */
  shownIf?: (values: Values) => boolean;
  /** A line under the control saying what becomes of it (a verification note is shown to the customer). */
  hint?: string;
  /** A checkbox ticked and locked while this holds, saying why (8D for a major or crisis complaint). */
  forced?: (values: Values) => string | null;
};

/** A dialog of the workbench as data: its words, its fields with their first values, and the mutation it sends. */
export type ComplaintForm = {
  title: string;
  testId: string;
  submitLabel: string;
  pendingLabel: string;
  submitTestId: string;
  grid?: boolean;
  /** What the decision is about, above the fields (the plan being approved, the closure being confirmed). */
  intro?: React.ReactNode;
  initial: Values;
  fields: readonly Field[];
  send: (values: Values) => Promise<unknown>;
};

export type TriageInitial = {
  severity: string | null;
  causeClass: string | null;
  departmentId: string | null;
  ownerId: string | null;
  requires8D: boolean;
};

/** The corrective and preventive actions an approver decides on, as the workbench read them. */
export type PlanAction = {
  id: string;
  kind: string;
  description: string;
  owner: { name: string } | null;
  dueAt: string | null;
  status: string;
};

const AUTHORITIES = ['WITHIN_AUTHORITY', 'BEYOND_AUTHORITY'] as const;
const WARRANTY = ['REPAIR', 'REPLACE', 'REFUND'] as const;
const pick = <T extends string>(list: readonly T[], value: string | undefined): T | undefined =>
  list.find((item) => item === value);
const orNull = (value: string | undefined) => value?.trim() || null;
const YES = 'true';

/** Builds the form of each command; the mutations are the workbench's, sent with the version it read. */
function useCommandForm(
  command: DialogCommand,
  target: { id: string; version: number },
  directory: ComplaintDirectoryQuery | undefined,
  triage: TriageInitial,
  plan: readonly PlanAction[],
): ComplaintForm {
  const t = useTranslations('complaints');
  const timeZone = useDisplayTimeZone();
  const triageComplaint = useComplaintStep(ComplaintTriageMutation);
  const decline = useComplaintStep(ComplaintDeclineMutation);
  const answer = useComplaintStep(ComplaintAnswerMutation);
  const advance = useComplaintStep(ComplaintAdvanceMutation);
  const verify = useComplaintStep(ComplaintVerifyMutation);
  const respond = useComplaintStep(ComplaintRespondMutation);
  const { id, version } = target;
  const yesNo = (yes: string, no: string, testIds?: [string, string]): Option[] => [
    { value: YES, label: yes, testId: testIds?.[0] },
    { value: 'false', label: no, testId: testIds?.[1] },
  ];

  switch (command) {
    case 'TRIAGE': {
      const choose = { value: '', label: t('triage.choose') };
      const staff = assignableStaff(directory);
      return {
        title: t('triage.title'),
        testId: 'triage-dialog',
        submitLabel: t('triage.submit'),
        pendingLabel: t('triage.pending'),
        submitTestId: 'triage-submit',
        grid: true,
        initial: {
          severity: triage.severity ?? '',
          causeClass: triage.causeClass ?? '',
          triageResult: 'WITHIN_AUTHORITY',
          responsibleDepartmentId: triage.departmentId ?? '',
          ownerId: triage.ownerId ?? '',
          requires8D: String(triage.requires8D),
        },
        fields: [
          {
            name: 'severity',
            label: t('triage.severity'),
            control: 'select',
            required: true,
            testId: 'triage-severity',
            options: [choose, ...SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))],
          },
          {
            name: 'causeClass',
            label: t('triage.causeClass'),
            control: 'select',
            required: true,
            testId: 'triage-cause',
            options: [choose, ...CAUSE_CLASSES.map((c) => ({ value: c, label: t(`causeClass.${c}`) }))],
          },
          {
            name: 'triageResult',
            label: t('triage.authority'),
            control: 'select',
            required: true,
            testId: 'triage-authority',
            options: AUTHORITIES.map((a) => ({ value: a, label: t(`triageResult.${a}`) })),
          },
          {
            name: 'responsibleDepartmentId',
            label: t('triage.department'),
            control: 'select',
            required: true,
            testId: 'triage-department',
            options: [choose, ...(directory?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))],
          },
          {
            name: 'ownerId',
            label: t('triage.owner'),
            control: 'select',
            testId: 'triage-owner',
            wide: true,
            // People of the chosen department first, then everyone else (a handler may sit in another department).
            options: (v) => [
              { value: '', label: t('triage.ownerNone') },
              ...[
                ...staff.filter((u) => u.department?.id === v.responsibleDepartmentId),
                ...staff.filter((u) => u.department?.id !== v.responsibleDepartmentId),
              ].map((u) => ({
                value: u.id,
                label: `${staffLabel(u)} · ${u.email}`,
              })),
            ],
          },
          {
            name: 'requires8D',
            label: t('triage.requires8D'),
            control: 'checkbox',
            testId: 'triage-requires8d',
            forced: (v) =>
              needs8D({ severity: pick(SEVERITIES, v.severity) ?? null, requires8D: false })
                ? t('triage.requires8DForced')
                : null,
          },
        ],
        send: (v) =>
          triageComplaint.mutateAsync({
            id,
            version,
            input: {
              severity: pick(SEVERITIES, v.severity)!,
              causeClass: pick(CAUSE_CLASSES, v.causeClass)!,
              triageResult: pick(AUTHORITIES, v.triageResult)!,
              responsibleDepartmentId: v.responsibleDepartmentId!,
              ownerId: v.ownerId || null,
              requires8D:
                v.requires8D === YES || needs8D({ severity: pick(SEVERITIES, v.severity) ?? null, requires8D: false }),
            },
          }),
      };
    }
    case 'VERIFY':
      return {
        title: t('verify.title'),
        testId: 'verify-dialog',
        submitLabel: t('verify.submit'),
        pendingLabel: t('verify.pending'),
        submitTestId: 'verify-submit',
        initial: { effective: YES, comment: '', warrantyOutcome: '' },
        fields: [
          {
            name: 'effective',
            label: t('verify.effective'),
            control: 'radio',
            options: yesNo(t('verify.effectiveYes'), t('verify.effectiveNo'), [
              'verify-effective',
              'verify-not-effective',
            ]),
          },
          {
            name: 'comment',
            label: t('verify.comment'),
            control: 'textarea',
            rows: 3,
            hint: t('verify.commentShownToCustomer'),
          },
          {
            name: 'warrantyOutcome',
            label: t('verify.warranty'),
            control: 'select',
            options: [
              { value: '', label: t('warranty.none') },
              ...WARRANTY.map((w) => ({ value: w, label: t(`warranty.${w}`) })),
            ],
            shownIf: (v) => v.effective === YES,
          },
        ],
        send: (v) =>
          verify.mutateAsync({
            id,
            version,
            effective: v.effective === YES,
            comment: orNull(v.comment),
            warrantyOutcome: v.effective === YES ? (pick(WARRANTY, v.warrantyOutcome) ?? null) : null,
          }),
      };
    case 'APPROVE':
    case 'CLOSE': {
      // 审批意见 on the plan (核决权限), or quality's confirmation of the closure on today's date: both into the history.
      const approve = command === 'APPROVE';
      const open = plan.filter((a) => a.status !== 'CANCELLED');
      return {
        title: t(approve ? 'approve.title' : 'close.title'),
        testId: approve ? 'approve-dialog' : 'close-dialog',
        submitLabel: t(`command.${command}`),
        pendingLabel: t('confirm.pending'),
        submitTestId: approve ? 'approve-submit' : 'close-submit',
        intro: approve ? (
          <DataTable
            caption={t('approve.plan')}
            rows={open}
            rowKey={(a) => a.id}
            state={{ loading: false }}
            empty={t('approve.noPlan')}
            columns={[
              { id: 'kind', header: t('approve.kind'), cell: (a) => t(`actionKind.${a.kind}`) },
              { id: 'description', header: t('approve.description'), cell: (a) => a.description },
              { id: 'owner', header: t('approve.owner'), cell: (a) => a.owner?.name ?? '—' },
              {
                id: 'due',
                header: t('approve.due'),
                cell: (a) => (a.dueAt ? formatDate(a.dueAt, timeZone) : '—'),
                className: 'whitespace-nowrap',
              },
            ]}
          />
        ) : (
          <p className="text-sm text-slate-700" data-testid="close-date">
            {t('close.confirmedOn', { date: formatDate(new Date().toISOString(), timeZone) })}
          </p>
        ),
        initial: { comment: '' },
        fields: [
          {
            name: 'comment',
            label: t(approve ? 'approve.comment' : 'close.comment'),
            control: 'textarea',
            rows: 3,
            testId: approve ? 'approve-comment' : 'close-comment',
          },
        ],
        send: (v) => advance.mutateAsync({ id, version, command, comment: orNull(v.comment) }),
      };
    }
    case 'CUSTOMER_FEEDBACK':
      // An agent records, on the customer's behalf, whether the disposition is accepted.
      return {
        title: t('respond.title'),
        testId: 'respond-dialog',
        submitLabel: t('respond.submit'),
        pendingLabel: t('respond.pending'),
        submitTestId: 'respond-submit',
        initial: { accepted: YES, comment: '' },
        fields: [
          {
            name: 'accepted',
            label: t('respond.accepted'),
            control: 'radio',
            options: yesNo(t('respond.acceptedYes'), t('respond.acceptedNo')),
          },
          { name: 'comment', label: t('respond.comment'), control: 'textarea', rows: 3 },
        ],
        send: (v) => respond.mutateAsync({ id, version, accepted: v.accepted === YES, comment: orNull(v.comment) }),
      };
    default: {
      // One text and a submit: DECLINE (reason), ANSWER, REJECT_PLAN / REOPEN (comment required).
      const name = command === 'DECLINE' ? 'reason' : command === 'ANSWER' ? 'answer' : 'comment';
      const label =
        command === 'DECLINE'
          ? t('decline.reason')
          : command === 'ANSWER'
            ? t('answer.answer')
            : t('comment.requiredLabel');
      return {
        title: command === 'DECLINE' ? t('decline.title') : t('comment.title', { command: t(`command.${command}`) }),
        testId: 'command-dialog',
        submitLabel: command === 'DECLINE' ? t('decline.submit') : t('comment.submit'),
        pendingLabel: t('comment.pending'),
        submitTestId: 'command-submit',
        initial: { [name]: '' },
        fields: [{ name, label, control: 'textarea', rows: 4, required: true, testId: 'command-text' }],
        send: (v) => {
          const text = v[name]!.trim();
          if (command === 'DECLINE') return decline.mutateAsync({ id, version, reason: text });
          if (command === 'ANSWER') return answer.mutateAsync({ id, version, answer: text });
          const simple: SimpleWorkflowCommand = command;
          return advance.mutateAsync({ id, version, command: simple, comment: text || null });
        },
      };
    }
  }
}

/**
 * The dialog of every workflow command that asks for more than "are you sure": triage, decline, answer, reject the
 * plan, reopen, verify and the customer's feedback, each described by `useCommandForm`.
 */
export function CommandDialog({
  command,
  target,
  perform,
  onClose,
  directory,
  triage,
  plan,
}: {
  command: DialogCommand;
  target: { id: string; version: number };
  perform: Perform;
  onClose: () => void;
  directory: ComplaintDirectoryQuery | undefined;
  triage: TriageInitial;
  plan: readonly PlanAction[];
}) {
  const form = useCommandForm(command, target, directory, triage, plan);
  return <ComplaintFormDialog form={form} perform={perform} onClose={onClose} />;
}

/**
 * Draws a ComplaintForm: its fields in a FormDialog, the required ones checked before sending, the mutation run
 * through the workbench's `perform` (which takes a CONFLICT), the server's field errors under their fields.
 */
export function ComplaintFormDialog({
  form,
  perform,
  onClose,
}: {
  form: ComplaintForm;
  perform: Perform;
  onClose: () => void;
}) {
  const t = useTranslations('complaints');
  const { pending, formError, fieldErrors, setFieldErrors, edited, submit } = useFormSubmit(useComplaintErrorMessage());
  const [values, setValues] = useState<Values>(form.initial);
  const set = (name: string, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    edited(name);
  };
  const shown = form.fields.filter((field) => !field.shownIf || field.shownIf(values));

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing = Object.fromEntries(
      shown.filter((f) => f.required && !values[f.name]?.trim()).map((f) => [f.name, t('errors.required')]),
    );
    if (Object.keys(missing).length) return setFieldErrors(missing);
    if (await submit(() => perform(() => form.send(values)))) onClose();
  };

  const control = (field: Field) => {
    const value = values[field.name] ?? '';
    const options = typeof field.options === 'function' ? field.options(values) : (field.options ?? []);
    switch (field.control) {
      case 'checkbox': {
        const forced = field.forced?.(values) ?? null;
        return (
          <div key={field.name} className="sm:col-span-2">
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={forced !== null || value === YES}
                disabled={forced !== null}
                onChange={(e) => set(field.name, String(e.target.checked))}
                data-testid={field.testId}
              />
              {field.label}
            </label>
            {(forced ?? field.hint) && <p className="mt-1 text-xs text-slate-500">{forced ?? field.hint}</p>}
          </div>
        );
      }
      case 'radio':
        return (
          <fieldset key={field.name} className="sm:col-span-2">
            <legend className="mb-1 text-xs font-medium text-slate-700">{field.label}</legend>
            {options.map((option) => (
              <label key={option.value} className="mr-4 inline-flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={field.name}
                  checked={value === option.value}
                  onChange={() => set(field.name, option.value)}
                  data-testid={option.testId}
                />
                {option.label}
              </label>
            ))}
          </fieldset>
        );
      default: {
        const common = {
          id: field.testId ?? `${form.testId}-${field.name}`,
          label: field.label,
          required: field.required,
          error: fieldErrors[field.name],
          className: field.wide || !form.grid ? 'sm:col-span-2' : undefined,
          value,
          onChange: (next: string) => set(field.name, next),
          testId: field.testId,
          hint: field.hint,
        };
        if (field.control === 'date') return <TextField key={field.name} {...common} type="date" />;
        return field.control === 'textarea' ? (
          <TextareaField key={field.name} {...common} rows={field.rows} />
        ) : (
          <SelectField key={field.name} {...common} options={options} />
        );
      }
    }
  };

  return (
    <FormDialog
      open
      onClose={onClose}
      title={form.title}
      testId={form.testId}
      pending={pending}
      formError={formError}
      submitLabel={form.submitLabel}
      pendingLabel={form.pendingLabel}
      submitTestId={form.submitTestId}
      onSubmit={(event) => void onSubmit(event)}
    >
      {form.intro}
      <div className="grid gap-4 sm:grid-cols-2">{shown.map(control)}</div>
    </FormDialog>
  );
}
