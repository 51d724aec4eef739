'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type {
  CauseClass,
  ComplaintDirectoryQuery,
  Severity,
  SimpleWorkflowCommand,
  TriageResult,
  WarrantyOutcome,
} from '@/gql/graphql';
import { inputClass } from '@/components/ui/classes';
import { FormDialog } from '@/components/ui/form-dialog';
import { FormField } from '@/components/ui/form-field';
import { fieldErrorsOf } from '@/lib/gql-error-message';
import { gqlRequest } from '@/lib/graphql-client';
import {
  ComplaintAdvanceMutation,
  ComplaintAnswerMutation,
  ComplaintDeclineMutation,
  ComplaintRespondMutation,
  ComplaintTriageMutation,
  ComplaintVerifyMutation,
} from './complaint-operations';
import { useComplaintErrorMessage } from './complaint-ui';

/**
 * Runs a mutation for a dialog: `perform` (from the workbench) reloads on success and takes CONFLICT itself (the
 * banner "已被他人修改"); anything else comes back here as field errors or one line under the form.
 */
export type Perform = (mutation: () => Promise<unknown>) => Promise<'done' | 'conflict'>;

function useDialogSubmit(perform: Perform, onClose: () => void) {
  const errorMessage = useComplaintErrorMessage();
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const submit = async (mutation: () => Promise<unknown>) => {
    setPending(true);
    setFormError(null);
    setFields({});
    try {
      await perform(mutation);
      onClose();
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      setFields(fieldErrors);
      setFormError(Object.keys(fieldErrors).length ? null : errorMessage(error));
    } finally {
      setPending(false);
    }
  };
  return { pending, formError, fields, setFields, submit };
}

type Target = { id: string; version: number };
type DialogProps = { open: boolean; onClose: () => void; target: Target; perform: Perform };

const SEVERITIES: Severity[] = ['GENERAL', 'MAJOR', 'CRISIS'];
const CAUSES: CauseClass[] = ['QUALITY', 'NON_QUALITY'];
const AUTHORITIES: TriageResult[] = ['WITHIN_AUTHORITY', 'BEYOND_AUTHORITY'];
const WARRANTY: WarrantyOutcome[] = ['REPAIR', 'REPLACE', 'REFUND'];

export function TriageDialog({
  open,
  onClose,
  target,
  perform,
  directory,
  initial,
}: DialogProps & {
  directory: ComplaintDirectoryQuery | undefined;
  initial: {
    severity: Severity | null;
    causeClass: CauseClass | null;
    departmentId: string | null;
    ownerId: string | null;
    requires8D: boolean;
  };
}) {
  const t = useTranslations('complaints');
  const { pending, formError, fields, setFields, submit } = useDialogSubmit(perform, onClose);
  const [severity, setSeverity] = useState<string>(initial.severity ?? '');
  const [causeClass, setCauseClass] = useState<string>(initial.causeClass ?? '');
  const [authority, setAuthority] = useState<string>('WITHIN_AUTHORITY');
  const [departmentId, setDepartmentId] = useState(initial.departmentId ?? '');
  const [ownerId, setOwnerId] = useState(initial.ownerId ?? '');
  const [requires8D, setRequires8D] = useState(initial.requires8D);

  const staff = (directory?.users ?? []).filter((u) => u.active && u.role !== 'CUSTOMER');
  // People of the chosen department first, then everyone else (a handler may sit in another department).
  const owners = [
    ...staff.filter((u) => u.department?.id === departmentId),
    ...staff.filter((u) => u.department?.id !== departmentId),
  ];

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const sev = SEVERITIES.find((s) => s === severity);
    const cause = CAUSES.find((c) => c === causeClass);
    const result = AUTHORITIES.find((a) => a === authority);
    const missing: Record<string, string> = {};
    if (!sev) missing.severity = t('errors.required');
    if (!cause) missing.causeClass = t('errors.required');
    if (!departmentId) missing.responsibleDepartmentId = t('errors.required');
    if (!sev || !cause || !result || !departmentId) {
      setFields(missing);
      return;
    }
    void submit(() =>
      gqlRequest(ComplaintTriageMutation, {
        id: target.id,
        version: target.version,
        input: {
          severity: sev,
          causeClass: cause,
          triageResult: result,
          responsibleDepartmentId: departmentId,
          ownerId: ownerId || null,
          requires8D,
        },
      }),
    );
  };

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={t('triage.title')}
      testId="triage-dialog"
      pending={pending}
      formError={formError}
      submitLabel={t('triage.submit')}
      pendingLabel={t('triage.pending')}
      submitTestId="triage-submit"
      onSubmit={onSubmit}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="triage-severity" label={t('triage.severity')} required error={fields.severity}>
          {(p) => (
            <select
              {...p}
              className={inputClass}
              value={severity}
              onChange={(e) => setSeverity(e.target.value)}
              data-testid="triage-severity"
            >
              <option value="">{t('triage.choose')}</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`severity.${s}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="triage-cause" label={t('triage.causeClass')} required error={fields.causeClass}>
          {(p) => (
            <select
              {...p}
              className={inputClass}
              value={causeClass}
              onChange={(e) => setCauseClass(e.target.value)}
              data-testid="triage-cause"
            >
              <option value="">{t('triage.choose')}</option>
              {CAUSES.map((c) => (
                <option key={c} value={c}>
                  {t(`causeClass.${c}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="triage-authority" label={t('triage.authority')} required error={fields.triageResult}>
          {(p) => (
            <select
              {...p}
              className={inputClass}
              value={authority}
              onChange={(e) => setAuthority(e.target.value)}
              data-testid="triage-authority"
            >
              {AUTHORITIES.map((a) => (
                <option key={a} value={a}>
                  {t(`triageResult.${a}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id="triage-department"
          label={t('triage.department')}
          required
          error={fields.responsibleDepartmentId}
        >
          {(p) => (
            <select
              {...p}
              className={inputClass}
              value={departmentId}
              onChange={(e) => setDepartmentId(e.target.value)}
              data-testid="triage-department"
            >
              <option value="">{t('triage.choose')}</option>
              {(directory?.departments ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="triage-owner" label={t('triage.owner')} error={fields.ownerId} className="sm:col-span-2">
          {(p) => (
            <select
              {...p}
              className={inputClass}
              value={ownerId}
              onChange={(e) => setOwnerId(e.target.value)}
              data-testid="triage-owner"
            >
              <option value="">{t('triage.ownerNone')}</option>
              {owners.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                  {u.department ? `（${u.department.name}）` : ''} · {u.email}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={requires8D}
          onChange={(e) => setRequires8D(e.target.checked)}
          data-testid="triage-requires8d"
        />
        {t('triage.requires8D')}
      </label>
    </FormDialog>
  );
}

/** One text field and a submit: DECLINE (reason), REJECT_PLAN / REOPEN (comment required), ANSWER. */
export function TextCommandDialog({
  open,
  onClose,
  target,
  perform,
  command,
}: DialogProps & { command: 'DECLINE' | 'ANSWER' | SimpleWorkflowCommand }) {
  const t = useTranslations('complaints');
  const { pending, formError, fields, setFields, submit } = useDialogSubmit(perform, onClose);
  const [text, setText] = useState('');
  const required = command === 'DECLINE' || command === 'ANSWER' || command === 'REJECT_PLAN' || command === 'REOPEN';
  const fieldName = command === 'DECLINE' ? 'reason' : command === 'ANSWER' ? 'answer' : 'comment';
  const label =
    command === 'DECLINE'
      ? t('decline.reason')
      : command === 'ANSWER'
        ? t('answer.answer')
        : required
          ? t('comment.requiredLabel')
          : t('comment.label');
  const title = command === 'DECLINE' ? t('decline.title') : t('comment.title', { command: t(`command.${command}`) });

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = text.trim();
    if (required && !value) {
      setFields({ [fieldName]: t('errors.required') });
      return;
    }
    void submit(() => {
      if (command === 'DECLINE')
        return gqlRequest(ComplaintDeclineMutation, { id: target.id, version: target.version, reason: value });
      if (command === 'ANSWER')
        return gqlRequest(ComplaintAnswerMutation, { id: target.id, version: target.version, answer: value });
      return gqlRequest(ComplaintAdvanceMutation, {
        id: target.id,
        version: target.version,
        command,
        comment: value || null,
      });
    });
  };

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={title}
      testId="command-dialog"
      pending={pending}
      formError={formError}
      submitLabel={command === 'DECLINE' ? t('decline.submit') : t('comment.submit')}
      pendingLabel={t('comment.pending')}
      submitTestId="command-submit"
      onSubmit={onSubmit}
    >
      <FormField id="command-text" label={label} required={required} error={fields[fieldName] ?? fields.comment}>
        {(p) => (
          <textarea
            {...p}
            rows={4}
            className={inputClass}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="command-text"
          />
        )}
      </FormField>
    </FormDialog>
  );
}

export function VerifyDialog({ open, onClose, target, perform }: DialogProps) {
  const t = useTranslations('complaints');
  const { pending, formError, fields, submit } = useDialogSubmit(perform, onClose);
  const [effective, setEffective] = useState(true);
  const [comment, setComment] = useState('');
  const [warranty, setWarranty] = useState('');

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const warrantyOutcome = effective ? (WARRANTY.find((w) => w === warranty) ?? null) : null;
    void submit(() =>
      gqlRequest(ComplaintVerifyMutation, {
        id: target.id,
        version: target.version,
        effective,
        comment: comment.trim() || null,
        warrantyOutcome,
      }),
    );
  };

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={t('verify.title')}
      testId="verify-dialog"
      pending={pending}
      formError={formError}
      submitLabel={t('verify.submit')}
      pendingLabel={t('verify.pending')}
      submitTestId="verify-submit"
      onSubmit={onSubmit}
    >
      <fieldset>
        <legend className="mb-1 text-xs font-medium text-slate-700">{t('verify.effective')}</legend>
        <label className="mr-4 inline-flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="effective"
            checked={effective}
            onChange={() => setEffective(true)}
            data-testid="verify-effective"
          />
          {t('verify.effectiveYes')}
        </label>
        <label className="inline-flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="effective"
            checked={!effective}
            onChange={() => setEffective(false)}
            data-testid="verify-not-effective"
          />
          {t('verify.effectiveNo')}
        </label>
      </fieldset>
      <FormField id="verify-comment" label={t('verify.comment')} error={fields.comment}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            className={inputClass}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        )}
      </FormField>
      {effective && (
        <FormField id="verify-warranty" label={t('verify.warranty')} error={fields.warrantyOutcome}>
          {(p) => (
            <select {...p} className={inputClass} value={warranty} onChange={(e) => setWarranty(e.target.value)}>
              <option value="">{t('warranty.none')}</option>
              {WARRANTY.map((w) => (
                <option key={w} value={w}>
                  {t(`warranty.${w}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
    </FormDialog>
  );
}

/** CUSTOMER_FEEDBACK: an agent records, on the customer's behalf, whether the disposition is accepted. */
export function RespondDialog({ open, onClose, target, perform }: DialogProps) {
  const t = useTranslations('complaints');
  const { pending, formError, fields, submit } = useDialogSubmit(perform, onClose);
  const [accepted, setAccepted] = useState(true);
  const [comment, setComment] = useState('');
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit(() =>
      gqlRequest(ComplaintRespondMutation, {
        id: target.id,
        version: target.version,
        accepted,
        comment: comment.trim() || null,
      }),
    );
  };
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={t('respond.title')}
      testId="respond-dialog"
      pending={pending}
      formError={formError}
      submitLabel={t('respond.submit')}
      pendingLabel={t('respond.pending')}
      submitTestId="respond-submit"
      onSubmit={onSubmit}
    >
      <fieldset>
        <legend className="mb-1 text-xs font-medium text-slate-700">{t('respond.accepted')}</legend>
        <label className="mr-4 inline-flex items-center gap-2 text-sm">
          <input type="radio" name="accepted" checked={accepted} onChange={() => setAccepted(true)} />
          {t('respond.acceptedYes')}
        </label>
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="radio" name="accepted" checked={!accepted} onChange={() => setAccepted(false)} />
          {t('respond.acceptedNo')}
        </label>
      </fieldset>
      <FormField id="respond-comment" label={t('respond.comment')} error={fields.comment}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            className={inputClass}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        )}
      </FormField>
    </FormDialog>
  );
}
