'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormField } from '@/components/ui/form-field';
import { FormDialog } from '@/components/ui/form-dialog';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorBanner, StatusMessage } from '@/components/ui/status';
import { useFormErrors } from '@/components/ui/use-form-errors';
import type { AdminUserRowFragment, Role } from '@/gql/graphql';
import { fieldErrorsOf } from '@/lib/gql-error-message';
import { gqlRequest } from '@/lib/graphql-client';
import { CustomerPicker, type PickedCustomer } from './customer-picker';
import { errorMessage } from './errors';
import {
  AdminCreateUserMutation,
  AdminDepartmentsQuery,
  AdminSetUserActiveMutation,
  AdminUsersQuery,
} from './operations';

type UserRow = AdminUserRowFragment;
type Department = { id: string; code: string; name: string };

/** In the order of the SPEC's actors table; CUSTOMER last, as it is a portal account, not staff. */
const ROLES: readonly Role[] = [
  'ADMIN',
  'SERVICE_AGENT',
  'QUALITY_MANAGER',
  'DEPARTMENT_HANDLER',
  'SERVICE_MANAGER',
  'EXECUTIVE',
  'DISPATCHER',
  'TECHNICIAN',
  'CUSTOMER',
];
const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

const MIN_PASSWORD_LENGTH = 10;

type LoadState =
  | { status: 'loading'; rows: UserRow[] | null }
  | { status: 'error'; message: string }
  | { status: 'ready'; rows: UserRow[] };

export function UsersManager({ currentUserId }: { currentUserId: string }) {
  const t = useTranslations('admin.users');
  const tRoles = useTranslations('admin.roles');
  const tc = useTranslations('common');

  const [role, setRole] = useState<Role | ''>('');
  const [search, setSearch] = useState('');
  const [debouncedSearch, setDebouncedSearch] = useState('');
  const [state, setState] = useState<LoadState>({ status: 'loading', rows: null });
  const [reloadToken, setReloadToken] = useState(0);
  const [departments, setDepartments] = useState<Department[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [toggleTarget, setToggleTarget] = useState<UserRow | null>(null);
  const [togglePending, setTogglePending] = useState(false);
  const [toggleError, setToggleError] = useState<string | null>(null);
  const latestRequest = useRef(0);

  useEffect(() => {
    const timer = setTimeout(() => setDebouncedSearch(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const load = useCallback(async () => {
    // Only the newest request may update the table, so a slow earlier search cannot overwrite a later one.
    const requestId = ++latestRequest.current;
    setState((current) => ({ status: 'loading', rows: current.status === 'error' ? null : current.rows }));
    try {
      const data = await gqlRequest(AdminUsersQuery, { role: role || null, search: debouncedSearch || null });
      if (requestId === latestRequest.current) setState({ status: 'ready', rows: data.users });
    } catch (error) {
      if (requestId === latestRequest.current) setState({ status: 'error', message: errorMessage(error, tc) });
    }
  }, [role, debouncedSearch, tc]);

  useEffect(() => {
    void load();
  }, [load, reloadToken]);

  useEffect(() => {
    gqlRequest(AdminDepartmentsQuery)
      .then((data) => setDepartments(data.departments))
      .catch(() => setDepartments([]));
  }, []);

  async function toggleActive() {
    if (!toggleTarget) return;
    const activate = !toggleTarget.active;
    setTogglePending(true);
    setToggleError(null);
    try {
      const data = await gqlRequest(AdminSetUserActiveMutation, { id: toggleTarget.id, active: activate });
      const updated = data.setUserActive;
      setState((current) =>
        current.status === 'ready'
          ? { ...current, rows: current.rows.map((u) => (u.id === updated.id ? updated : u)) }
          : current,
      );
      setNotice(t(activate ? 'activatedNotice' : 'deactivatedNotice', { name: updated.name }));
      setToggleTarget(null);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setToggleError(fields.id ?? errorMessage(error, tc));
    } finally {
      setTogglePending(false);
    }
  }

  const rows = state.status === 'error' ? null : state.rows;
  const filtered = role !== '' || debouncedSearch !== '';

  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        <button
          type="button"
          className={buttonClass.primary}
          onClick={() => setCreating(true)}
          data-testid="user-create"
        >
          + {t('create')}
        </button>
      </PageHeader>

      <form role="search" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
        <label className="block">
          <span className="mb-1 block text-xs font-medium text-slate-600">{t('filters.role')}</span>
          <select
            value={role}
            onChange={(e) => setRole(isRole(e.target.value) ? e.target.value : '')}
            className={`${inputClass} w-48`}
            data-testid="users-role-filter"
          >
            <option value="">{t('filters.allStaff')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {tRoles(r)}
              </option>
            ))}
          </select>
        </label>
        <label className="block min-w-56 flex-1 sm:max-w-xs">
          <span className="mb-1 block text-xs font-medium text-slate-600">{t('filters.search')}</span>
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('filters.searchPlaceholder')}
            className={inputClass}
            data-testid="users-search"
          />
        </label>
        {filtered && (
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => {
              setRole('');
              setSearch('');
              setDebouncedSearch('');
            }}
          >
            {tc('reset')}
          </button>
        )}
        <span className="ml-auto text-sm text-slate-500" aria-live="polite">
          {state.status === 'loading' ? tc('loading') : rows ? t('count', { count: rows.length }) : ''}
        </span>
      </form>

      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}

      {state.status === 'error' && <ErrorBanner message={state.message} onRetry={() => setReloadToken((n) => n + 1)} />}

      {rows === null && state.status === 'loading' && <StatusMessage tone="info">{tc('loading')}</StatusMessage>}

      {rows && rows.length === 0 && (
        <div
          className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600"
          data-testid="users-empty"
        >
          {t('empty')}
        </div>
      )}

      {rows && rows.length > 0 && (
        <div
          className={`overflow-x-auto rounded-lg border border-slate-200 bg-white transition-opacity ${state.status === 'loading' ? 'opacity-60' : ''}`}
          aria-busy={state.status === 'loading'}
        >
          <table className="min-w-full text-sm" data-testid="users-table">
            <caption className="sr-only">{t('title')}</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">
                  {t('columns.name')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('columns.email')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('columns.role')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('columns.department')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('columns.status')}
                </th>
                <th scope="col" className="px-4 py-3 text-right">
                  {t('columns.actions')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((user) => {
                const isSelf = user.id === currentUserId;
                return (
                  <tr
                    key={user.id}
                    data-testid="user-row"
                    data-user-email={user.email}
                    className={user.active ? '' : 'text-slate-500'}
                  >
                    <td className="px-4 py-3 font-medium text-slate-900">
                      {user.name}
                      {isSelf && <span className="font-normal text-slate-500">{t('you')}</span>}
                    </td>
                    <td className="px-4 py-3">{user.email}</td>
                    <td className="px-4 py-3 whitespace-nowrap">{user.role && tRoles(user.role)}</td>
                    <td className="px-4 py-3">{user.department?.name ?? '—'}</td>
                    <td className="px-4 py-3 whitespace-nowrap">
                      <span
                        className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${user.active ? 'bg-green-50 text-green-800 ring-green-600/20' : 'bg-slate-100 text-slate-600 ring-slate-500/20'}`}
                      >
                        {user.active ? t('status.active') : t('status.inactive')}
                      </span>
                    </td>
                    <td className="px-4 py-3 text-right whitespace-nowrap">
                      {/* The service refuses to deactivate yourself (you would lock yourself out); so does the UI. */}
                      {!isSelf && (
                        <button
                          type="button"
                          className={user.active ? buttonClass.dangerGhost : buttonClass.ghost}
                          aria-label={`${user.active ? t('deactivate') : t('activate')} ${user.name}`}
                          data-testid="user-toggle-active"
                          onClick={() => {
                            setToggleError(null);
                            setToggleTarget(user);
                          }}
                        >
                          {user.active ? t('deactivate') : t('activate')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <CreateUserDialog
        open={creating}
        departments={departments}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setCreating(false);
          setNotice(t('createdNotice', { name: user.name }));
          setReloadToken((n) => n + 1);
        }}
      />

      <ConfirmDialog
        open={toggleTarget !== null}
        tone={toggleTarget?.active ? 'danger' : 'primary'}
        title={toggleTarget?.active ? t('deactivateTitle') : t('activateTitle')}
        body={
          toggleTarget
            ? t(toggleTarget.active ? 'deactivateBody' : 'activateBody', {
                name: toggleTarget.name,
                email: toggleTarget.email ?? '',
              })
            : ''
        }
        confirmLabel={toggleTarget?.active ? t('deactivate') : t('activate')}
        pendingLabel={tc('saving')}
        pending={togglePending}
        error={toggleError}
        onConfirm={() => void toggleActive()}
        onCancel={() => setToggleTarget(null)}
      />
    </div>
  );
}

function CreateUserDialog({
  open,
  departments,
  onClose,
  onCreated,
}: {
  open: boolean;
  departments: Department[] | null;
  onClose: () => void;
  onCreated: (user: UserRow) => void;
}) {
  const t = useTranslations('admin.users.form');
  const tRoles = useTranslations('admin.roles');
  const tc = useTranslations('common');
  const formId = useId();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('SERVICE_AGENT');
  const [departmentId, setDepartmentId] = useState('');
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const { fieldErrors, setFieldErrors, formError, setFormError, edited, clear: clearErrors } = useFormErrors();
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!open) return;
    setEmail('');
    setName('');
    setPassword('');
    setRole('SERVICE_AGENT');
    setDepartmentId('');
    setCustomer(null);
    clearErrors();
  }, [open, clearErrors]);

  const isCustomerAccount = role === 'CUSTOMER';

  function validate(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errors.email = t('emailInvalid');
    if (!name.trim()) errors.name = t('nameRequired');
    if (password.length < MIN_PASSWORD_LENGTH) errors.password = t('passwordTooShort');
    if (isCustomerAccount && !customer) errors.customerId = t('customerRequired');
    return errors;
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const errors = validate();
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length > 0) {
      // Take the keyboard to the first field that needs fixing (after React has marked it invalid).
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setPending(true);
    try {
      const data = await gqlRequest(AdminCreateUserMutation, {
        input: {
          email: email.trim(),
          name: name.trim(),
          password,
          role,
          // Portal accounts belong to an organisation, not a department; staff accounts never to a customer.
          departmentId: isCustomerAccount ? null : departmentId || null,
          customerId: isCustomerAccount ? (customer?.id ?? null) : null,
        },
      });
      onCreated(data.createUser);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setFieldErrors(fields);
      const shown = ['email', 'name', 'password', 'role', 'departmentId', 'customerId'];
      if (!Object.keys(fields).some((key) => shown.includes(key))) setFormError(errorMessage(error, tc));
    } finally {
      setPending(false);
    }
  }

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={t('title')}
      testId="user-create-dialog"
      pending={pending}
      formError={formError}
      submitLabel={t('submit')}
      pendingLabel={t('submitting')}
      submitTestId="user-submit"
      onSubmit={submit}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={`${formId}-email`} label={t('email')} error={fieldErrors.email}>
          {(props) => (
            <input
              {...props}
              type="email"
              autoFocus
              autoComplete="off"
              value={email}
              onChange={(e) => {
                setEmail(e.target.value);
                edited('email');
              }}
              className={inputClass}
              data-testid="user-email"
            />
          )}
        </FormField>
        <FormField id={`${formId}-name`} label={t('name')} error={fieldErrors.name}>
          {(props) => (
            <input
              {...props}
              type="text"
              maxLength={100}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                edited('name');
              }}
              className={inputClass}
              data-testid="user-name"
            />
          )}
        </FormField>
      </div>

      <FormField id={`${formId}-password`} label={t('password')} hint={t('passwordHint')} error={fieldErrors.password}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              edited('password');
            }}
            className={inputClass}
            data-testid="user-password"
          />
        )}
      </FormField>

      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={`${formId}-role`} label={t('role')} error={fieldErrors.role}>
          {(props) => (
            <select
              {...props}
              value={role}
              onChange={(e) => isRole(e.target.value) && setRole(e.target.value)}
              className={inputClass}
              data-testid="user-role"
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tRoles(r)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {!isCustomerAccount && (
          <FormField id={`${formId}-department`} label={t('department')} error={fieldErrors.departmentId}>
            {(props) => (
              <select
                {...props}
                value={departmentId}
                onChange={(e) => setDepartmentId(e.target.value)}
                className={inputClass}
                disabled={departments === null}
                data-testid="user-department"
              >
                <option value="">{departments === null ? tc('loading') : t('noDepartment')}</option>
                {departments?.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
      </div>

      {isCustomerAccount && (
        <FormField
          id={`${formId}-customer`}
          label={t('customer')}
          hint={t('customerHint')}
          error={fieldErrors.customerId}
        >
          {(props) => (
            <CustomerPicker
              id={props.id}
              value={customer}
              onChange={(picked) => {
                setCustomer(picked);
                edited('customerId');
              }}
              invalid={props['aria-invalid']}
              describedBy={props['aria-describedby']}
            />
          )}
        </FormField>
      )}
    </FormDialog>
  );
}
