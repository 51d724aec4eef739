'use client';
import { useTimeZone, useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useState } from 'react';
import { buttonClass, inputClass, labelClass } from '@/components/ui/classes';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormField } from '@/components/ui/form-field';
import { FormDialog } from '@/components/ui/form-dialog';
import { Modal } from '@/components/ui/modal';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorBanner, StatusMessage } from '@/components/ui/status';
import { useFormErrors } from '@/components/ui/use-form-errors';
import type { AdminApiKeyRowFragment } from '@/gql/graphql';
import { endOfDayIn, formatDateTime, todayIn } from '@/lib/format';
import { fieldErrorsOf } from '@/lib/gql-error-message';
import { gqlRequest } from '@/lib/graphql-client';
import { CopyButton } from './copy-button';
import { errorMessage } from './errors';
import { AdminApiKeysQuery, AdminCreateApiKeyMutation, AdminRevokeApiKeyMutation } from './operations';

type ApiKeyRow = AdminApiKeyRowFragment;
type KeyStatus = 'active' | 'revoked' | 'expired';

const FALLBACK_TIME_ZONE = 'Asia/Shanghai';

function keyStatus(key: ApiKeyRow, now: number): KeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

/** Scope codes are permission names (`customers:read`); message keys cannot hold the colon, so it becomes `_`. */
function useScopeLabel() {
  const t = useTranslations('admin.scopes');
  return (scope: string) => {
    const key = scope.replace(':', '_');
    return t.has(key) ? t(key) : scope;
  };
}

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; keys: ApiKeyRow[]; scopes: string[] };

export function ApiKeysManager() {
  const t = useTranslations('admin.apiKeys');
  const tc = useTranslations('common');
  const timeZone = useTimeZone() ?? FALLBACK_TIME_ZONE;
  const scopeLabel = useScopeLabel();

  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [revokeTarget, setRevokeTarget] = useState<ApiKeyRow | null>(null);
  const [revokePending, setRevokePending] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      const data = await gqlRequest(AdminApiKeysQuery);
      setState({ status: 'ready', keys: data.apiKeys, scopes: data.apiScopes });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error, tc) });
    }
  }, [tc]);

  useEffect(() => {
    void load();
  }, [load]);

  const replaceRow = (row: ApiKeyRow, prepend = false) =>
    setState((current) =>
      current.status !== 'ready'
        ? current
        : {
            ...current,
            keys: prepend
              ? [row, ...current.keys.filter((k) => k.id !== row.id)]
              : current.keys.map((k) => (k.id === row.id ? row : k)),
          },
    );

  async function revoke() {
    if (!revokeTarget) return;
    setRevokePending(true);
    setRevokeError(null);
    try {
      const data = await gqlRequest(AdminRevokeApiKeyMutation, { id: revokeTarget.id });
      replaceRow(data.revokeApiKey);
      setNotice(t('revokedNotice', { name: revokeTarget.name }));
      setRevokeTarget(null);
    } catch (error) {
      setRevokeError(errorMessage(error, tc));
    } finally {
      setRevokePending(false);
    }
  }

  const now = Date.now();

  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        <button
          type="button"
          className={buttonClass.primary}
          onClick={() => setCreating(true)}
          disabled={state.status !== 'ready'}
          data-testid="api-key-create"
        >
          + {t('create')}
        </button>
      </PageHeader>

      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}

      {state.status === 'loading' && <StatusMessage tone="info">{tc('loading')}</StatusMessage>}
      {state.status === 'error' && <ErrorBanner message={state.message} onRetry={() => void load()} />}

      {state.status === 'ready' && state.keys.length === 0 && (
        <div
          className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center"
          data-testid="api-keys-empty"
        >
          <p className="font-medium text-slate-700">{t('empty')}</p>
          <p className="mt-1 text-sm text-slate-500">{t('emptyHint')}</p>
        </div>
      )}

      {state.status === 'ready' && state.keys.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="api-keys-table">
            <caption className="sr-only">{t('title')}</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">
                  {t('columns.name')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('columns.prefix')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('columns.scopes')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('columns.createdBy')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('columns.lastUsed')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('columns.expires')}
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
              {state.keys.map((key) => {
                const status = keyStatus(key, now);
                return (
                  <tr
                    key={key.id}
                    data-testid="api-key-row"
                    data-key-id={key.id}
                    className={status === 'active' ? '' : 'text-slate-500'}
                  >
                    <td className="px-4 py-3 font-medium text-slate-900">{key.name}</td>
                    <td className="px-4 py-3">
                      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{key.prefix}…</code>
                    </td>
                    <td className="px-4 py-3">
                      <ul className="flex flex-wrap gap-1">
                        {key.scopes.map((scope) => (
                          <li
                            key={scope}
                            className="rounded bg-blue-50 px-2 py-0.5 text-xs text-blue-800"
                            title={scope}
                          >
                            {scopeLabel(scope)}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap">
                      <div>{key.createdBy?.name ?? t('unknownUser')}</div>
                      <div className="text-xs text-slate-500">{formatDateTime(key.createdAt, timeZone)}</div>
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap">
                      {key.lastUsedAt ? (
                        formatDateTime(key.lastUsedAt, timeZone)
                      ) : (
                        <span className="text-slate-400">{t('neverUsed')}</span>
                      )}
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap">
                      {key.expiresAt ? (
                        formatDateTime(key.expiresAt, timeZone)
                      ) : (
                        <span className="text-slate-400">{t('noExpiry')}</span>
                      )}
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap">
                      <StatusBadge status={status} label={t(`status.${status}`)} />
                      {key.revokedAt && (
                        <div className="mt-1 text-xs text-slate-500">{formatDateTime(key.revokedAt, timeZone)}</div>
                      )}
                    </td>
                    <td className="px-4 py-3 text-right">
                      {status !== 'revoked' && (
                        <button
                          type="button"
                          className={buttonClass.dangerGhost}
                          onClick={() => {
                            setRevokeError(null);
                            setRevokeTarget(key);
                          }}
                          aria-label={`${t('revoke')} ${key.name}`}
                          data-testid="api-key-revoke"
                        >
                          {t('revoke')}
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

      {state.status === 'ready' && (
        <CreateApiKeyDialog
          open={creating}
          scopes={state.scopes}
          scopeLabel={scopeLabel}
          timeZone={timeZone}
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setNotice(null);
            replaceRow(result.apiKey, true);
            setCreated({ key: result.key, name: result.apiKey.name });
          }}
        />
      )}

      <CreatedKeyDialog created={created} onDone={() => setCreated(null)} />

      <ConfirmDialog
        open={revokeTarget !== null}
        title={t('revokeTitle')}
        body={revokeTarget ? t('revokeBody', { name: revokeTarget.name, prefix: revokeTarget.prefix }) : ''}
        confirmLabel={t('revokeConfirm')}
        pendingLabel={t('revoking')}
        pending={revokePending}
        error={revokeError}
        onConfirm={() => void revoke()}
        onCancel={() => setRevokeTarget(null)}
      />
    </div>
  );
}

function StatusBadge({ status, label }: { status: KeyStatus; label: string }) {
  const colours: Record<KeyStatus, string> = {
    active: 'bg-green-50 text-green-800 ring-green-600/20',
    revoked: 'bg-red-50 text-red-700 ring-red-600/20',
    expired: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  };
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${colours[status]}`}>
      {label}
    </span>
  );
}

function CreateApiKeyDialog({
  open,
  scopes,
  scopeLabel,
  timeZone,
  onClose,
  onCreated,
}: {
  open: boolean;
  scopes: string[];
  scopeLabel: (scope: string) => string;
  timeZone: string;
  onClose: () => void;
  onCreated: (result: { key: string; apiKey: ApiKeyRow }) => void;
}) {
  const t = useTranslations('admin.apiKeys.form');
  const tc = useTranslations('common');
  const formId = useId();
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [expiresOn, setExpiresOn] = useState('');
  const { fieldErrors, setFieldErrors, formError, setFormError, edited, clear: clearErrors } = useFormErrors();
  const [pending, setPending] = useState(false);

  // A fresh form each time the dialog opens.
  useEffect(() => {
    if (!open) return;
    setName('');
    setSelected([]);
    setExpiresOn('');
    clearErrors();
  }, [open, clearErrors]);

  const today = todayIn(timeZone);

  function validate(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!name.trim()) errors.name = t('nameRequired');
    if (selected.length === 0) errors.scopes = t('scopesRequired');
    if (expiresOn && expiresOn < today) errors.expiresAt = t('expiresInPast');
    return errors;
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = validate();
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length > 0) return;
    setPending(true);
    try {
      const data = await gqlRequest(AdminCreateApiKeyMutation, {
        input: { name: name.trim(), scopes: selected, expiresAt: expiresOn ? endOfDayIn(expiresOn, timeZone) : null },
      });
      onCreated(data.createApiKey);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setFieldErrors(fields);
      if (Object.keys(fields).length === 0 || fields._) setFormError(errorMessage(error, tc));
    } finally {
      setPending(false);
    }
  }

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={t('title')}
      testId="api-key-create-dialog"
      pending={pending}
      formError={formError}
      submitLabel={t('submit')}
      pendingLabel={t('submitting')}
      submitTestId="api-key-submit"
      onSubmit={submit}
    >
      <FormField id={`${formId}-name`} label={t('name')} error={fieldErrors.name}>
        {(props) => (
          <input
            {...props}
            type="text"
            autoFocus
            maxLength={100}
            value={name}
            placeholder={t('namePlaceholder')}
            onChange={(e) => {
              setName(e.target.value);
              edited('name');
            }}
            className={inputClass}
            data-testid="api-key-name"
          />
        )}
      </FormField>

      <fieldset aria-describedby={`${formId}-scopes-hint${fieldErrors.scopes ? ` ${formId}-scopes-error` : ''}`}>
        <legend className={labelClass}>{t('scopes')}</legend>
        <div className="space-y-2 rounded border border-slate-200 p-3">
          {scopes.map((scope) => (
            <label key={scope} className="flex cursor-pointer items-start gap-3 text-sm">
              <input
                type="checkbox"
                className="mt-0.5 size-4 accent-blue-700"
                checked={selected.includes(scope)}
                onChange={(e) => {
                  const checked = e.target.checked;
                  setSelected((current) => (checked ? [...current, scope] : current.filter((s) => s !== scope)));
                  edited('scopes');
                }}
                data-testid={`api-key-scope-${scope}`}
              />
              <span>
                <span className="font-medium">{scopeLabel(scope)}</span>
                <code className="ml-2 font-mono text-xs text-slate-500">{scope}</code>
              </span>
            </label>
          ))}
        </div>
        {fieldErrors.scopes && (
          <p id={`${formId}-scopes-error`} className="mt-1 text-xs text-red-700">
            {fieldErrors.scopes}
          </p>
        )}
        <p id={`${formId}-scopes-hint`} className="mt-1 text-xs text-slate-500">
          {t('scopesHint')}
        </p>
      </fieldset>

      <FormField
        id={`${formId}-expires`}
        label={t('expiresAt')}
        hint={t('expiresHint', { timeZone })}
        error={fieldErrors.expiresAt}
      >
        {(props) => (
          <input
            {...props}
            type="date"
            min={today}
            value={expiresOn}
            onChange={(e) => {
              setExpiresOn(e.target.value);
              edited('expiresAt');
            }}
            className={`${inputClass} sm:w-56`}
            data-testid="api-key-expires"
          />
        )}
      </FormField>
    </FormDialog>
  );
}

/** The plain key, shown exactly once: only its hash is stored, so the dialog closes only when the admin says so. */
function CreatedKeyDialog({ created, onDone }: { created: { key: string; name: string } | null; onDone: () => void }) {
  const t = useTranslations('admin.apiKeys.created');
  const keyFieldId = useId();
  const endpoint =
    typeof window === 'undefined' ? 'http://localhost:3000/api/graphql' : `${window.location.origin}/api/graphql`;
  const example = created
    ? `curl -H "Authorization: Bearer ${created.key}" -H "content-type: application/json" -d '{"query":"{ customers(first:5){ nodes { name } } }"}' ${endpoint}`
    : '';

  return (
    <Modal
      open={created !== null}
      onClose={onDone}
      title={t('title')}
      dismissible={false}
      size="lg"
      testId="api-key-created-dialog"
      footer={
        <button type="button" className={buttonClass.primary} onClick={onDone} data-testid="api-key-created-done">
          {t('done')}
        </button>
      }
    >
      {created && (
        <div className="space-y-5">
          <p
            role="alert"
            className="flex gap-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            <span aria-hidden="true">⚠</span>
            <span>{t('warning')}</span>
          </p>

          <div>
            <label htmlFor={keyFieldId} className={labelClass}>
              {t('keyLabel')} · {created.name}
            </label>
            <div className="flex flex-col gap-2 sm:flex-row">
              <input
                id={keyFieldId}
                readOnly
                value={created.key}
                onFocus={(e) => e.currentTarget.select()}
                className={`${inputClass} font-mono`}
                data-testid="api-key-plain"
              />
              <CopyButton
                text={created.key}
                label={t('copy')}
                copiedLabel={t('copied')}
                failedLabel={t('copyFailed')}
                testId="api-key-copy"
              />
            </div>
          </div>

          <div>
            <div className="mb-1 flex items-center justify-between gap-2">
              <span className="text-xs font-medium text-slate-700">{t('example')}</span>
              <CopyButton
                text={example}
                label={t('copyExample')}
                copiedLabel={t('copied')}
                failedLabel={t('copyFailed')}
              />
            </div>
            <pre
              className="overflow-x-auto rounded bg-slate-900 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all text-slate-100"
              data-testid="api-key-example"
            >
              {example}
            </pre>
          </div>
        </div>
      )}
    </Modal>
  );
}
