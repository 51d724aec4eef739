'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { TextareaField } from '@/components/ui/form-controls';
import { FormDialog } from '@/components/ui/form-dialog';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { CRITERIA_LIMITS } from '@/graphql/key-accounts/key-account.rules';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { KEY_ACCOUNTS_CHANGED, useKeyAccountsError } from './key-account-errors';
import { KeyAccountsCustomerFlagsQuery, KeyAccountsSetFlagsMutation, KeyAccountsViewerQuery } from './operations';

type Flags = {
  regionalLandmark: boolean;
  regionalLandmarkReason: string;
  strategicPotential: boolean;
  strategicPotentialReason: string;
};

/**
 * The customer page's "重要客户标记" button (keyaccounts:write): sets or clears the regional-landmark and
 * strategic-potential flags (001 第五章 6.2.2–6.2.3), each with its reason, which the nightly proposal reads.
 */
export function KeyAccountFlagsButton({ customerId }: { customerId: string }) {
  const t = useTranslations('keyAccounts.flags');
  const viewer = useGqlQuery(KeyAccountsViewerQuery);
  const [open, setOpen] = useState(false);
  if (!viewer.data?.viewer?.permissions.includes('keyaccounts:write')) return null;
  return (
    <>
      <Button kind="secondary" onClick={() => setOpen(true)} data-testid="key-account-flags-open">
        {t('open')}
      </Button>
      {open && <FlagsDialog customerId={customerId} onClose={() => setOpen(false)} />}
    </>
  );
}

function FlagsDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const current = useGqlQuery(KeyAccountsCustomerFlagsQuery, { id: customerId });
  const customer = current.data?.customer;
  if (!customer?.keyAccountFlags) return null;
  const f = customer.keyAccountFlags;
  return (
    <FlagsForm
      customerId={customerId}
      version={customer.version}
      initial={{
        regionalLandmark: f.regionalLandmark,
        regionalLandmarkReason: f.regionalLandmarkReason ?? '',
        strategicPotential: f.strategicPotential,
        strategicPotentialReason: f.strategicPotentialReason ?? '',
      }}
      onClose={onClose}
    />
  );
}

function FlagsForm({
  customerId,
  version,
  initial,
  onClose,
}: {
  customerId: string;
  version: number;
  initial: Flags;
  onClose: () => void;
}) {
  const t = useTranslations('keyAccounts');
  const errorMessage = useKeyAccountsError();
  const save = useGqlMutation(KeyAccountsSetFlagsMutation, { invalidates: KEY_ACCOUNTS_CHANGED });
  const form = useDialogForm({
    initial,
    fields: ['regionalLandmarkReason', 'strategicPotentialReason'],
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (v.regionalLandmark && !v.regionalLandmarkReason.trim()) errors.regionalLandmarkReason = t('reasonRequired');
      if (v.strategicPotential && !v.strategicPotentialReason.trim())
        errors.strategicPotentialReason = t('reasonRequired');
      return errors;
    },
    submit: (v) =>
      save.mutateAsync({
        customerId,
        version,
        input: {
          regionalLandmark: v.regionalLandmark,
          regionalLandmarkReason: v.regionalLandmark ? v.regionalLandmarkReason.trim() : null,
          strategicPotential: v.strategicPotential,
          strategicPotentialReason: v.strategicPotential ? v.strategicPotentialReason.trim() : null,
        },
      }),
    onDone: onClose,
    errorMessage,
  });
  const { values, set } = form;
  return (
    <FormDialog
      open
      onClose={onClose}
      title={t('flags.title')}
      testId="key-account-flags-dialog"
      {...form.dialogProps}
      submitLabel={t('flags.save')}
      pendingLabel={t('flags.saving')}
      submitTestId="key-account-flags-save"
    >
      <p className="text-sm text-slate-600">{t('flags.hint')}</p>
      {(['regionalLandmark', 'strategicPotential'] as const).map((flag) => (
        <div key={flag} className="space-y-2">
          <CheckboxField
            id={`key-account-flag-${flag}`}
            label={t(`flags.${flag}`)}
            checked={values[flag]}
            onChange={(checked) => set(flag, checked, `${flag}Reason`)}
            testId={`key-account-flag-${flag}`}
          />
          {values[flag] && (
            <TextareaField
              {...form.field(`${flag}Reason`)}
              label={t('flags.reason')}
              required
              rows={2}
              maxLength={CRITERIA_LIMITS.reasonMaxLength}
              testId={`key-account-flag-${flag}-reason`}
            />
          )}
        </div>
      ))}
    </FormDialog>
  );
}
