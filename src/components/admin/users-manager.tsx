'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable, queryTableState, type Column } from '@/components/ui/data-table';
import { FilterSearch, FilterSelect } from '@/components/ui/filter-select';
import { SelectField } from '@/components/ui/form-controls';
import { TextField } from '@/components/ui/form-field';
import { FormDialog } from '@/components/ui/form-dialog';
import { PageHeader } from '@/components/ui/page-header';
import { actionsColumn, RowAction } from '@/components/ui/row-action';
import { Badge, StatusMessage } from '@/components/ui/status';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { useDebouncedValue } from '@/components/ui/use-debounced-value';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { getFragmentData } from '@/gql';
import type { AdminUserRowFragment as UserRow, Role } from '@/gql/graphql';
import { ACCOUNT_ROLES, EMAIL_SHAPE, isAccountRole, USER_LIMITS } from '@/graphql/admin/admin.rules';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { fieldErrorsOf } from '@/lib/gql-error-message';
import { CustomerPickerField, type PickedCustomer } from './customer-picker';
import { useAdminErrorMessage } from './errors';
import { DepartmentField, UserEditDialog } from './user-edit-dialog';
import {
  AdminCreateUserMutation,
  AdminDepartmentsQuery,
  AdminSetUserActiveMutation,
  AdminUserRowFragment,
  AdminUsersQuery,
} from './operations';

type Department = { id: string; code: string; name: string; active: boolean };

/** Creating or (de)activating an account changes the user list (and nothing else on the admin screens). */
const USERS_CHANGED = ['AdminUsers'];

export function UsersManager({ currentUserId }: { currentUserId: string }) {
  const t = useTranslations('admin.users');
  const tRoles = useTranslations('admin.roles');
  const tc = useTranslations('common');
  const errorMessage = useAdminErrorMessage();

  const [role, setRole] = useState<Role | ''>('');
  const [search, setSearch] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);

  const debouncedSearch = useDebouncedValue(search.trim(), 300);

  const users = useGqlQuery(
    AdminUsersQuery,
    { role: role || null, search: debouncedSearch || null },
    { keepPrevious: true },
  );
  const departments = useGqlQuery(AdminDepartmentsQuery);
  const setActive = useGqlMutation(AdminSetUserActiveMutation, { invalidates: USERS_CHANGED });

  const toggle = useConfirmedAction(
    async (user: UserRow) => {
      const { setUserActive } = await setActive.mutateAsync({ id: user.id, active: !user.active });
      const updated = getFragmentData(AdminUserRowFragment, setUserActive);
      setNotice(t(updated.active ? 'activatedNotice' : 'deactivatedNotice', { name: updated.name }));
    },
    (user) => ({
      tone: user.active ? 'danger' : 'primary',
      title: user.active ? t('deactivateTitle') : t('activateTitle'),
      body: t(user.active ? 'deactivateBody' : 'activateBody', { name: user.name, email: user.email ?? '' }),
      confirmLabel: user.active ? t('deactivate') : t('activate'),
      pendingLabel: tc('saving'),
    }),
    (error) => fieldErrorsOf(error).id ?? errorMessage(error),
  );

  const roleOptions = useRoleOptions();
  const rows = getFragmentData(AdminUserRowFragment, users.data?.users ?? []);
  const filtered = role !== '' || search.trim() !== '';

  const columns: Column<UserRow>[] = [
    {
      id: 'name',
      header: t('columns.name'),
      className: 'font-medium text-slate-900',
      cell: (user) => (
        <>
          {user.name}
          {user.id === currentUserId && <span className="font-normal text-slate-500">{t('you')}</span>}
        </>
      ),
    },
    { id: 'email', header: t('columns.email'), cell: (user) => user.email },
    {
      id: 'role',
      header: t('columns.role'),
      className: 'whitespace-nowrap',
      cell: (user) => user.role && tRoles(user.role),
    },
    { id: 'department', header: t('columns.department'), cell: (user) => user.department?.name ?? '—' },
    {
      id: 'status',
      header: t('columns.status'),
      className: 'whitespace-nowrap',
      cell: (user) => (
        <Badge tone={user.active ? 'green' : 'slate'}>{user.active ? t('status.active') : t('status.inactive')}</Badge>
      ),
    },
    // The service refuses to deactivate yourself (you would lock yourself out); so does the UI.
    actionsColumn(t('columns.actions'), (user) => (
      <>
        <RowAction label={t('edit.action')} subject={user.name} onClick={() => setEditing(user)} testId="user-edit" />
        {user.id !== currentUserId && (
          <RowAction
            label={user.active ? t('deactivate') : t('activate')}
            subject={user.name}
            tone={user.active ? 'danger' : 'default'}
            onClick={() => toggle.ask(user)}
            testId="user-toggle-active"
          />
        )}
      </>
    )),
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        action={{ label: `+ ${t('create')}`, onClick: () => setCreating(true), testId: 'user-create' }}
      />

      <form role="search" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label={t('filters.role')}
          selectClassName="w-48"
          options={[{ value: '', label: t('filters.allStaff') }, ...roleOptions]}
          value={role}
          onChange={(value) => setRole(isAccountRole(value) ? value : '')}
          testId="users-role-filter"
        />
        <FilterSearch
          label={t('filters.search')}
          placeholder={t('filters.searchPlaceholder')}
          className="block min-w-56 flex-1 sm:max-w-xs"
          value={search}
          onChange={setSearch}
          testId="users-search"
        />
        {filtered && (
          <Button
            kind="secondary"
            onClick={() => {
              setRole('');
              setSearch('');
            }}
          >
            {tc('reset')}
          </Button>
        )}
        <span className="ml-auto text-sm text-slate-500" aria-live="polite">
          {users.isFetching ? tc('loading') : users.data ? t('count', { count: rows.length }) : ''}
        </span>
      </form>

      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}

      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(user) => user.id}
        rowData={(user) => ({ 'data-user-email': user.email ?? '' })}
        rowClassName={(user) => (user.active ? '' : 'text-slate-500')}
        state={queryTableState(users, errorMessage)}
        caption={t('title')}
        empty={t('empty')}
        testId="users-table"
        rowTestId="user-row"
        emptyTestId="users-empty"
      />

      {creating && (
        <CreateUserDialog
          departments={departments.data?.departments ?? null}
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            setNotice(t('createdNotice', { name: user.name }));
          }}
        />
      )}

      {editing && (
        <UserEditDialog
          user={editing}
          isSelf={editing.id === currentUserId}
          departments={departments.data?.departments ?? null}
          onClose={() => setEditing(null)}
          onSaved={(user) => {
            setEditing(null);
            setNotice(t('edit.savedNotice', { name: user.name }));
          }}
        />
      )}

      {toggle.dialog}
    </div>
  );
}

/** The roles an account can have, as select options in the admin's language. */
function useRoleOptions() {
  const tRoles = useTranslations('admin.roles');
  return ACCOUNT_ROLES.map((role) => ({ value: role, label: tRoles(role) }));
}

type UserDraft = {
  email: string;
  name: string;
  password: string;
  role: Role;
  departmentId: string;
  customer: PickedCustomer | null;
};

function CreateUserDialog({
  departments,
  onClose,
  onCreated,
}: {
  departments: readonly Department[] | null;
  onClose: () => void;
  onCreated: (user: UserRow) => void;
}) {
  const t = useTranslations('admin.users.form');
  const roleOptions = useRoleOptions();
  const errorMessage = useAdminErrorMessage();
  const formId = useId();
  const create = useGqlMutation(AdminCreateUserMutation, { invalidates: USERS_CHANGED });
  const form = useDialogForm({
    initial: (): UserDraft => ({
      email: '',
      name: '',
      password: '',
      role: 'SERVICE_AGENT',
      departmentId: '',
      customer: null,
    }),
    fields: ['email', 'name', 'password', 'role', 'departmentId', 'customerId'],
    validate: (draft) => {
      const errors: Record<string, string> = {};
      if (!EMAIL_SHAPE.test(draft.email.trim())) errors.email = t('emailInvalid');
      if (!draft.name.trim()) errors.name = t('nameRequired');
      if (draft.password.length < USER_LIMITS.passwordMinLength)
        errors.password = t('passwordTooShort', { min: USER_LIMITS.passwordMinLength });
      if (draft.role === 'CUSTOMER' && !draft.customer) errors.customerId = t('customerRequired');
      return errors;
    },
    submit: async (draft) => {
      const isCustomerAccount = draft.role === 'CUSTOMER';
      const { createUser } = await create.mutateAsync({
        input: {
          email: draft.email.trim(),
          name: draft.name.trim(),
          password: draft.password,
          role: draft.role,
          // Portal accounts belong to an organisation, not a department; staff accounts never to a customer.
          departmentId: isCustomerAccount ? null : draft.departmentId || null,
          customerId: isCustomerAccount ? (draft.customer?.id ?? null) : null,
        },
      });
      return getFragmentData(AdminUserRowFragment, createUser);
    },
    onDone: onCreated,
    errorMessage,
  });
  const { values, fieldErrors, set } = form;
  const isCustomerAccount = values.role === 'CUSTOMER';

  return (
    <FormDialog
      open
      onClose={onClose}
      title={t('title')}
      testId="user-create-dialog"
      {...form.dialogProps}
      submitLabel={t('submit')}
      pendingLabel={t('submitting')}
      submitTestId="user-submit"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          {...form.field('email')}
          label={t('email')}
          type="email"
          autoFocus
          autoComplete="off"
          maxLength={USER_LIMITS.emailMaxLength}
          testId="user-email"
        />
        <TextField {...form.field('name')} label={t('name')} maxLength={USER_LIMITS.nameMaxLength} testId="user-name" />
      </div>

      <TextField
        {...form.field('password')}
        label={t('password')}
        hint={t('passwordHint', { min: USER_LIMITS.passwordMinLength })}
        type="password"
        autoComplete="new-password"
        minLength={USER_LIMITS.passwordMinLength}
        maxLength={USER_LIMITS.passwordMaxLength}
        testId="user-password"
      />

      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id={`${formId}-role`}
          label={t('role')}
          error={fieldErrors.role}
          options={roleOptions}
          value={values.role}
          onChange={(value) => isAccountRole(value) && set('role', value)}
          testId="user-role"
        />
        {!isCustomerAccount && (
          <DepartmentField
            {...form.field('departmentId')}
            departments={departments && departments.filter((d) => d.active)}
            testId="user-department"
          />
        )}
      </div>

      {isCustomerAccount && (
        <CustomerPickerField
          id={`${formId}-customer`}
          label={t('customer')}
          hint={t('customerHint')}
          error={fieldErrors.customerId}
          value={values.customer}
          onChange={(picked) => set('customer', picked, 'customerId')}
        />
      )}
    </FormDialog>
  );
}
