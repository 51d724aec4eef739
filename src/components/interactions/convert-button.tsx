'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useGqlMutation } from '@/lib/data/gql-hooks';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { IntakeConsoleConvertMutation } from './console-operations';

/** 转为投诉: a consultation/inquiry/suggestion becomes a new linked complaint; the version guards double conversion. */
export function ConvertToComplaintButton({ id, version }: { id: string; version: number }) {
  const t = useTranslations('intake');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mutation = useGqlMutation(IntakeConsoleConvertMutation, { invalidates: ['Intake'] });
  async function convert() {
    if (!window.confirm(t('console.detail.convertConfirm'))) return;
    setBusy(true);
    setError(null);
    try {
      const { convertToComplaint } = await mutation.mutateAsync({ id, version });
      router.push(`/console/interactions/${convertToComplaint.id}`);
    } catch (e) {
      setError(gqlErrorMessage(e, (kind) => t(`errors.${kind}`)));
      setBusy(false);
    }
  }
  return (
    <div className="flex flex-col items-end gap-1">
      <Button kind="primary" onClick={convert} disabled={busy} data-testid="convert-to-complaint">
        {t('console.detail.convert')}
      </Button>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
