'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { useGqlMutation } from '@/lib/data/gql-hooks';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { IntakeConsoleConvertMutation } from './console-operations';

/** 转为投诉: a consultation/inquiry/suggestion becomes a new linked complaint; the version guards double conversion. */
export function ConvertToComplaintButton({ id, version }: { id: string; version: number }) {
  const t = useTranslations('intake');
  const router = useRouter();
  const mutation = useGqlMutation(IntakeConsoleConvertMutation, { invalidates: ['Intake'] });
  const convert = useConfirmedAction<void>(
    async () => {
      const { convertToComplaint } = await mutation.mutateAsync({ id, version });
      router.push(`/console/interactions/${convertToComplaint.id}`);
    },
    () => ({
      title: t('console.detail.convert'),
      body: t('console.detail.convertConfirm'),
      confirmLabel: t('console.detail.convert'),
      pendingLabel: t('console.detail.converting'),
      tone: 'primary',
    }),
    (error) => gqlErrorMessage(error, (kind) => t(`errors.${kind}`)),
  );
  return (
    <>
      <Button
        kind="primary"
        onClick={() => convert.ask()}
        disabled={convert.pending}
        data-testid="convert-to-complaint"
      >
        {t('console.detail.convert')}
      </Button>
      {convert.dialog}
    </>
  );
}
