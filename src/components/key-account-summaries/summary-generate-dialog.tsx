'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextField } from '@/components/ui/form-field';
import { SelectField } from '@/components/ui/form-controls';
import { useFormSubmit } from '@/components/ui/use-form-submit';
import { normalisePeriodLabel, quarterOf } from '@/graphql/key-account-summaries/summary-period.rules';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { KeyAccountSummaryCustomersQuery, KeyAccountSummaryGenerateMutation } from './summary-operations';
import { SUMMARY_INVALIDATES, useSummaryErrorMessage } from './summary-ui';

/**
 * Generate a summary: an active key account and a period (the current quarter by default; the same period rules as the
 * server). On success the editor opens; a second summary of the same customer and period is refused by the server.
 */
export function SummaryGenerateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations('keyAccountSummaries.generateDialog');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const timeZone = useDisplayTimeZone();
  const [customerId, setCustomerId] = useState('');
  const [period, setPeriod] = useState(() => quarterOf(new Date(), timeZone));
  const customers = useGqlQuery(KeyAccountSummaryCustomersQuery, {}, { enabled: open });
  const generate = useGqlMutation(KeyAccountSummaryGenerateMutation, { invalidates: SUMMARY_INVALIDATES });
  const form = useFormSubmit(useSummaryErrorMessage());
  const options = customers.data?.keyAccountSummaryCustomers ?? [];
  const periodValid = normalisePeriodLabel(period) !== null;

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!periodValid) {
      form.setFieldErrors({ period: tErrors('keyAccountSummary.periodFormat') });
      return;
    }
    let id: string | null = null;
    const done = await form.submit(async () => {
      id = (await generate.mutateAsync({ input: { customerId, period } })).generateKeyAccountExchangeSummary.id;
    });
    if (done && id) router.push(`/console/key-accounts/summaries/${id}`);
  };

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={t('title')}
      testId="summary-generate-dialog"
      pending={form.pending}
      formError={form.formError}
      submitLabel={t('submit')}
      pendingLabel={t('pending')}
      submitTestId="summary-generate-submit"
      submitDisabled={!customerId}
      onSubmit={(e) => void onSubmit(e)}
    >
      <div className="space-y-4">
        <SelectField
          id="summary-customer"
          label={t('customer')}
          required
          hint={customers.data && options.length === 0 ? t('noCustomers') : undefined}
          error={form.fieldErrors.customerId}
          options={[{ value: '', label: t('chooseCustomer') }, ...options.map((c) => ({ value: c.id, label: c.name }))]}
          value={customerId}
          onChange={(v) => {
            setCustomerId(v);
            form.edited('customerId');
          }}
          testId="summary-customer"
        />
        <TextField
          id="summary-period"
          label={t('period')}
          required
          hint={t('periodHint')}
          error={form.fieldErrors.period}
          value={period}
          onChange={(v) => {
            setPeriod(v);
            form.edited('period');
          }}
          testId="summary-period"
        />
      </div>
    </FormDialog>
  );
}
