'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { CustomerPicker, type PickedCustomer } from '@/components/admin/customer-picker';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { FormField } from '@/components/ui/form-field';
import type { InteractionType, StaffChannel } from '@/gql/graphql';
import { gqlRequest } from '@/lib/graphql-client';
import { fieldErrorsOf, gqlErrorMessage } from '@/lib/gql-error-message';
import { UploadError, uploadErrorMessage, useFileUploads } from './intake-files';
import { UploadProgress } from './upload-progress';
import { IntakeConsoleRecordMutation } from './console-operations';

const CHANNELS: StaffChannel[] = ['PHONE', 'VISIT', 'EMAIL', 'LETTER_FAX'];
const TYPES: InteractionType[] = ['COMPLAINT', 'CONSULTATION', 'INQUIRY', 'SUGGESTION'];
type TextField =
  | 'subject'
  | 'description'
  | 'desiredOutcome'
  | 'productRef'
  | 'orderRef'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail';

/** 来电记录: staff register a phone call, visit, e-mail or letter/fax on a customer (SPEC §3 channels). */
export function RecordInteractionForm() {
  const t = useTranslations('intake');
  const router = useRouter();
  const [channel, setChannel] = useState<StaffChannel>('PHONE');
  const [type, setType] = useState<InteractionType>('COMPLAINT');
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [text, setText] = useState<Record<TextField, string>>({
    subject: '',
    description: '',
    desiredOutcome: '',
    productRef: '',
    orderRef: '',
    contactName: '',
    contactPhone: '',
    contactEmail: '',
  });
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<false | 'uploading' | 'submitting'>(false);
  const uploads = useFileUploads();
  const summaryRef = useRef<HTMLParagraphElement>(null);
  // Set after hydration: until then a submit would be the browser's own, so tests wait for it.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  useEffect(() => {
    if (formError) summaryRef.current?.focus();
  }, [formError]);

  const edit = (key: TextField) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    setText((v) => ({ ...v, [key]: event.target.value }));
    setErrors(({ [key]: _cleared, ...rest }) => rest);
  };

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!customer) {
      setErrors((e) => ({ ...e, customerId: t('console.record.customerRequired') }));
      setFormError(t('form.errorSummary'));
      return;
    }
    setFormError(null);
    try {
      // The files go first, each through its own upload; the record names them by token.
      setBusy('uploading');
      const attachments = await uploads.uploadAll(files);
      setBusy('submitting');
      const blank = (v: string) => (v.trim() ? v.trim() : null);
      const { recordInteraction } = await gqlRequest(IntakeConsoleRecordMutation, {
        input: {
          channel,
          type,
          customerId: customer.id,
          subject: text.subject,
          description: text.description,
          desiredOutcome: blank(text.desiredOutcome),
          productRef: blank(text.productRef),
          orderRef: blank(text.orderRef),
          contactName: blank(text.contactName),
          contactPhone: blank(text.contactPhone),
          contactEmail: blank(text.contactEmail),
          attachments,
        },
      });
      router.push(`/console/interactions/${recordInteraction.id}`);
    } catch (error) {
      if (error instanceof UploadError) {
        setErrors((e) => ({ ...e, attachments: uploadErrorMessage(error, t) }));
        setFormError(t('form.errorSummary'));
        setBusy(false);
        return;
      }
      const fields = fieldErrorsOf(error);
      // The server no longer knows a token (used, or older than an hour): upload the files again next time.
      if (fields.attachments) uploads.forget();
      setErrors(fields);
      setFormError(
        Object.keys(fields).length ? t('form.errorSummary') : gqlErrorMessage(error, (kind) => t(`errors.${kind}`)),
      );
      setBusy(false);
    }
  }

  const input = (key: TextField, label: string, required = false) => (
    <FormField
      id={`record-${key}`}
      label={label}
      error={errors[key]}
      required={required}
      errorTestId={`record-error-${key}`}
    >
      {(props) => <input {...props} className={inputClass} value={text[key]} onChange={edit(key)} />}
    </FormField>
  );

  return (
    <form
      onSubmit={submit}
      noValidate
      data-ready={ready}
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-5"
      data-testid="record-form"
    >
      {formError && (
        <p
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800"
        >
          {formError}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField id="record-channel" label={t('console.record.channel')} required>
          {(props) => (
            <select
              {...props}
              className={inputClass}
              value={channel}
              onChange={(e) => setChannel(e.target.value as StaffChannel)}
            >
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="record-type" label={t('form.type')} required>
          {(props) => (
            <select
              {...props}
              className={inputClass}
              value={type}
              onChange={(e) => setType(e.target.value as InteractionType)}
            >
              {TYPES.map((c) => (
                <option key={c} value={c}>
                  {t(`type.${c}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="record-customer" label={t('console.record.customer')} error={errors.customerId} required>
          {(props) => (
            <CustomerPicker
              id={props.id}
              value={customer}
              onChange={(c) => {
                setCustomer(c);
                setErrors(({ customerId: _cleared, ...rest }) => rest);
              }}
              invalid={props['aria-invalid']}
              describedBy={props['aria-describedby']}
            />
          )}
        </FormField>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {input('contactName', t('form.contactName'))}
        {input('contactPhone', t('form.contactPhone'))}
        {input('contactEmail', t('form.contactEmail'))}
      </div>
      {input('subject', t('form.subject'), true)}
      <FormField
        id="record-description"
        label={t('form.description')}
        error={errors.description}
        required
        errorTestId="record-error-description"
      >
        {(props) => (
          <textarea
            {...props}
            rows={5}
            className={inputClass}
            value={text.description}
            onChange={edit('description')}
          />
        )}
      </FormField>
      <div className="grid gap-4 sm:grid-cols-3">
        {input('desiredOutcome', t('form.desiredOutcome'))}
        {input('productRef', t('form.productRef'))}
        {input('orderRef', t('form.orderRef'))}
      </div>
      <FormField
        id="record-attachments"
        label={t('form.attachments')}
        hint={t('form.attachmentsHint')}
        error={errors.attachments}
      >
        {(props) => (
          <input
            {...props}
            type="file"
            multiple
            onChange={(e) => {
              setFiles(Array.from(e.target.files ?? []));
              setErrors(({ attachments: _cleared, ...rest }) => rest);
            }}
            className="block text-sm"
            disabled={busy !== false}
          />
        )}
      </FormField>
      {files.length > 0 && uploads.progress.size > 0 && (
        <ul className="space-y-1 text-sm">
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`} className="flex items-center gap-2">
              <span>{file.name}</span>
              <UploadProgress fraction={uploads.progress.get(file)} />
            </li>
          ))}
        </ul>
      )}
      <button type="submit" className={buttonClass.primary} disabled={busy !== false} data-testid="record-submit">
        {busy === 'uploading' ? t('form.uploading') : busy ? t('form.submitting') : t('console.record.submit')}
      </button>
    </form>
  );
}
