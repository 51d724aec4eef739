'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/classes';
import { fieldErrorsOf, gqlErrorMessage } from '@/lib/gql-error-message';
import { AttachmentPicker } from './attachment-picker';
import { UploadError, uploadErrorMessage, useFileUploads } from './intake-files';
import { IntakeTextField } from './intake-text-field';

export type IntakeAttachments = { uploadToken: string }[];
type IntakeFormName = 'intake' | 'record';

/** What a person reports on either lodge form, as both mutations take it (besides type, channel, customer, contract). */
type ReportedText = Record<
  | 'subject'
  | 'description'
  | 'desiredOutcome'
  | 'productRef'
  | 'orderRef'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail',
  string
>;

/** A text field's value for the mutation: trimmed, or null when blank. */
export const blankToNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** The reported text as the mutation's input: subject and description as typed (required), blank optional ones null. */
export const reportedInput = (values: ReportedText) => ({
  subject: values.subject,
  description: values.description,
  desiredOutcome: blankToNull(values.desiredOutcome),
  productRef: blankToNull(values.productRef),
  orderRef: blankToNull(values.orderRef),
  contactName: blankToNull(values.contactName),
  contactPhone: blankToNull(values.contactPhone),
  contactEmail: blankToNull(values.contactEmail),
});

type TextFieldOptions = { required?: boolean; hint?: string; type?: string; autoComplete?: string; rows?: number };

/**
 * What both intake forms (the portal's and /submit's lodge form, the console's 来电记录) hold and do around a
 * submission: the text values (`field` renders one, `set` edits one and clears its error) and the files; the problems
 * found before sending, the files uploaded first, then the mutation; a refusal mapped onto the fields (an upload's on
 * `attachments`), anything else as one line in the summary (`formError`, shown by IntakeErrorSummary).
 */
export function useIntakeForm<Values extends { [K in keyof Values]: string }>(form: IntakeFormName, empty: Values) {
  const t = useTranslations('intake');
  const uploads = useFileUploads();
  const [values, setValues] = useState<Values>(empty);
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<false | 'uploading' | 'submitting'>(false);

  const clearError = (field: string) => setErrors(({ [field]: _cleared, ...rest }) => rest);
  const set = (key: keyof Values & string, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    clearError(key);
  };
  const field = (key: keyof Values & string, label: string, options: TextFieldOptions = {}) => (
    <IntakeTextField
      form={form}
      field={key}
      label={label}
      error={errors[key]}
      value={values[key]}
      onChange={(value) => set(key, value)}
      {...options}
    />
  );
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
   * Uploads the files, then runs `send` with their tokens. Resolves with its result, or null when it failed (the form
   * then shows why). `stayBusy` keeps the form disabled after success (it is about to navigate away).
   */
  async function submit<T>(
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

  /** Back to an empty form (another submission). */
  function reset() {
    setValues(empty);
    setFiles([]);
    uploads.forget();
    setErrors({});
    setFormError(null);
  }

  return {
    form,
    values,
    set,
    field,
    files,
    setFiles,
    errors,
    formError,
    busy,
    progress: uploads.progress,
    clearError,
    setFileError,
    refuse,
    submit,
    reset,
  };
}

/** The form's one-line summary of what went wrong; it takes the focus when a new message appears, so it is read out. */
export function IntakeErrorSummary({ message, testId }: { message: string | null; testId?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
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
}

/**
 * The end of a lodge form (intake and record): the attachment picker wired to the submission (its error, progress and
 * file problems) and the submit button, which says what is happening while the files upload and the record is sent.
 */
export function IntakeFormFooter({
  submission,
  submitLabel,
  listTestId,
}: {
  submission: Pick<
    ReturnType<typeof useIntakeForm>,
    'form' | 'files' | 'setFiles' | 'errors' | 'setFileError' | 'busy' | 'progress'
  >;
  submitLabel: string;
  listTestId?: string;
}) {
  const t = useTranslations('intake');
  const { form, busy } = submission;
  return (
    <>
      <AttachmentPicker
        id={`${form}-attachments`}
        files={submission.files}
        onChange={submission.setFiles}
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
