'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { getFragmentData } from '@/gql';
import type { CallbackProgrammeFieldsFragment as Row } from '@/gql/graphql';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { DataTable, queryTableState, type Column } from '@/components/ui/data-table';
import { FormDialog } from '@/components/ui/form-dialog';
import { SelectField } from '@/components/ui/form-controls';
import { TextField } from '@/components/ui/form-field';
import { PageHeader } from '@/components/ui/page-header';
import { actionsColumn, RowAction } from '@/components/ui/row-action';
import { Badge, StatusMessage } from '@/components/ui/status';
import { useRowDialogForm } from '@/components/ui/use-dialog-form';
import {
  CALLBACK_PROGRAMME_INTERVAL_DEFAULT,
  CALLBACK_PROGRAMME_INTERVAL_MAX,
  CALLBACK_PROGRAMME_INTERVAL_MIN,
  CALLBACK_PROGRAMME_NAME_MAX,
} from '@/graphql/callback-programmes/callback-programme.rules';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import {
  NoticeAudienceFieldsFragment,
  segmentDraft,
  segmentInput,
  type SegmentDraft,
} from '@/components/notices/segment-draft';
import { SegmentFields } from '@/components/notices/segment-fields';
import { CallbackAssigneesQuery } from './callback-dialogs.operations';
import { formatDateTime } from '@/lib/format';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import {
  CallbackProgrammeCreateMutation,
  CallbackProgrammeFieldsFragment,
  CallbackProgrammeRunMutation,
  CallbackProgrammesQuery,
  CallbackProgrammeUpdateMutation,
} from './callback-programme-operations';

const INVALIDATES = ['CallbackProgramme', 'Callback', 'Dashboard'] as const;

function useErrorMessage() {
  const t = useTranslations('callbackProgrammes.errors');
  return (error: unknown) => gqlErrorMessage(error, (kind) => t(kind));
}

/**
 * Periodic callback programmes (001 §6.2): a customer segment called back every N months. Everyone with callbacks:read
 * sees the list; the service manager and the administrator (`canManage`) create, edit, pause and run one now.
 */
export function CallbackProgrammesScreen({ canManage }: { canManage: boolean }) {
  const t = useTranslations('callbackProgrammes');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useErrorMessage();
  const query = useGqlQuery(CallbackProgrammesQuery, {});
  const rows = getFragmentData(CallbackProgrammeFieldsFragment, query.data?.callbackProgrammes ?? []);
  const [dialog, setDialog] = useState<{ row: Row | null } | null>(null);
  const [ran, setRan] = useState<string | null>(null);
  const run = useGqlMutation(CallbackProgrammeRunMutation, { invalidates: INVALIDATES });

  const columns: Column<Row>[] = [
    { id: 'name', header: t('list.name'), cell: (r) => r.name },
    { id: 'segment', header: t('list.segment'), cell: (r) => <SegmentSummary row={r} /> },
    {
      id: 'interval',
      header: t('list.interval'),
      cell: (r) => t('list.everyMonths', { count: r.intervalMonths }),
      className: 'whitespace-nowrap',
    },
    {
      id: 'assignee',
      header: t('list.assignee'),
      cell: (r) =>
        r.assignToOwner
          ? t('list.toOwner', { name: r.assignee?.name ?? t('list.pool') })
          : (r.assignee?.name ?? t('list.pool')),
    },
    {
      id: 'status',
      header: t('list.status'),
      cell: (r) => <Badge tone={r.active ? 'green' : 'slate'}>{r.active ? t('list.active') : t('list.paused')}</Badge>,
    },
    {
      id: 'lastRun',
      header: t('list.lastRun'),
      cell: (r) => (r.lastRunAt ? formatDateTime(r.lastRunAt, timeZone) : '—'),
      className: 'whitespace-nowrap',
    },
    { id: 'count', header: t('list.callbacks'), cell: (r) => r.callbackCount, className: 'text-right' },
  ];
  if (canManage)
    columns.push(
      actionsColumn(t('list.actions'), (r) => (
        <div className="flex flex-wrap gap-1">
          <RowAction
            label={t('actions.edit')}
            subject={r.name}
            onClick={() => setDialog({ row: r })}
            testId="programme-edit"
          />
          {r.active && (
            <RowAction
              label={t('actions.run')}
              subject={r.name}
              disabled={run.isPending}
              testId="programme-run"
              onClick={() =>
                void run
                  .mutateAsync({ id: r.id })
                  .then((result) => setRan(t('ran', { name: r.name, count: result.runCallbackProgramme.created })))
                  .catch((error: unknown) => setRan(errorMessage(error)))
              }
            />
          )}
        </div>
      )),
    );

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        action={
          canManage
            ? { label: t('actions.create'), onClick: () => setDialog({ row: null }), testId: 'programme-create' }
            : undefined
        }
      />
      {ran && <StatusMessage tone="info">{ran}</StatusMessage>}
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        state={queryTableState(query, errorMessage)}
        empty={t('list.empty')}
        caption={t('title')}
        testId="programme-table"
      />
      {dialog && <ProgrammeDialog row={dialog.row} onClose={() => setDialog(null)} />}
    </div>
  );
}

function SegmentSummary({ row }: { row: Row }) {
  const t = useTranslations('callbackProgrammes.segment');
  const s = getFragmentData(NoticeAudienceFieldsFragment, row.segment);
  if (!s) return <>—</>;
  if (s.all) return <>{t('all')}</>;
  const parts = [
    s.provinces.length ? t('provinces', { list: s.provinces.join('、') }) : null,
    s.industries.length ? t('industries', { list: s.industries.join('、') }) : null,
    s.grades.length ? t('grades', { list: s.grades.join('、') }) : null,
    s.keyAccountsOnly ? t('keyAccountsOnly') : null,
    s.customerIds.length ? t('customers', { count: s.customerIds.length }) : null,
  ].filter(Boolean);
  return <>{parts.join('；')}</>;
}

type Draft = SegmentDraft & {
  name: string;
  intervalMonths: string;
  assignToOwner: boolean;
  assigneeId: string;
  active: boolean;
};

function ProgrammeDialog({ row, onClose }: { row: Row | null; onClose: () => void }) {
  const t = useTranslations('callbackProgrammes.form');
  const formId = useId();
  const errorMessage = useErrorMessage();
  const create = useGqlMutation(CallbackProgrammeCreateMutation, { invalidates: INVALIDATES });
  const update = useGqlMutation(CallbackProgrammeUpdateMutation, { invalidates: INVALIDATES });
  // The people who may be given callbacks (the desk), as the callback dialogs offer them.
  const assignees = useGqlQuery(CallbackAssigneesQuery, {});
  const form = useRowDialogForm({
    initial: (): Draft => ({
      name: row?.name ?? '',
      intervalMonths: String(row?.intervalMonths ?? CALLBACK_PROGRAMME_INTERVAL_DEFAULT),
      ...segmentDraft(row?.segment, false),
      assignToOwner: row?.assignToOwner ?? true,
      assigneeId: row?.assignee?.id ?? '',
      active: row?.active ?? true,
    }),
    fields: ['name', 'intervalMonths', 'segment', 'assigneeId'],
    validate: (d): Record<string, string> => {
      const n = Number(d.intervalMonths);
      return Number.isInteger(n) && n >= CALLBACK_PROGRAMME_INTERVAL_MIN && n <= CALLBACK_PROGRAMME_INTERVAL_MAX
        ? {}
        : { intervalMonths: t('intervalInvalid') };
    },
    row,
    input: (d) => ({
      name: d.name,
      intervalMonths: Number(d.intervalMonths),
      segment: segmentInput(d),
      assignToOwner: d.assignToOwner,
      assigneeId: d.assigneeId || null,
      active: d.active,
    }),
    create: create.mutateAsync,
    update: update.mutateAsync,
    onClose,
    errorMessage,
  });
  const { values, set, fieldErrors } = form;
  return (
    <FormDialog
      open
      onClose={onClose}
      title={row ? t('editTitle') : t('createTitle')}
      testId="programme-dialog"
      {...form.dialogProps}
      submitLabel={t('save')}
      pendingLabel="…"
      submitTestId="programme-save"
      size="lg"
    >
      <TextField
        {...form.field('name')}
        label={t('name')}
        maxLength={CALLBACK_PROGRAMME_NAME_MAX}
        testId="programme-name"
      />
      <TextField
        {...form.field('intervalMonths')}
        type="number"
        label={t('intervalMonths')}
        hint={t('intervalHint')}
        testId="programme-interval"
      />
      <fieldset className="space-y-2">
        <legend className="mb-1 block text-xs font-medium text-slate-700">{t('segment')}</legend>
        <CheckboxField
          id={`${formId}-all`}
          label={t('all')}
          checked={values.all}
          onChange={(all) => set('all', all, 'segment')}
        />
        {fieldErrors.segment && <p className="text-xs text-red-700">{fieldErrors.segment}</p>}
        {!values.all && (
          <SegmentFields form={form} t={t} listHint={t('listHint')} alsoClears={['segment']} testIdPrefix="programme" />
        )}
      </fieldset>
      <CheckboxField
        id={`${formId}-owner`}
        label={t('assignToOwner')}
        hint={t('assignToOwnerHint')}
        checked={values.assignToOwner}
        onChange={(on) => set('assignToOwner', on)}
      />
      <SelectField
        {...form.field('assigneeId')}
        label={t('assigneeId')}
        options={[
          { value: '', label: t('assigneePool') },
          ...(assignees.data?.callbackAssignees ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` })),
        ]}
        testId="programme-assignee"
      />
      <CheckboxField
        id={`${formId}-active`}
        label={t('active')}
        checked={values.active}
        onChange={(on) => set('active', on)}
      />
    </FormDialog>
  );
}
