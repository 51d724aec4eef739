'use client';
import { useTranslations } from 'next-intl';
import { SelectField, TextareaField } from '@/components/ui/form-controls';
import { FormDialog } from '@/components/ui/form-dialog';
import { CRITERIA_LIMITS } from '@/graphql/key-accounts/key-account.rules';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { KEY_ACCOUNTS_CHANGED, useKeyAccountsError } from './key-account-errors';
import { KeyAccountsApproveMutation, KeyAccountsOwnerCandidatesQuery, KeyAccountsRejectMutation } from './operations';

export type DecidedNomination = {
  id: string;
  version: number;
  kind: 'NOMINATION' | 'DOWNGRADE';
  customer?: { name: string } | null;
};

/**
 * Approve or reject a nomination (keyaccounts:decide): a reason always; approving a nomination also names the
 * one-to-one owner (001 第五章 7.5). A decision someone else made meanwhile comes back as CONFLICT.
 */
export function DecideDialog({
  nomination,
  decision,
  onClose,
}: {
  nomination: DecidedNomination;
  decision: 'APPROVE' | 'REJECT';
  onClose: () => void;
}) {
  const t = useTranslations('keyAccounts');
  const errorMessage = useKeyAccountsError();
  const needsOwner = decision === 'APPROVE' && nomination.kind === 'NOMINATION';
  const owners = useGqlQuery(KeyAccountsOwnerCandidatesQuery, {}, { enabled: needsOwner });
  const approve = useGqlMutation(KeyAccountsApproveMutation, { invalidates: KEY_ACCOUNTS_CHANGED });
  const reject = useGqlMutation(KeyAccountsRejectMutation, { invalidates: KEY_ACCOUNTS_CHANGED });
  const form = useDialogForm({
    initial: { reason: '', ownerId: '' },
    fields: ['reason', 'ownerId'],
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.reason.trim()) errors.reason = t('reasonRequired');
      if (needsOwner && !v.ownerId) errors.ownerId = t('ownerRequired');
      return errors;
    },
    submit: async (v): Promise<void> => {
      const common = { id: nomination.id, version: nomination.version, reason: v.reason.trim() };
      if (decision === 'APPROVE') await approve.mutateAsync({ ...common, ownerId: needsOwner ? v.ownerId : null });
      else await reject.mutateAsync(common);
    },
    onDone: onClose,
    errorMessage,
  });
  const name = nomination.customer?.name ?? '';
  const label = decision === 'APPROVE' ? t('approve') : t('reject');
  return (
    <FormDialog
      open
      onClose={onClose}
      title={decision === 'APPROVE' ? t('approveTitle', { name }) : t('rejectTitle', { name })}
      testId="key-account-decide-dialog"
      {...form.dialogProps}
      submitLabel={label}
      pendingLabel={t('submitting')}
      submitTestId="key-account-decide-submit"
      tone={decision === 'REJECT' ? 'danger' : 'primary'}
      submitDisabled={needsOwner && !owners.data}
    >
      {nomination.kind === 'DOWNGRADE' && (
        <p className="text-sm text-slate-600">
          {decision === 'APPROVE' ? t('approveDowngradeHint') : t('rejectDowngradeHint')}
        </p>
      )}
      {needsOwner && (
        <SelectField
          {...form.field('ownerId')}
          label={t('owner')}
          required
          testId="key-account-owner"
          options={[
            { value: '', label: t('ownerPlaceholder') },
            ...(owners.data?.keyAccountOwnerCandidates ?? []).map((u) => ({ value: u.id, label: u.name })),
          ]}
        />
      )}
      <TextareaField
        {...form.field('reason')}
        label={t('reason')}
        required
        maxLength={CRITERIA_LIMITS.reasonMaxLength}
        testId="key-account-reason"
      />
    </FormDialog>
  );
}
