'use client';
import { useTimeZone, useTranslations } from 'next-intl';
import { useState } from 'react';
import type { ActionKind, ActionStatus, ComplaintDirectoryQuery, ComplaintWorkbenchQuery } from '@/gql/graphql';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { FormDialog } from '@/components/ui/form-dialog';
import { FormField } from '@/components/ui/form-field';
import { endOfDayIn, formatDate, formatDateTime } from '@/lib/format';
import { fieldErrorsOf } from '@/lib/gql-error-message';
import { gqlRequest } from '@/lib/graphql-client';
import type { Perform } from './complaint-command-dialogs';
import { ComplaintAddActionMutation, ComplaintUpdateActionMutation } from './complaint-operations';
import { useComplaintErrorMessage } from './complaint-ui';

type Action = NonNullable<ComplaintWorkbenchQuery['interaction']>['actions'][number];

const KINDS: ActionKind[] = ['CONTAINMENT', 'CORRECTIVE', 'PREVENTIVE'];
const STATUSES: ActionStatus[] = ['OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED', 'CANCELLED'];
const FALLBACK_TIME_ZONE = 'Asia/Shanghai';

/** Containment, corrective and preventive actions: a table, and a dialog to add one or edit one (with its version). */
export function ComplaintActions({
  interactionId,
  actions,
  directory,
  canEdit,
  perform,
}: {
  interactionId: string;
  actions: Action[];
  directory: ComplaintDirectoryQuery | undefined;
  canEdit: boolean;
  perform: Perform;
}) {
  const t = useTranslations('complaints.actions');
  const tc = useTranslations('complaints');
  const timeZone = useTimeZone() ?? FALLBACK_TIME_ZONE;
  const [editing, setEditing] = useState<Action | 'new' | null>(null);

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="complaint-actions">
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-sm font-semibold">{t('title')}</h2>
        {canEdit && (
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => setEditing('new')}
            data-testid="action-add"
          >
            {t('add')}
          </button>
        )}
      </div>
      {actions.length === 0 ? (
        <p className="text-sm text-slate-500">{t('empty')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-600">
              <tr>
                <th className="py-1 pr-3">{t('kind')}</th>
                <th className="py-1 pr-3">{t('description')}</th>
                <th className="py-1 pr-3">{t('owner')}</th>
                <th className="py-1 pr-3">{t('dueAt')}</th>
                <th className="py-1 pr-3">{t('status')}</th>
                {canEdit && <th className="py-1" />}
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id} className="border-t border-slate-100 align-top" data-testid="action-row">
                  <td className="py-2 pr-3 whitespace-nowrap">{tc(`actionKind.${a.kind}`)}</td>
                  <td className="py-2 pr-3 whitespace-pre-wrap">{a.description}</td>
                  <td className="py-2 pr-3">{a.owner?.name ?? '—'}</td>
                  <td className="py-2 pr-3 whitespace-nowrap">{a.dueAt ? formatDate(a.dueAt, timeZone) : '—'}</td>
                  <td className="py-2 pr-3 whitespace-nowrap">
                    {tc(`actionStatus.${a.status}`)}
                    {a.completedAt && (
                      <span className="block text-xs text-slate-500">{formatDateTime(a.completedAt, timeZone)}</span>
                    )}
                  </td>
                  {canEdit && (
                    <td className="py-2 text-right">
                      <button
                        type="button"
                        className={buttonClass.ghost}
                        onClick={() => setEditing(a)}
                        data-testid="action-edit"
                      >
                        {t('edit')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <ActionDialog
          key={editing === 'new' ? 'new' : editing.id}
          interactionId={interactionId}
          action={editing === 'new' ? null : editing}
          directory={directory}
          timeZone={timeZone}
          perform={perform}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function ActionDialog({
  interactionId,
  action,
  directory,
  timeZone,
  perform,
  onClose,
}: {
  interactionId: string;
  action: Action | null;
  directory: ComplaintDirectoryQuery | undefined;
  timeZone: string;
  perform: Perform;
  onClose: () => void;
}) {
  const t = useTranslations('complaints.actions');
  const tc = useTranslations('complaints');
  const errorMessage = useComplaintErrorMessage();
  const [kind, setKind] = useState<ActionKind>(action?.kind ?? 'CORRECTIVE');
  const [description, setDescription] = useState(action?.description ?? '');
  const [ownerId, setOwnerId] = useState(action?.owner?.id ?? '');
  // A due date is a calendar day in the viewer's zone, sent as the end of that day.
  const [dueDate, setDueDate] = useState(action?.dueAt ? formatDate(action.dueAt, timeZone) : '');
  const [status, setStatus] = useState<ActionStatus>(action?.status ?? 'OPEN');
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const staff = (directory?.users ?? []).filter((u) => u.active && u.role !== 'CUSTOMER');

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!description.trim()) {
      setFields({ description: tc('errors.required') });
      return;
    }
    const input = {
      kind,
      description: description.trim(),
      ownerId: ownerId || null,
      dueAt: /^\d{4}-\d{2}-\d{2}$/.test(dueDate) ? endOfDayIn(dueDate, timeZone) : null,
      status,
    };
    setPending(true);
    setFormError(null);
    setFields({});
    try {
      await perform(() =>
        action
          ? gqlRequest(ComplaintUpdateActionMutation, { id: action.id, version: action.version, input })
          : gqlRequest(ComplaintAddActionMutation, { interactionId, input }),
      );
      onClose();
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      setFields(fieldErrors);
      setFormError(Object.keys(fieldErrors).length ? null : errorMessage(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <FormDialog
      open
      onClose={onClose}
      title={action ? t('editTitle') : t('addTitle')}
      testId="action-dialog"
      pending={pending}
      formError={formError}
      submitLabel={t('submit')}
      pendingLabel={t('pending')}
      submitTestId="action-submit"
      onSubmit={onSubmit}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="action-kind" label={t('kind')} required error={fields.kind}>
          {(p) => (
            <select
              {...p}
              className={inputClass}
              value={kind}
              onChange={(e) => setKind(KINDS.find((k) => k === e.target.value) ?? 'CORRECTIVE')}
              data-testid="action-kind"
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {tc(`actionKind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="action-status" label={t('status')} error={fields.status}>
          {(p) => (
            <select
              {...p}
              className={inputClass}
              value={status}
              onChange={(e) => setStatus(STATUSES.find((s) => s === e.target.value) ?? 'OPEN')}
              data-testid="action-status"
            >
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tc(`actionStatus.${s}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id="action-description"
          label={t('description')}
          required
          error={fields.description}
          className="sm:col-span-2"
        >
          {(p) => (
            <textarea
              {...p}
              rows={3}
              className={inputClass}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              data-testid="action-description"
            />
          )}
        </FormField>
        <FormField id="action-owner" label={t('owner')} error={fields.ownerId}>
          {(p) => (
            <select
              {...p}
              className={inputClass}
              value={ownerId}
              onChange={(e) => setOwnerId(e.target.value)}
              data-testid="action-owner"
            >
              <option value="">{t('ownerNone')}</option>
              {staff.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                  {u.department ? `（${u.department.name}）` : ''}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="action-due" label={t('dueAt')} error={fields.dueAt}>
          {(p) => (
            <input
              {...p}
              type="date"
              className={inputClass}
              value={dueDate}
              onChange={(e) => setDueDate(e.target.value)}
              data-testid="action-due"
            />
          )}
        </FormField>
      </div>
    </FormDialog>
  );
}
