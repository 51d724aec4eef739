'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { KeyAccountObligationFieldsFragment } from '@/gql/graphql';
import { Button } from '@/components/ui/button';
import { buttonClass } from '@/components/ui/classes';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextField } from '@/components/ui/form-field';
import { TextareaField } from '@/components/ui/form-controls';
import { Badge } from '@/components/ui/status';
import { useFormSubmit } from '@/components/ui/use-form-submit';
import { OBLIGATION_NOTE_MAX } from '@/graphql/key-account-obligations/obligation-schedule.rules';
import { AttachmentPicker } from '@/components/interactions/attachment-picker';
import { useFileUploads } from '@/components/interactions/intake-files';
import { useGqlMutation } from '@/lib/data/gql-hooks';
import { endOfDayIn, formatDate, formatDateTime, todayIn } from '@/lib/format';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { KeyAccountObligationCompleteMutation, KeyAccountObligationRescheduleMutation } from './obligation-operations';

// Pieces shared by the obligation queue, the customer page's panel and the 工作台 block.

export type ObligationRow = KeyAccountObligationFieldsFragment;

/** What an obligation change makes stale: the obligation lists, callbacks (a CALLBACK one), the 工作台, notifications. */
export const OBLIGATION_INVALIDATES = ['KeyAccountObligation', 'Callback', 'Dashboard', 'Notification'] as const;

export function useObligationErrorMessage() {
  const t = useTranslations('keyAccountObligations.errors');
  return (error: unknown) => gqlErrorMessage(error, (kind) => t(kind));
}

export function ObligationStatusBadge({ row }: { row: Pick<ObligationRow, 'status' | 'overdue'> }) {
  const t = useTranslations('keyAccountObligations.status');
  if (row.overdue) return <Badge tone="red">{t('OVERDUE')}</Badge>;
  const tone = row.status === 'DONE' ? 'green' : row.status === 'OPEN' ? 'amber' : 'slate';
  return <Badge tone={tone}>{t(row.status)}</Badge>;
}

export function ObligationKindLabel({ kind }: { kind: string }) {
  const t = useTranslations('keyAccountObligations.kind');
  return <>{t.has(kind) ? t(kind) : kind}</>;
}

/** The due time, and who did it when once done. */
export function ObligationDue({ row }: { row: ObligationRow }) {
  const t = useTranslations('keyAccountObligations.list');
  const timeZone = useDisplayTimeZone();
  return (
    <>
      <span className="block text-slate-700">{formatDateTime(row.dueAt, timeZone)}</span>
      {row.completedAt && (
        <span className="block text-xs text-slate-500">
          {t('doneBy', { at: formatDateTime(row.completedAt, timeZone), name: row.completedBy?.name ?? '—' })}
        </span>
      )}
      {row.attachments.map((file) => (
        <a
          key={file.id}
          href={file.downloadUrl}
          className={`block ${buttonClass.link}`}
          data-testid="obligation-attachment"
        >
          {t('attachment', { name: file.fileName })}
        </a>
      ))}
      {row.rescheduleReason && row.status === 'OPEN' && (
        <span className="block text-xs text-slate-500">{t('rescheduled', { reason: row.rescheduleReason })}</span>
      )}
    </>
  );
}

/**
 * The actions of one row: 完成 / 改期 for those who may; a CALLBACK obligation's work is its callback task, so it links
 * to the callback queue instead of completing here.
 */
export function ObligationActions({ row, onChanged }: { row: ObligationRow; onChanged?: () => void }) {
  const t = useTranslations('keyAccountObligations.actions');
  const [dialog, setDialog] = useState<'complete' | 'reschedule' | null>(null);
  const close = () => setDialog(null);
  const done = () => {
    setDialog(null);
    onChanged?.();
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      {row.status === 'OPEN' && row.callback?.status === 'PENDING' && (
        <Link href="/console/callbacks?queue=MINE" className={buttonClass.link} data-testid="obligation-open-callback">
          {t('openCallback')}
        </Link>
      )}
      {row.viewerCanComplete && (
        <Button kind="ghost" onClick={() => setDialog('complete')} data-testid="obligation-complete">
          {t('complete')}
        </Button>
      )}
      {row.viewerCanReschedule && (
        <Button kind="ghost" onClick={() => setDialog('reschedule')} data-testid="obligation-reschedule">
          {t('reschedule')}
        </Button>
      )}
      {dialog === 'complete' && <CompleteDialog row={row} onClose={close} onDone={done} />}
      {dialog === 'reschedule' && <RescheduleDialog row={row} onClose={close} onDone={done} />}
    </div>
  );
}

type DialogProps = { row: ObligationRow; onClose: () => void; onDone: () => void };

function useObligationSubmit() {
  const errorMessage = useObligationErrorMessage();
  return useFormSubmit(errorMessage);
}

function CompleteDialog({ row, onClose, onDone }: DialogProps) {
  const t = useTranslations('keyAccountObligations.complete');
  const id = useId();
  const [note, setNote] = useState('');
  // One optional file for the done record: uploaded first (POST /api/uploads), named by token in the mutation.
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const uploads = useFileUploads();
  const form = useObligationSubmit();
  const complete = useGqlMutation(KeyAccountObligationCompleteMutation, { invalidates: OBLIGATION_INVALIDATES });
  return (
    <FormDialog
      open
      onClose={onClose}
      title={t('title')}
      testId="complete-obligation-dialog"
      {...form.dialogProps(async () => {
        const [uploaded] = await uploads.uploadAll(files);
        return complete.mutateAsync({
          id: row.id,
          version: row.version,
          input: { note: note.trim() || null, attachmentToken: uploaded?.uploadToken ?? null },
        });
      }, onDone)}
      submitLabel={t('submit')}
      pendingLabel={t('pending')}
      submitTestId="complete-obligation-submit"
    >
      <p className="text-sm text-slate-700">
        {row.customer?.name} · <ObligationKindLabel kind={row.kind} />
      </p>
      <TextareaField
        id={`${id}-note`}
        label={t('note')}
        hint={t('noteHint')}
        value={note}
        onChange={setNote}
        maxLength={OBLIGATION_NOTE_MAX}
        error={form.fieldErrors.note}
        testId="complete-obligation-note"
      />
      <AttachmentPicker
        id={`${id}-file`}
        files={files}
        onChange={(picked) => setFiles(picked.slice(-1))}
        error={fileError ?? form.fieldErrors.attachmentToken}
        onError={setFileError}
        disabled={form.pending}
        progress={uploads.progress}
        listTestId="complete-obligation-file"
      />
    </FormDialog>
  );
}

function RescheduleDialog({ row, onClose, onDone }: DialogProps) {
  const t = useTranslations('keyAccountObligations.reschedule');
  const id = useId();
  const timeZone = useDisplayTimeZone();
  const [date, setDate] = useState(formatDate(row.dueAt, timeZone));
  const [reason, setReason] = useState('');
  const form = useObligationSubmit();
  const reschedule = useGqlMutation(KeyAccountObligationRescheduleMutation, { invalidates: OBLIGATION_INVALIDATES });
  return (
    <FormDialog
      open
      onClose={onClose}
      title={t('title')}
      testId="reschedule-obligation-dialog"
      {...form.dialogProps(
        () =>
          reschedule.mutateAsync({
            id: row.id,
            version: row.version,
            input: { dueAt: endOfDayIn(date, timeZone), reason },
          }),
        onDone,
      )}
      submitLabel={t('submit')}
      pendingLabel={t('pending')}
      submitTestId="reschedule-obligation-submit"
    >
      <TextField
        id={`${id}-date`}
        type="date"
        label={t('date')}
        min={todayIn(timeZone)}
        value={date}
        onChange={setDate}
        required
        error={form.fieldErrors.dueAt}
        testId="reschedule-obligation-date"
      />
      <TextareaField
        id={`${id}-reason`}
        label={t('reason')}
        value={reason}
        onChange={setReason}
        maxLength={OBLIGATION_NOTE_MAX}
        required
        error={form.fieldErrors.reason}
        testId="reschedule-obligation-reason"
      />
    </FormDialog>
  );
}
