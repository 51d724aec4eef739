'use client';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { buttonClass } from '@/components/ui/classes';
import { FormField } from '@/components/ui/form-field';
import { ATTACHMENT_ACCEPT, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '@/graphql/interactions/intake.rules';
import { addPickedFiles, formatFileSize } from './intake-files';
import { UploadProgress } from './upload-progress';

/**
 * The files of an intake form, chosen with a button in the page's language (the browser's own file input, with its
 * "Choose files / No file chosen" in the browser's language, stays for the keyboard and screen readers only) and
 * listed with name, size, upload progress and a remove button. Checked against the server's limits as they are picked.
 */
export function AttachmentPicker({
  id,
  files,
  onChange,
  error,
  onError,
  disabled,
  progress,
  errorTestId,
  listTestId,
}: {
  id: string;
  files: readonly File[];
  onChange: (files: File[]) => void;
  error?: string;
  /** A picked file refused (its message), or null when the pick went through. */
  onError: (message: string | null) => void;
  disabled?: boolean;
  progress: ReadonlyMap<File, number>;
  errorTestId?: string;
  listTestId?: string;
}) {
  const t = useTranslations('intake');
  const full = files.length >= MAX_ATTACHMENTS;
  const limits = { max: MAX_ATTACHMENTS, mb: MAX_ATTACHMENT_BYTES / (1024 * 1024) };

  function pick(event: React.ChangeEvent<HTMLInputElement>) {
    const picked = Array.from(event.target.files ?? []);
    event.target.value = '';
    const next = addPickedFiles(files, picked);
    if (!Array.isArray(next)) {
      onError(
        next.kind === 'tooMany'
          ? t('form.tooManyFiles', limits)
          : next.kind === 'tooLarge'
            ? t('form.fileTooLarge', { ...limits, name: next.name })
            : t('form.fileType', { name: next.name }),
      );
      return;
    }
    onError(null);
    onChange(next);
  }

  return (
    <div>
      <FormField
        id={id}
        label={t('form.attachments')}
        hint={t('form.attachmentsHint', limits)}
        error={error}
        errorTestId={errorTestId}
      >
        {(props) => (
          <div className="flex flex-wrap items-center gap-3">
            <input
              {...props}
              type="file"
              multiple
              accept={ATTACHMENT_ACCEPT}
              onChange={pick}
              className="peer sr-only"
              disabled={disabled || full}
            />
            <label
              htmlFor={id}
              className={`${buttonClass.secondary} cursor-pointer peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-700 peer-disabled:cursor-not-allowed peer-disabled:opacity-60`}
            >
              {t('form.chooseFiles')}
            </label>
            <span className="text-sm text-slate-600">
              {files.length === 0
                ? t('form.noFiles')
                : t('form.filesChosen', { count: files.length, max: MAX_ATTACHMENTS })}
            </span>
          </div>
        )}
      </FormField>
      {files.length > 0 && (
        <ul
          className="mt-2 divide-y divide-slate-100 rounded border border-slate-200 bg-white text-sm"
          data-testid={listTestId}
        >
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`} className="flex flex-wrap items-center gap-3 px-3 py-2">
              <span className="min-w-0 break-all font-medium text-slate-800">{file.name}</span>
              <span className="text-xs text-slate-600">{formatFileSize(file.size)}</span>
              <UploadProgress fraction={progress.get(file)} />
              <Button
                kind="dangerGhost"
                className="ml-auto"
                disabled={disabled}
                aria-label={t('form.removeFileNamed', { name: file.name })}
                onClick={() => onChange(files.filter((_, i) => i !== index))}
              >
                {t('form.removeFile')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
