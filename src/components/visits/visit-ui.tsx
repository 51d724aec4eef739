'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useId, useState } from 'react';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextField } from '@/components/ui/form-field';
import { SelectField, TextareaField } from '@/components/ui/form-controls';
import { Badge } from '@/components/ui/status';
import { useFormSubmit } from '@/components/ui/use-form-submit';
import { VISIT_INTERVAL_MAX, VISIT_INTERVAL_MIN, VISIT_LOG_KINDS, VISIT_TEXT_MAX } from '@/graphql/visits/visit.rules';
import { useGqlMutation } from '@/lib/data/gql-hooks';
import { currentErrorTranslator, errorKeyText } from '@/lib/error-text-core';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { GqlError } from '@/lib/graphql-client';
import { VisitLogMutation, VisitRegisterProblemMutation, VisitSetIntervalMutation } from './operations';

// Pieces shared by the visit screens: error words, badges, the work-log, problem and interval dialogs.

/** Every visit query starts with "Visit": a change refreshes them all, and the notifications. */
export const VISIT_INVALIDATES = ['Visit', 'Notification'] as const;

/** A CONFLICT of the visits module says what it is (read-only once submitted, already registered…), not just "stale". */
export function useVisitErrorMessage() {
  const t = useTranslations('visits.errors');
  return useCallback(
    (error: unknown) =>
      error instanceof GqlError && error.code === 'CONFLICT' && error.key?.startsWith('visit.')
        ? errorKeyText(currentErrorTranslator(), error.key, error.params, error.code) || t('conflict')
        : gqlErrorMessage(error, (kind) => t(kind)),
    [t],
  );
}

export function DueStateBadge({ state }: { state: string | null | undefined }) {
  const t = useTranslations('visits.dueState');
  if (!state) return <>—</>;
  const tone = state === 'OVERDUE' ? 'red' : state === 'DUE_TODAY' ? 'amber' : 'slate';
  return <Badge tone={tone}>{t(state)}</Badge>;
}

export function ItineraryStatusBadge({ status, late }: { status: string; late: boolean }) {
  const t = useTranslations('visits.status');
  const tone =
    status === 'APPROVED' ? 'green' : status === 'SUBMITTED' ? 'amber' : status === 'REJECTED' ? 'red' : 'slate';
  return (
    <span className="inline-flex flex-wrap gap-1" data-testid="itinerary-status">
      <Badge tone={tone}>{t(status)}</Badge>
      {late && <Badge tone="amber">{t('late')}</Badge>}
    </span>
  );
}

type Closer = { onClose: () => void; onDone: () => void };

/** 工作日志: a visit or contact with a customer, optionally against a plan line. */
export function LogVisitDialog({
  customer,
  itineraryItemId,
  onClose,
  onDone,
}: Closer & { customer: { id: string; name: string }; itineraryItemId?: string | null }) {
  const t = useTranslations('visits.log');
  const id = useId();
  const [kind, setKind] = useState<string>('VISIT');
  const [values, setValues] = useState({
    contactName: '',
    discussed: '',
    customerNeeds: '',
    problemsFound: '',
    followUp: '',
  });
  const form = useFormSubmit(useVisitErrorMessage());
  const log = useGqlMutation(VisitLogMutation, { invalidates: VISIT_INVALIDATES });
  const field = (name: keyof typeof values, required = false) => (
    <TextareaField
      id={`${id}-${name}`}
      label={t(name)}
      value={values[name]}
      onChange={(v) => setValues((s) => ({ ...s, [name]: v }))}
      maxLength={VISIT_TEXT_MAX}
      rows={2}
      required={required}
      error={form.fieldErrors[name]}
      testId={`visit-log-${name}`}
    />
  );
  return (
    <FormDialog
      open
      onClose={onClose}
      title={t('title', { customer: customer.name })}
      testId="visit-log-dialog"
      {...form.dialogProps(
        () =>
          log.mutateAsync({
            input: {
              customerId: customer.id,
              itineraryItemId: itineraryItemId ?? null,
              kind: kind as (typeof VISIT_LOG_KINDS)[number],
              contactName: values.contactName.trim() || null,
              discussed: values.discussed,
              customerNeeds: values.customerNeeds.trim() || null,
              problemsFound: values.problemsFound.trim() || null,
              followUp: values.followUp.trim() || null,
            },
          }),
        onDone,
      )}
      submitLabel={t('submit')}
      pendingLabel={t('pending')}
      submitTestId="visit-log-submit"
    >
      <SelectField
        id={`${id}-kind`}
        label={t('kind')}
        value={kind}
        onChange={setKind}
        options={VISIT_LOG_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        testId="visit-log-kind"
      />
      <TextField
        id={`${id}-contact`}
        label={t('contactName')}
        value={values.contactName}
        onChange={(v) => setValues((s) => ({ ...s, contactName: v }))}
        error={form.fieldErrors.contactName}
        testId="visit-log-contactName"
      />
      {field('discussed', true)}
      {field('customerNeeds')}
      {field('problemsFound')}
      {field('followUp')}
    </FormDialog>
  );
}

/** Turns the problem found on a visit into a complaint or an inquiry (intake), in one step. */
export function RegisterProblemDialog({
  log,
  onClose,
  onDone,
}: Closer & { log: { id: string; version: number; problemsFound?: string | null } }) {
  const t = useTranslations('visits.problem');
  const id = useId();
  const [type, setType] = useState('COMPLAINT');
  const [subject, setSubject] = useState('');
  const form = useFormSubmit(useVisitErrorMessage());
  const register = useGqlMutation(VisitRegisterProblemMutation, { invalidates: [...VISIT_INVALIDATES, 'Interaction'] });
  return (
    <FormDialog
      open
      onClose={onClose}
      title={t('title')}
      testId="visit-problem-dialog"
      {...form.dialogProps(
        () =>
          register.mutateAsync({
            id: log.id,
            version: log.version,
            input: { type: type as 'COMPLAINT' | 'INQUIRY', subject: subject.trim() || null },
          }),
        onDone,
      )}
      submitLabel={t('submit')}
      pendingLabel={t('pending')}
      submitTestId="visit-problem-submit"
    >
      <p className="text-sm text-slate-700">{log.problemsFound}</p>
      <SelectField
        id={`${id}-type`}
        label={t('type')}
        value={type}
        onChange={setType}
        options={(['COMPLAINT', 'INQUIRY'] as const).map((v) => ({ value: v, label: t(`types.${v}`) }))}
        testId="visit-problem-type"
      />
      <TextField
        id={`${id}-subject`}
        label={t('subject')}
        hint={t('subjectHint')}
        value={subject}
        onChange={setSubject}
        error={form.fieldErrors.subject}
        testId="visit-problem-subject"
      />
    </FormDialog>
  );
}

/** The service manager sets one customer's own visit interval (empty: the segment rule). */
export function IntervalDialog({
  cycle,
  onClose,
  onDone,
}: Closer & { cycle: { customIntervalDays?: number | null; customer?: { id: string; name: string } | null } }) {
  const t = useTranslations('visits.interval');
  const id = useId();
  const [days, setDays] = useState(cycle.customIntervalDays ? String(cycle.customIntervalDays) : '');
  const form = useFormSubmit(useVisitErrorMessage());
  const set = useGqlMutation(VisitSetIntervalMutation, { invalidates: VISIT_INVALIDATES });
  return (
    <FormDialog
      open
      onClose={onClose}
      title={t('title', { customer: cycle.customer?.name ?? '' })}
      testId="visit-interval-dialog"
      {...form.dialogProps(
        () => set.mutateAsync({ customerId: cycle.customer!.id, intervalDays: days.trim() ? Number(days) : null }),
        onDone,
      )}
      submitLabel={t('submit')}
      pendingLabel={t('pending')}
      submitTestId="visit-interval-submit"
    >
      <TextField
        id={`${id}-days`}
        type="number"
        min={VISIT_INTERVAL_MIN}
        max={VISIT_INTERVAL_MAX}
        label={t('days')}
        hint={t('hint')}
        value={days}
        onChange={setDays}
        error={form.fieldErrors.intervalDays}
        testId="visit-interval-days"
      />
    </FormDialog>
  );
}
