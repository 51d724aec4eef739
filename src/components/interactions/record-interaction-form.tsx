'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { CustomerPickerField, type PickedCustomer } from '@/components/admin/customer-picker';
import { useHydrated } from '@/components/ui/use-hydrated';
import { SelectField } from '@/components/ui/form-controls';
import type { InteractionType, StaffChannel } from '@/gql/graphql';
import { INTERACTION_TYPES } from '@/graphql/interactions/intake.rules';
import { useGqlMutation } from '@/lib/data/gql-hooks';
import { IntakeConsoleRecordMutation } from './console-operations';
import { intakeProblems } from './intake-validation';
import { IntakeErrorSummary, IntakeFormFooter, reportedInput, useIntakeForm } from './use-intake-form';

const CHANNELS: StaffChannel[] = ['PHONE', 'VISIT', 'EMAIL', 'LETTER_FAX'];
const EMPTY = {
  subject: '',
  description: '',
  desiredOutcome: '',
  productRef: '',
  orderRef: '',
  contactName: '',
  contactPhone: '',
  contactEmail: '',
};

/** 来电记录: staff register a phone call, visit, e-mail or letter/fax on a customer (SPEC §3 channels). */
export function RecordInteractionForm() {
  const t = useTranslations('intake');
  const router = useRouter();
  const [channel, setChannel] = useState<StaffChannel>('PHONE');
  const [type, setType] = useState<InteractionType>('COMPLAINT');
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const submission = useIntakeForm('record', EMPTY);
  const { values: text, field: input, errors, formError, busy } = submission;
  const record = useGqlMutation(IntakeConsoleRecordMutation, { invalidates: ['Intake'] });
  const ready = useHydrated();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    // Every missing or malformed field at once, before any file is sent; the server checks again.
    const problems = intakeProblems(text, { visitor: false, labelOf: (field) => t(`form.${field}`), t });
    if (!customer) problems.customerId = t('console.record.customerRequired');
    if (busy || submission.refuse(problems) || !customer) return;
    // The files go first, each through its own upload; the record names them by token.
    const result = await submission.submit(
      (attachments) =>
        record.mutateAsync({
          input: { channel, type, customerId: customer.id, ...reportedInput(text), attachments },
        }),
      { stayBusy: true },
    );
    if (result) router.push(`/console/interactions/${result.recordInteraction.id}`);
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      data-ready={ready}
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-5"
      data-testid="record-form"
    >
      <IntakeErrorSummary message={formError} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          id="record-channel"
          label={t('console.record.channel')}
          required
          value={channel}
          onChange={(value) => setChannel(value as StaffChannel)}
          options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <SelectField
          id="record-type"
          label={t('form.type')}
          required
          value={type}
          onChange={(value) => setType(value as InteractionType)}
          options={INTERACTION_TYPES.map((c) => ({ value: c, label: t(`type.${c}`) }))}
        />
        <CustomerPickerField
          id="record-customer"
          label={t('console.record.customer')}
          error={errors.customerId}
          required
          value={customer}
          onChange={(c) => {
            setCustomer(c);
            submission.clearError('customerId');
          }}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {input('contactName', t('form.contactName'))}
        {input('contactPhone', t('form.contactPhone'))}
        {input('contactEmail', t('form.contactEmail'))}
      </div>
      {input('subject', t('form.subject'), { required: true })}
      {input('description', t('form.description'), { required: true, rows: 5 })}
      <div className="grid gap-4 sm:grid-cols-3">
        {input('desiredOutcome', t('form.desiredOutcome'))}
        {input('productRef', t('form.productRef'))}
        {input('orderRef', t('form.orderRef'))}
      </div>
      <IntakeFormFooter submission={submission} submitLabel={t('console.record.submit')} />
    </form>
  );
}
