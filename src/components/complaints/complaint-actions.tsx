'use client';
import { useTimeZone, useTranslations } from 'next-intl';
import { useState } from 'react';
import type { ActionKind, ActionStatus, ComplaintDirectoryQuery, ComplaintWorkbenchQuery } from '@/gql/graphql';
import { graphql } from '@/gql';
import { buttonClass } from '@/components/ui/classes';
import { DataTable, type Column } from '@/components/ui/data-table';
import { FormDialog } from '@/components/ui/form-dialog';
import { InputField, SelectField, TextareaField } from '@/components/ui/form-controls';
import { useFormSubmit } from '@/components/ui/use-form-submit';
import { endOfDayIn, formatDate, formatDateTime } from '@/lib/format';
import { useComplaintStep, type Perform } from './complaint-command-dialogs';
import { useComplaintErrorMessage } from './complaint-ui';

export const ComplaintAddActionMutation = graphql(`
  mutation ComplaintAddAction($interactionId: ID!, $input: ComplaintActionInput!) {
    addComplaintAction(interactionId: $interactionId, input: $input) {
      id
      version
    }
  }
`);

export const ComplaintUpdateActionMutation = graphql(`
  mutation ComplaintUpdateAction($id: ID!, $version: Int!, $input: ComplaintActionInput!) {
    updateComplaintAction(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

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
  const columns: (Column<Action> | false)[] = [
    { id: 'kind', header: t('kind'), className: 'whitespace-nowrap', cell: (a) => tc(`actionKind.${a.kind}`) },
    { id: 'description', header: t('description'), className: 'whitespace-pre-wrap', cell: (a) => a.description },
    { id: 'owner', header: t('owner'), cell: (a) => a.owner?.name ?? '—' },
    {
      id: 'dueAt',
      header: t('dueAt'),
      className: 'whitespace-nowrap',
      cell: (a) => (a.dueAt ? formatDate(a.dueAt, timeZone) : '—'),
    },
    {
      id: 'status',
      header: t('status'),
      className: 'whitespace-nowrap',
      cell: (a) => (
        <>
          {tc(`actionStatus.${a.status}`)}
          {a.completedAt && (
            <span className="block text-xs text-slate-500">{formatDateTime(a.completedAt, timeZone)}</span>
          )}
        </>
      ),
    },
    canEdit && {
      id: 'edit',
      header: <span className="sr-only">{t('edit')}</span>,
      cardLabel: '',
      className: 'text-right',
      cell: (a) => (
        <button type="button" className={buttonClass.ghost} onClick={() => setEditing(a)} data-testid="action-edit">
          {t('edit')}
        </button>
      ),
    },
  ];

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
      <DataTable
        columns={columns}
        rows={actions}
        rowKey={(a) => a.id}
        state={{ loading: false }}
        empty={t('empty')}
        rowTestId="action-row"
      />
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
  const [kind, setKind] = useState<ActionKind>(action?.kind ?? 'CORRECTIVE');
  const [description, setDescription] = useState(action?.description ?? '');
  const [ownerId, setOwnerId] = useState(action?.owner?.id ?? '');
  // A due date is a calendar day in the viewer's zone, sent as the end of that day.
  const [dueDate, setDueDate] = useState(action?.dueAt ? formatDate(action.dueAt, timeZone) : '');
  const [status, setStatus] = useState<ActionStatus>(action?.status ?? 'OPEN');
  const { pending, formError, fieldErrors: fields, setFieldErrors, submit } = useFormSubmit(useComplaintErrorMessage());
  const add = useComplaintStep(ComplaintAddActionMutation);
  const update = useComplaintStep(ComplaintUpdateActionMutation);
  const staff = (directory?.users ?? []).filter((u) => u.active && u.role !== 'CUSTOMER');

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!description.trim()) return setFieldErrors({ description: tc('errors.required') });
    const input = {
      kind,
      description: description.trim(),
      ownerId: ownerId || null,
      dueAt: /^\d{4}-\d{2}-\d{2}$/.test(dueDate) ? endOfDayIn(dueDate, timeZone) : null,
      status,
    };
    const saved = await submit(() =>
      perform(() =>
        action
          ? update.mutateAsync({ id: action.id, version: action.version, input })
          : add.mutateAsync({ interactionId, input }),
      ),
    );
    if (saved) onClose();
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
      onSubmit={(event) => void onSubmit(event)}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id="action-kind"
          label={t('kind')}
          required
          error={fields.kind}
          value={kind}
          onChange={(value) => setKind(KINDS.find((k) => k === value) ?? 'CORRECTIVE')}
          options={KINDS.map((k) => ({ value: k, label: tc(`actionKind.${k}`) }))}
          testId="action-kind"
        />
        <SelectField
          id="action-status"
          label={t('status')}
          error={fields.status}
          value={status}
          onChange={(value) => setStatus(STATUSES.find((s) => s === value) ?? 'OPEN')}
          options={STATUSES.map((s) => ({ value: s, label: tc(`actionStatus.${s}`) }))}
          testId="action-status"
        />
        <TextareaField
          id="action-description"
          label={t('description')}
          required
          error={fields.description}
          className="sm:col-span-2"
          value={description}
          onChange={setDescription}
          testId="action-description"
        />
        <SelectField
          id="action-owner"
          label={t('owner')}
          error={fields.ownerId}
          value={ownerId}
          onChange={setOwnerId}
          options={[
            { value: '', label: t('ownerNone') },
            ...staff.map((u) => ({ value: u.id, label: `${u.name}${u.department ? `（${u.department.name}）` : ''}` })),
          ]}
          testId="action-owner"
        />
        <InputField
          id="action-due"
          type="date"
          label={t('dueAt')}
          error={fields.dueAt}
          value={dueDate}
          onChange={setDueDate}
          testId="action-due"
        />
      </div>
    </FormDialog>
  );
}
