'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { ActionKind, ActionStatus, ComplaintDirectoryQuery, ComplaintWorkbenchQuery } from '@/gql/graphql';
import { graphql } from '@/gql';
import { Button } from '@/components/ui/button';
import { DataTable, type Column } from '@/components/ui/data-table';
import { Panel } from '@/components/ui/panel';
import { endOfDayIn, formatDate, formatDateTime } from '@/lib/format';
import {
  ComplaintFormDialog,
  useComplaintStep,
  type ComplaintForm,
  type Perform,
  type Values,
} from './complaint-command-dialogs';
import { assignableStaff, staffLabel } from './complaint-operations';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

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

/**
 * The columns every table of corrective/preventive actions shows alike — the kind, what is to be done, who owns it —
 * headed in the table's own words (`t`: `kind`, `description`, `owner`).
 */
export function actionWorkColumns<Row extends { kind: string; description: string; owner?: { name: string } | null }>(
  t: (key: 'kind' | 'description' | 'owner') => string,
  tc: (key: `actionKind.${string}`) => string,
): Column<Row>[] {
  return [
    { id: 'kind', header: t('kind'), className: 'whitespace-nowrap', cell: (a) => tc(`actionKind.${a.kind}`) },
    { id: 'description', header: t('description'), className: 'whitespace-pre-wrap', cell: (a) => a.description },
    { id: 'owner', header: t('owner'), cell: (a) => a.owner?.name ?? '—' },
  ];
}

type Action = NonNullable<ComplaintWorkbenchQuery['interaction']>['actions'][number];

const KINDS: ActionKind[] = ['CONTAINMENT', 'CORRECTIVE', 'PREVENTIVE'];
const STATUSES: ActionStatus[] = ['OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED', 'CANCELLED'];

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
  const timeZone = useDisplayTimeZone();
  const [editing, setEditing] = useState<Action | 'new' | null>(null);
  const columns: (Column<Action> | false)[] = [
    ...actionWorkColumns<Action>(t, tc),
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
        <Button kind="ghost" onClick={() => setEditing(a)} data-testid="action-edit">
          {t('edit')}
        </Button>
      ),
    },
  ];

  return (
    <Panel
      title={t('title')}
      testId="complaint-actions"
      action={
        canEdit && (
          <Button kind="secondary" onClick={() => setEditing('new')} data-testid="action-add">
            {t('add')}
          </Button>
        )
      }
    >
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
    </Panel>
  );
}

/** Adds an action or edits one (with the version read): its form, drawn by the workbench's ComplaintFormDialog. */
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
  const add = useComplaintStep(ComplaintAddActionMutation);
  const update = useComplaintStep(ComplaintUpdateActionMutation);
  const staff = assignableStaff(directory);

  const form: ComplaintForm = {
    title: action ? t('editTitle') : t('addTitle'),
    testId: 'action-dialog',
    submitLabel: t('submit'),
    pendingLabel: t('pending'),
    submitTestId: 'action-submit',
    grid: true,
    initial: {
      kind: action?.kind ?? 'CORRECTIVE',
      status: action?.status ?? 'OPEN',
      description: action?.description ?? '',
      ownerId: action?.owner?.id ?? '',
      // A due date is a calendar day in the viewer's zone, sent as the end of that day.
      dueAt: action?.dueAt ? formatDate(action.dueAt, timeZone) : '',
    },
    fields: [
      {
        name: 'kind',
        label: t('kind'),
        control: 'select',
        required: true,
        testId: 'action-kind',
        options: KINDS.map((k) => ({ value: k, label: tc(`actionKind.${k}`) })),
      },
      {
        name: 'status',
        label: t('status'),
        control: 'select',
        testId: 'action-status',
        options: STATUSES.map((s) => ({ value: s, label: tc(`actionStatus.${s}`) })),
      },
      {
        name: 'description',
        label: t('description'),
        control: 'textarea',
        rows: 3,
        required: true,
        wide: true,
        testId: 'action-description',
      },
      {
        name: 'ownerId',
        label: t('owner'),
        control: 'select',
        required: true,
        testId: 'action-owner',
        // Every action has an owner, notified on assignment, and a due date past which it escalates.
        options: [{ value: '', label: t('ownerChoose') }, ...staff.map((u) => ({ value: u.id, label: staffLabel(u) }))],
      },
      { name: 'dueAt', label: t('dueAt'), control: 'date', required: true, testId: 'action-due' },
    ],
    send: (v: Values) => {
      const input = {
        kind: KINDS.find((k) => k === v.kind) ?? 'CORRECTIVE',
        description: v.description!.trim(),
        // Both are required by the form (and by the server, which names the field when one is missing).
        ownerId: v.ownerId ?? '',
        dueAt: /^\d{4}-\d{2}-\d{2}$/.test(v.dueAt ?? '') ? endOfDayIn(v.dueAt!, timeZone) : '',
        status: STATUSES.find((s) => s === v.status) ?? 'OPEN',
      };
      return action
        ? update.mutateAsync({ id: action.id, version: action.version, input })
        : add.mutateAsync({ interactionId, input });
    },
  };
  return <ComplaintFormDialog form={form} perform={perform} onClose={onClose} />;
}
