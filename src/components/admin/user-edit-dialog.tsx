'use client';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { SelectField } from '@/components/ui/form-controls';
import { TextField } from '@/components/ui/form-field';
import { FormDialog } from '@/components/ui/form-dialog';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { getFragmentData } from '@/gql';
import type { AdminUserRowFragment as UserRow, Role } from '@/gql/graphql';
import { STAFF_ACCOUNT_ROLES, USER_LIMITS } from '@/graphql/admin/admin.rules';
import { useGqlMutation } from '@/lib/data/gql-hooks';
import { AdminUpdateUserMutation } from './directory-operations';
import { useAdminErrorMessage } from './errors';
import { AdminUserRowFragment } from './operations';

type Department = { id: string; name: string; active?: boolean };
type UserDraft = { name: string; phone: string; role: Role; departmentId: string; active: boolean };

/**
 * Edits an account (users:manage): name, phone, role, department, active — with the version it was read at, so a
 * concurrent edit is a CONFLICT, not lost. A portal account keeps its customer role and has no department.
 */
export function UserEditDialog({
  user,
  isSelf,
  departments,
  onClose,
  onSaved,
}: {
  user: UserRow;
  isSelf: boolean;
  departments: readonly Department[] | null;
  onClose: () => void;
  onSaved: (user: UserRow) => void;
}) {
  const t = useTranslations('admin.users.form');
  const tEdit = useTranslations('admin.users.edit');
  const tRoles = useTranslations('admin.roles');
  const tc = useTranslations('common');
  const errorMessage = useAdminErrorMessage();
  const formId = useId();
  const update = useGqlMutation(AdminUpdateUserMutation, { invalidates: ['AdminUsers', 'AdminDepartmentList'] });
  const isCustomerAccount = user.role === 'CUSTOMER';
  const form = useDialogForm({
    initial: (): UserDraft => ({
      name: user.name,
      phone: user.phone ?? '',
      role: user.role ?? 'SERVICE_AGENT',
      departmentId: user.department?.id ?? '',
      active: user.active ?? true,
    }),
    fields: ['name', 'phone', 'role', 'departmentId', 'active'],
    validate: (draft): Record<string, string> => (draft.name.trim() ? {} : { name: t('nameRequired') }),
    submit: async (draft) => {
      const { updateUser } = await update.mutateAsync({
        id: user.id,
        input: {
          name: draft.name.trim(),
          phone: draft.phone.trim() || null,
          role: draft.role,
          departmentId: isCustomerAccount ? null : draft.departmentId || null,
          active: draft.active,
          version: user.version ?? 1,
        },
      });
      return getFragmentData(AdminUserRowFragment, updateUser);
    },
    onDone: onSaved,
    errorMessage,
  });
  const { values, set, fieldErrors } = form;
  // Active departments, and the account's own even if it was deactivated since (the form shows the truth).
  const departmentOptions = (departments ?? []).filter((d) => d.active !== false || d.id === user.department?.id);

  return (
    <FormDialog
      open
      onClose={onClose}
      title={tEdit('title', { name: user.name })}
      testId="user-edit-dialog"
      {...form.dialogProps}
      submitLabel={tEdit('submit')}
      pendingLabel={tc('saving')}
      submitTestId="user-edit-submit"
    >
      <p className="text-sm text-slate-600">{user.email}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          {...form.field('name')}
          label={t('name')}
          autoFocus
          maxLength={USER_LIMITS.nameMaxLength}
          testId="user-edit-name"
        />
        <TextField
          {...form.field('phone')}
          label={tEdit('phone')}
          type="tel"
          maxLength={USER_LIMITS.phoneMaxLength}
          testId="user-edit-phone"
        />
      </div>
      {!isCustomerAccount && (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            id={`${formId}-role`}
            label={t('role')}
            error={fieldErrors.role}
            options={STAFF_ACCOUNT_ROLES.map((role) => ({ value: role, label: tRoles(role) }))}
            value={values.role}
            onChange={(value) => {
              const role = STAFF_ACCOUNT_ROLES.find((r) => r === value);
              if (role) set('role', role);
            }}
            testId="user-edit-role"
          />
          <DepartmentField
            {...form.field('departmentId')}
            departments={departments && departmentOptions}
            testId="user-edit-department"
          />
        </div>
      )}
      {!isSelf && (
        <CheckboxField
          id={`${formId}-active`}
          label={tEdit('active')}
          hint={tEdit('activeHint')}
          error={fieldErrors.active}
          checked={values.active}
          onChange={(active) => set('active', active)}
          testId="user-edit-active"
        />
      )}
    </FormDialog>
  );
}

/** A staff account's department: none, or one of `departments` (null while they load: the field waits for them). */
export function DepartmentField({
  departments,
  ...field
}: {
  id: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  departments: readonly { id: string; name: string }[] | null;
  testId: string;
}) {
  const t = useTranslations('admin.users.form');
  const tc = useTranslations('common');
  return (
    <SelectField
      {...field}
      label={t('department')}
      disabled={departments === null}
      options={[
        { value: '', label: departments === null ? tc('loading') : t('noDepartment') },
        ...(departments ?? []).map((d) => ({ value: d.id, label: d.name })),
      ]}
    />
  );
}
