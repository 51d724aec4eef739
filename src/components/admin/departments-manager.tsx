'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { DataTable, queryTableState, type Column } from '@/components/ui/data-table';
import { SelectField } from '@/components/ui/form-controls';
import { TextField } from '@/components/ui/form-field';
import { FormDialog } from '@/components/ui/form-dialog';
import { PageHeader } from '@/components/ui/page-header';
import { actionsColumn, RowAction } from '@/components/ui/row-action';
import { Badge, StatusMessage } from '@/components/ui/status';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { getFragmentData } from '@/gql';
import type { AdminDepartmentRowFragment as DepartmentRow } from '@/gql/graphql';
import { DEPARTMENT_CODE_SHAPE, DEPARTMENT_LIMITS } from '@/graphql/directory/directory.rules';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import {
  AdminCreateDepartmentMutation,
  AdminDepartmentListQuery,
  AdminDepartmentRowFragment,
  AdminUpdateDepartmentMutation,
} from './directory-operations';
import { useAdminErrorMessage } from './errors';
import { AdminUserRowFragment, AdminUsersQuery } from './operations';

/** A department change shows on this list, in every department picker and on the users' rows. */
const DEPARTMENTS_CHANGED = ['AdminDepartmentList', 'AdminDepartments', 'AdminUsers'];

/** Departments (SPEC §10): code, name, head (the escalation ladder's second rung), members, active. */
export function DepartmentsManager() {
  const t = useTranslations('admin.departments');
  const errorMessage = useAdminErrorMessage();
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<DepartmentRow | 'new' | null>(null);
  const departments = useGqlQuery(AdminDepartmentListQuery);
  const rows = getFragmentData(AdminDepartmentRowFragment, departments.data?.departments ?? []);

  const columns: Column<DepartmentRow>[] = [
    { id: 'code', header: t('columns.code'), className: 'font-mono text-xs', cell: (d) => d.code },
    { id: 'name', header: t('columns.name'), className: 'font-medium text-slate-900', cell: (d) => d.name },
    { id: 'head', header: t('columns.head'), cell: (d) => d.head?.name ?? '—' },
    { id: 'members', header: t('columns.members'), className: 'tabular-nums', cell: (d) => d.memberCount },
    {
      id: 'status',
      header: t('columns.status'),
      cell: (d) => <Badge tone={d.active ? 'green' : 'slate'}>{d.active ? t('active') : t('inactive')}</Badge>,
    },
    actionsColumn(t('columns.actions'), (d) => (
      <RowAction label={t('edit')} subject={d.name} onClick={() => setEditing(d)} testId="department-edit" />
    )),
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        action={{ label: `+ ${t('create')}`, onClick: () => setEditing('new'), testId: 'department-create' }}
      />
      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(d) => d.id}
        rowClassName={(d) => (d.active ? '' : 'text-slate-500')}
        state={queryTableState(departments, errorMessage)}
        caption={t('title')}
        empty={t('empty')}
        testId="departments-table"
        rowTestId="department-row"
      />
      {editing && (
        <DepartmentDialog
          department={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(t(editing === 'new' ? 'createdNotice' : 'savedNotice', { name: saved.name }));
          }}
        />
      )}
    </div>
  );
}

type DepartmentDraft = { code: string; name: string; headId: string; active: boolean };

function DepartmentDialog({
  department,
  onClose,
  onSaved,
}: {
  department: DepartmentRow | null;
  onClose: () => void;
  onSaved: (department: DepartmentRow) => void;
}) {
  const t = useTranslations('admin.departments.form');
  const tc = useTranslations('common');
  const errorMessage = useAdminErrorMessage();
  const staff = useGqlQuery(AdminUsersQuery, { role: null, search: null });
  const create = useGqlMutation(AdminCreateDepartmentMutation, { invalidates: DEPARTMENTS_CHANGED });
  const update = useGqlMutation(AdminUpdateDepartmentMutation, { invalidates: DEPARTMENTS_CHANGED });
  const form = useDialogForm({
    initial: (): DepartmentDraft => ({
      code: department?.code ?? '',
      name: department?.name ?? '',
      headId: department?.head?.id ?? '',
      active: department?.active ?? true,
    }),
    fields: ['code', 'name', 'headId', 'active'],
    validate: (draft) => {
      const errors: Record<string, string> = {};
      if (!department && !DEPARTMENT_CODE_SHAPE.test(draft.code.trim())) errors.code = t('codeInvalid');
      if (!draft.name.trim()) errors.name = t('nameRequired');
      return errors;
    },
    submit: async (draft) => {
      const headId = draft.headId || null;
      if (!department) {
        const { createDepartment } = await create.mutateAsync({
          input: { code: draft.code.trim(), name: draft.name.trim(), headId },
        });
        return getFragmentData(AdminDepartmentRowFragment, createDepartment);
      }
      const { updateDepartment } = await update.mutateAsync({
        id: department.id,
        input: { name: draft.name.trim(), headId, active: draft.active, version: department.version },
      });
      return getFragmentData(AdminDepartmentRowFragment, updateDepartment);
    },
    onDone: onSaved,
    errorMessage,
  });
  const { values, set } = form;
  // Heads are active staff; the current head stays listed even when no longer active, so the form shows the truth.
  const heads = getFragmentData(AdminUserRowFragment, staff.data?.users ?? []).filter(
    (u) => u.active || u.id === department?.head?.id,
  );

  return (
    <FormDialog
      open
      onClose={onClose}
      title={department ? t('editTitle', { name: department.name }) : t('createTitle')}
      testId="department-dialog"
      {...form.dialogProps}
      submitLabel={department ? t('save') : t('create')}
      pendingLabel={tc('saving')}
      submitTestId="department-submit"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {department ? (
          <TextField id="department-code" label={t('code')} value={department.code} onChange={() => {}} readOnly />
        ) : (
          <TextField
            {...form.field('code')}
            label={t('code')}
            hint={t('codeHint')}
            autoFocus
            maxLength={DEPARTMENT_LIMITS.codeMaxLength}
            testId="department-code"
          />
        )}
        <TextField
          {...form.field('name')}
          label={t('name')}
          autoFocus={!!department}
          maxLength={DEPARTMENT_LIMITS.nameMaxLength}
          testId="department-name"
        />
      </div>
      <SelectField
        {...form.field('headId')}
        label={t('head')}
        hint={t('headHint')}
        disabled={!staff.data}
        options={[
          { value: '', label: staff.data ? t('noHead') : tc('loading') },
          ...heads.map((u) => ({ value: u.id, label: u.department ? `${u.name}（${u.department.name}）` : u.name })),
        ]}
        testId="department-head"
      />
      {department && (
        <CheckboxField
          id={`${form.field('name').id}-active`}
          error={form.fieldErrors.active}
          checked={values.active}
          onChange={(active) => set('active', active)}
          label={t('active')}
          hint={t('activeHint')}
          testId="department-active"
        />
      )}
    </FormDialog>
  );
}
