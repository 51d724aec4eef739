'use client';
import { useTranslations } from 'next-intl';
import { forwardRef, useEffect, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/classes';
import { fieldErrorsOf, gqlErrorMessage } from '@/lib/gql-error-message';
import { AttachmentPicker } from './attachment-picker';
import { UploadError, uploadErrorMessage, useFileUploads } from './intake-files';

export type IntakeAttachments = { uploadToken: string }[];

/**
 * What both intake forms (the portal's and /submit's lodge form, the console's 来电记录) do around a submission: the
 * problems found before sending, the files uploaded first, then the mutation; a refusal mapped onto the fields (an
 * upload's on `attachments`), anything else as one line in the summary, which takes the focus so it is read out.
 */
export function useIntakeSubmission() {
  const t = useTranslations('intake');
  const uploads = useFileUploads();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<false | 'uploading' | 'submitting'>(false);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (formError) summaryRef.current?.focus();
  }, [formError]);

  const clearError = (field: string) => setErrors(({ [field]: _cleared, ...rest }) => rest);
  const setFileError = (message: string | null) =>
    setErrors(({ attachments: _cleared, ...rest }) => (message ? { ...rest, attachments: message } : rest));

  /** Shows every problem found before sending (a file already refused stays marked); true when there were some. */
  function refuse(problems: Record<string, string>): boolean {
    if (!Object.keys(problems).length) return false;
    setErrors(({ attachments }) => (attachments ? { ...problems, attachments } : problems));
    setFormError(t('form.errorSummary'));
    return true;
  }

  /**
   * Uploads `files`, then runs `send` with their tokens. Resolves with its result, or null when it failed (the form
   * then shows why). `stayBusy` keeps the form disabled after success (it is about to navigate away).
   */
  async function submit<T>(
    files: readonly File[],
    send: (attachments: IntakeAttachments) => Promise<T>,
    { stayBusy = false } = {},
  ): Promise<T | null> {
    if (busy) return null;
    setFormError(null);
    try {
      setBusy('uploading');
      const attachments = await uploads.uploadAll(files);
      setBusy('submitting');
      const result = await send(attachments);
      if (!stayBusy) setBusy(false);
      return result;
    } catch (error) {
      setBusy(false);
      if (error instanceof UploadError) {
        setFileError(uploadErrorMessage(error, t));
        setFormError(t('form.errorSummary'));
        return null;
      }
      const fields = fieldErrorsOf(error);
      // The server no longer knows a token (used, or older than an hour): upload the files again next time.
      if (fields.attachments) uploads.forget();
      setErrors(fields);
      setFormError(
        Object.keys(fields).length ? t('form.errorSummary') : gqlErrorMessage(error, (kind) => t(`errors.${kind}`)),
      );
      return null;
    }
  }

  function reset() {
    uploads.forget();
    setErrors({});
    setFormError(null);
  }

  return {
    errors,
    formError,
    busy,
    summaryRef,
    progress: uploads.progress,
    clearError,
    setFileError,
    refuse,
    submit,
    reset,
  };
}

/** The form's one-line summary of what went wrong, focused when it appears (see useIntakeSubmission). */
export const IntakeErrorSummary = forwardRef<HTMLParagraphElement, { message: string | null; testId?: string }>(
  function IntakeErrorSummary({ message, testId }, ref) {
    if (!message) return null;
    return (
      <p
        ref={ref}
        tabIndex={-1}
        role="alert"
        className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800"
        data-testid={testId}
      >
        {message}
      </p>
    );
  },
);

/**
 * The end of a lodge form (intake and record): the attachment picker wired to the submission (its error, progress and
 * file problems) and the submit button, which says what is happening while the files upload and the record is sent.
 */
export function IntakeFormFooter({
  form,
  submission,
  files,
  onFilesChange,
  submitLabel,
  listTestId,
}: {
  form: 'intake' | 'record';
  submission: ReturnType<typeof useIntakeSubmission>;
  files: File[];
  onFilesChange: (files: File[]) => void;
  submitLabel: string;
  listTestId?: string;
}) {
  const t = useTranslations('intake');
  const { busy } = submission;
  return (
    <>
      <AttachmentPicker
        id={`${form}-attachments`}
        files={files}
        onChange={onFilesChange}
        error={submission.errors.attachments}
        onError={submission.setFileError}
        disabled={busy !== false}
        progress={submission.progress}
        errorTestId={`${form}-error-attachments`}
        listTestId={listTestId}
      />
      <button type="submit" className={buttonClass.primary} disabled={busy !== false} data-testid={`${form}-submit`}>
        {busy === 'uploading' ? t('form.uploading') : busy ? t('form.submitting') : submitLabel}
      </button>
    </>
  );
}
