'use client';
import { useTranslations } from 'next-intl';
import { formatFileSize } from './intake-files';

export type AttachmentItem = { id: string; fileName: string; sizeBytes: number; downloadUrl: string };

/** The files of an interaction, each an authorised download link with its size (console and portal alike). */
export function AttachmentList({ attachments }: { attachments: readonly AttachmentItem[] }) {
  const t = useTranslations('intake');
  return (
    <>
      <h2 className="mt-6 mb-2 text-sm font-semibold">{t('detail.attachments')}</h2>
      {attachments.length === 0 ? (
        <p className="text-sm text-slate-600">{t('detail.noAttachments')}</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {attachments.map((a) => (
            <li key={a.id}>
              <a className="text-blue-700 hover:underline" href={a.downloadUrl}>
                {a.fileName}
              </a>
              <span className="ml-2 text-xs text-slate-600">{formatFileSize(a.sizeBytes)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
