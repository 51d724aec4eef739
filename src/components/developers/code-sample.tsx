'use client';
import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/ui/copy-button';

/** A copy-paste example: its title, a copy button, and the code. */
export function CodeSample({ title, code, testId }: { title: string; code: string; testId?: string }) {
  const t = useTranslations('developers.examples');
  return (
    <div data-testid={testId}>
      <div className="mb-1 flex items-center justify-between gap-2">
        <span className="text-xs font-medium text-slate-700">{title}</span>
        <CopyButton text={code} label={t('copy')} copiedLabel={t('copied')} failedLabel={t('copyFailed')} />
      </div>
      <pre className="overflow-x-auto rounded bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">
        {code}
      </pre>
    </div>
  );
}
