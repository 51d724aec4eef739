'use client';
import { useTranslations } from 'next-intl';

/** A file's upload as it goes — a bar with its percentage, then "uploaded" once the server took it; nothing before. */
export function UploadProgress({ fraction }: { fraction: number | undefined }) {
  const t = useTranslations('intake');
  if (fraction === undefined) return null;
  if (fraction >= 1) return <span className="text-xs text-green-700">{t('form.uploaded')}</span>;
  const percent = Math.floor(fraction * 100);
  const label = t('form.uploadProgress', { percent });
  return (
    <span className="flex items-center gap-1 text-xs text-slate-500">
      <progress max={100} value={percent} className="h-1.5 w-20" aria-label={label} />
      <span aria-hidden>{label}</span>
    </span>
  );
}
