'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { CheckboxGroup } from '@/components/ui/checkbox-group';
import { CodeChips } from '@/components/ui/code-chips';
import { DataTable, queryTableState, type Column } from '@/components/ui/data-table';
import { TextField } from '@/components/ui/form-field';
import { FormDialog } from '@/components/ui/form-dialog';
import { SecretOnceDialog } from '@/components/ui/secret-once-dialog';
import { PageHeader } from '@/components/ui/page-header';
import { actionsColumn, RowAction } from '@/components/ui/row-action';
import { Badge, StatusMessage } from '@/components/ui/status';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { getFragmentData, type FragmentType } from '@/gql';
import type { AdminApiKeyRowFragment as ApiKeyRow } from '@/gql/graphql';
import { API_KEY_LIMITS } from '@/graphql/admin/admin.rules';
import {
  API_KEY_RATE_LIMIT,
  API_KEY_ROTATION,
  isValidOverlapHours,
  isValidRateLimit,
} from '@/graphql/admin/api-key.rules';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { endOfDayIn, formatDateTime, todayIn } from '@/lib/format';
import { CopyButton } from '@/components/ui/copy-button';
import { useAdminErrorMessage } from './errors';
import {
  AdminApiKeyRowFragment,
  AdminApiKeysQuery,
  AdminCreateApiKeyMutation,
  AdminRevokeApiKeyMutation,
  AdminRotateApiKeyMutation,
  AdminSetApiKeyRateLimitMutation,
} from './operations';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

type KeyStatus = 'active' | 'revoked' | 'expired';

/** Creating or revoking a key changes the key list. */
const KEYS_CHANGED = ['AdminApiKeys'];

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

export function ApiKeysManager() {
  const t = useTranslations('admin.apiKeys');
  const timeZone = useDisplayTimeZone();
  const scopeLabel = useScopeLabel();
  const errorMessage = useAdminErrorMessage();

  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ key: string; name: string; rotated?: boolean } | null>(null);
  const [rotating, setRotating] = useState<ApiKeyRow | null>(null);
  const [limiting, setLimiting] = useState<ApiKeyRow | null>(null);
  const keys = useGqlQuery(AdminApiKeysQuery);
  const revokeKey = useGqlMutation(AdminRevokeApiKeyMutation, { invalidates: KEYS_CHANGED });

  const revoke = useConfirmedAction(
    async (key: ApiKeyRow) => {
      await revokeKey.mutateAsync({ id: key.id });
      setNotice(t('revokedNotice', { name: key.name }));
    },
    (key) => ({
      title: t('revokeTitle'),
      body: t('revokeBody', { name: key.name, prefix: key.prefix }),
      confirmLabel: t('revokeConfirm'),
      pendingLabel: t('revoking'),
    }),
    errorMessage,
  );

  // Expired and "old key still valid" are judged as of when the list was loaded (refetched after every change), not
  // by reading the clock while rendering.
  const now = keys.dataUpdatedAt;
  /** A column of one optional moment of the key, with what its absence means in grey. */
  const timeColumn = (
    id: 'lastUsed' | 'expires',
    at: (key: ApiKeyRow) => string | null | undefined,
    none: string,
  ): Column<ApiKeyRow> => ({
    id,
    header: t(`columns.${id}`),
    className: 'whitespace-nowrap',
    cell: (key) => {
      const value = at(key);
      return value ? formatDateTime(value, timeZone) : <span className="text-slate-400">{none}</span>;
    },
  });
  const columns: Column<ApiKeyRow>[] = [
    { id: 'name', header: t('columns.name'), className: 'font-medium text-slate-900', cell: (key) => key.name },
    {
      id: 'prefix',
      header: t('columns.prefix'),
      cell: (key) => <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{key.prefix}…</code>,
    },
    {
      id: 'scopes',
      header: t('columns.scopes'),
      cell: (key) => <CodeChips codes={key.scopes} labelOf={scopeLabel} />,
    },
    {
      id: 'createdBy',
      header: t('columns.createdBy'),
      className: 'whitespace-nowrap',
      cell: (key) => (
        <div>
          <div>{key.createdBy?.name ?? t('unknownUser')}</div>
          <div className="text-xs text-slate-500">{formatDateTime(key.createdAt, timeZone)}</div>
        </div>
      ),
    },
    timeColumn('lastUsed', (key) => key.lastUsedAt, t('neverUsed')),
    {
      id: 'rateLimit',
      header: t('columns.rateLimit'),
      className: 'whitespace-nowrap',
      cell: (key) => (
        <span data-testid="api-key-rate-limit">
          {t('perMinute', { count: key.effectiveRateLimitPerMinute })}
          {key.rateLimitPerMinute === null && <span className="text-slate-400"> · {t('defaultLimit')}</span>}
        </span>
      ),
    },
    {
      id: 'usage',
      header: t('columns.usage'),
      className: 'whitespace-nowrap text-xs',
      cell: (key) => <UsageCell usage={key.usage} />,
    },
    timeColumn('expires', (key) => key.expiresAt, t('noExpiry')),
    {
      id: 'status',
      header: t('columns.status'),
      className: 'whitespace-nowrap',
      cell: (key) => {
        const status = keyStatus(key, now);
        return (
          <div>
            <Badge tone={STATUS_TONES[status]}>{t(`status.${status}`)}</Badge>
            {key.revokedAt && (
              <div className="mt-1 text-xs text-slate-500">{formatDateTime(key.revokedAt, timeZone)}</div>
            )}
            {!key.revokedAt && key.previousKeyExpiresAt && Date.parse(key.previousKeyExpiresAt) > now && (
              <div className="mt-1 text-xs text-amber-700">
                {t('rotatedUntil', { at: formatDateTime(key.previousKeyExpiresAt, timeZone) })}
              </div>
            )}
          </div>
        );
      },
    },
    actionsColumn(
      t('columns.actions'),
      (key) =>
        keyStatus(key, now) !== 'revoked' && (
          <>
            <RowAction
              label={t('setLimit')}
              subject={key.name}
              onClick={() => setLimiting(key)}
              testId="api-key-set-limit"
            />
            <RowAction
              label={t('rotate')}
              subject={key.name}
              onClick={() => setRotating(key)}
              testId="api-key-rotate"
            />
            <RowAction
              label={t('revoke')}
              subject={key.name}
              tone="danger"
              onClick={() => revoke.ask(key)}
              testId="api-key-revoke"
            />
          </>
        ),
    ),
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        action={{
          label: `+ ${t('create')}`,
          onClick: () => setCreating(true),
          disabled: !keys.data,
          testId: 'api-key-create',
        }}
      />

      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}

      <DataTable
        columns={columns}
        rows={getFragmentData(AdminApiKeyRowFragment, keys.data?.apiKeys ?? [])}
        rowKey={(key) => key.id}
        rowData={(key) => ({ 'data-key-id': key.id })}
        rowClassName={(key) => (keyStatus(key, now) === 'active' ? '' : 'text-slate-500')}
        state={queryTableState(keys, errorMessage)}
        caption={t('title')}
        empty={
          <>
            <p className="font-medium text-slate-700">{t('empty')}</p>
            <p className="mt-1 text-sm text-slate-500">{t('emptyHint')}</p>
          </>
        }
        testId="api-keys-table"
        rowTestId="api-key-row"
        emptyTestId="api-keys-empty"
      />

      {creating && keys.data && (
        <CreateApiKeyDialog
          scopes={keys.data.apiScopes}
          scopeLabel={scopeLabel}
          timeZone={timeZone}
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setNotice(null);
            setCreated({ key: result.key, name: getFragmentData(AdminApiKeyRowFragment, result.apiKey).name });
          }}
        />
      )}

      {rotating && (
        <RotateApiKeyDialog
          apiKey={rotating}
          onClose={() => setRotating(null)}
          onRotated={(key) => {
            setRotating(null);
            setNotice(null);
            setCreated({ key, name: rotating.name, rotated: true });
          }}
        />
      )}

      {limiting && (
        <RateLimitDialog
          apiKey={limiting}
          onClose={() => setLimiting(null)}
          onSaved={() => {
            setLimiting(null);
            setNotice(t('limitSavedNotice', { name: limiting.name }));
          }}
        />
      )}

      <CreatedKeyDialog created={created} onDone={() => setCreated(null)} />

      {revoke.dialog}
    </div>
  );
}

const STATUS_TONES = { active: 'green', revoked: 'red', expired: 'amber' } as const satisfies Record<KeyStatus, string>;

type ApiKeyDraft = { name: string; scopes: string[]; expiresOn: string; rateLimit: string };

/** A key's use: today and the whole window, each day in the tooltip. */
function UsageCell({ usage }: { usage: ApiKeyRow['usage'] }) {
  const t = useTranslations('admin.apiKeys');
  const today = usage.at(-1);
  const calls = usage.reduce((sum, day) => sum + day.calls, 0);
  const errors = usage.reduce((sum, day) => sum + day.errors, 0);
  return (
    <div title={usage.map((day) => t('usageDay', day)).join('\n')} data-testid="api-key-usage">
      <div>{t('usageToday', { calls: today?.calls ?? 0, errors: today?.errors ?? 0 })}</div>
      <div className="text-slate-500">{t('usageWeek', { calls, errors })}</div>
    </div>
  );
}

/** '' (the default) or a whole number of requests per minute within the rules' range; else the message. */
function rateLimitProblem(value: string, message: string): string | undefined {
  if (!value.trim()) return undefined;
  return isValidRateLimit(Number(value)) ? undefined : message;
}
const rateLimitValue = (value: string) => (value.trim() ? Number(value) : null);
const LIMIT_RANGE = {
  min: API_KEY_RATE_LIMIT.minPerMinute,
  max: API_KEY_RATE_LIMIT.maxPerMinute,
  default: API_KEY_RATE_LIMIT.defaultPerMinute,
};

function CreateApiKeyDialog({
  scopes,
  scopeLabel,
  timeZone,
  onClose,
  onCreated,
}: {
  scopes: readonly string[];
  scopeLabel: (scope: string) => string;
  timeZone: string;
  onClose: () => void;
  onCreated: (result: { key: string; apiKey: FragmentType<typeof AdminApiKeyRowFragment> }) => void;
}) {
  const t = useTranslations('admin.apiKeys.form');
  const errorMessage = useAdminErrorMessage();
  const formId = useId();
  const today = todayIn(timeZone);
  const create = useGqlMutation(AdminCreateApiKeyMutation, { invalidates: KEYS_CHANGED });
  const form = useDialogForm({
    initial: (): ApiKeyDraft => ({ name: '', scopes: [], expiresOn: '', rateLimit: '' }),
    fields: ['name', 'scopes', 'expiresAt', 'rateLimitPerMinute'],
    validate: (draft) => {
      const errors: Record<string, string> = {};
      if (!draft.name.trim()) errors.name = t('nameRequired');
      if (draft.scopes.length === 0) errors.scopes = t('scopesRequired');
      if (draft.expiresOn && draft.expiresOn < today) errors.expiresAt = t('expiresInPast');
      const limit = rateLimitProblem(draft.rateLimit, t('rateLimitInvalid', LIMIT_RANGE));
      if (limit) errors.rateLimitPerMinute = limit;
      return errors;
    },
    submit: async (draft) =>
      (
        await create.mutateAsync({
          input: {
            name: draft.name.trim(),
            scopes: draft.scopes,
            expiresAt: draft.expiresOn ? endOfDayIn(draft.expiresOn, timeZone) : null,
            rateLimitPerMinute: rateLimitValue(draft.rateLimit),
          },
        })
      ).createApiKey,
    onDone: onCreated,
    errorMessage,
  });
  const { values, fieldErrors, set } = form;

  return (
    <FormDialog
      open
      onClose={onClose}
      title={t('title')}
      testId="api-key-create-dialog"
      {...form.dialogProps}
      submitLabel={t('submit')}
      pendingLabel={t('submitting')}
      submitTestId="api-key-submit"
    >
      <TextField
        {...form.field('name')}
        label={t('name')}
        autoFocus
        maxLength={API_KEY_LIMITS.nameMaxLength}
        placeholder={t('namePlaceholder')}
        testId="api-key-name"
      />

      <CheckboxGroup
        name={`${formId}-scopes`}
        legend={t('scopes')}
        options={scopes.map((scope) => ({ value: scope, label: `${scopeLabel(scope)} (${scope})` }))}
        selected={values.scopes}
        onChange={(selected) => set('scopes', selected)}
        error={fieldErrors.scopes}
        hint={t('scopesHint')}
        testIdPrefix="api-key-scope"
      />

      <TextField
        id={`${formId}-expires`}
        label={t('expiresAt')}
        hint={t('expiresHint', { timeZone })}
        error={fieldErrors.expiresAt}
        type="date"
        min={today}
        value={values.expiresOn}
        onChange={(value) => set('expiresOn', value, 'expiresAt')}
        inputClassName="sm:w-56"
        testId="api-key-expires"
      />

      <TextField
        id={`${formId}-rate-limit`}
        label={t('rateLimit')}
        hint={t('rateLimitHint', LIMIT_RANGE)}
        error={fieldErrors.rateLimitPerMinute}
        type="number"
        inputMode="numeric"
        min={API_KEY_RATE_LIMIT.minPerMinute}
        max={API_KEY_RATE_LIMIT.maxPerMinute}
        value={values.rateLimit}
        onChange={(value) => set('rateLimit', value, 'rateLimitPerMinute')}
        inputClassName="sm:w-40"
        testId="api-key-rate-limit-input"
      />
    </FormDialog>
  );
}

/** A new secret for a key, the old one working on for the overlap chosen. */
function RotateApiKeyDialog({
  apiKey,
  onClose,
  onRotated,
}: {
  apiKey: ApiKeyRow;
  onClose: () => void;
  onRotated: (key: string) => void;
}) {
  const t = useTranslations('admin.apiKeys.rotateForm');
  const errorMessage = useAdminErrorMessage();
  const rotate = useGqlMutation(AdminRotateApiKeyMutation, { invalidates: KEYS_CHANGED });
  const range = { min: API_KEY_ROTATION.minOverlapHours, max: API_KEY_ROTATION.maxOverlapHours };
  const form = useDialogForm({
    initial: { overlapHours: String(API_KEY_ROTATION.defaultOverlapHours) },
    fields: ['overlapHours'],
    validate: (draft): Record<string, string> =>
      draft.overlapHours.trim() && isValidOverlapHours(Number(draft.overlapHours))
        ? {}
        : { overlapHours: t('overlapInvalid', range) },
    submit: async (draft) =>
      (await rotate.mutateAsync({ id: apiKey.id, overlapHours: Number(draft.overlapHours) })).rotateApiKey.key,
    onDone: onRotated,
    errorMessage,
  });
  return (
    <KeyNumberDialog
      onClose={onClose}
      title={t('title')}
      body={t('body', { name: apiKey.name })}
      submitLabel={t('submit')}
      pendingLabel={t('submitting')}
      dialogProps={form.dialogProps}
      field={form.field('overlapHours')}
      label={t('overlapHours')}
      hint={t('overlapHint', range)}
      range={range}
      testId="api-key-rotate"
    />
  );
}

/** A key's own per-minute limit; empty returns it to the default. */
function RateLimitDialog({
  apiKey,
  onClose,
  onSaved,
}: {
  apiKey: ApiKeyRow;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useTranslations('admin.apiKeys.limitForm');
  const errorMessage = useAdminErrorMessage();
  const save = useGqlMutation(AdminSetApiKeyRateLimitMutation, { invalidates: KEYS_CHANGED });
  const form = useDialogForm({
    initial: { rateLimitPerMinute: apiKey.rateLimitPerMinute === null ? '' : String(apiKey.rateLimitPerMinute) },
    fields: ['rateLimitPerMinute'],
    validate: (draft): Record<string, string> => {
      const problem = rateLimitProblem(draft.rateLimitPerMinute, t('invalid', LIMIT_RANGE));
      return problem ? { rateLimitPerMinute: problem } : {};
    },
    submit: (draft) =>
      save.mutateAsync({ id: apiKey.id, rateLimitPerMinute: rateLimitValue(draft.rateLimitPerMinute) }),
    onDone: onSaved,
    errorMessage,
  });
  return (
    <KeyNumberDialog
      onClose={onClose}
      title={t('title')}
      submitLabel={t('submit')}
      pendingLabel={t('submitting')}
      dialogProps={form.dialogProps}
      field={form.field('rateLimitPerMinute')}
      label={t('perMinute')}
      hint={t('hint', LIMIT_RANGE)}
      range={LIMIT_RANGE}
      testId="api-key-limit"
    />
  );
}

/** A form of one whole number about a key (the rotation's overlap, the rate limit) in a FormDialog. */
function KeyNumberDialog({
  onClose,
  title,
  body,
  submitLabel,
  pendingLabel,
  dialogProps,
  field,
  label,
  hint,
  range,
  testId,
}: {
  onClose: () => void;
  title: string;
  body?: string;
  submitLabel: string;
  pendingLabel: string;
  dialogProps: Omit<
    React.ComponentProps<typeof FormDialog>,
    'open' | 'onClose' | 'title' | 'testId' | 'submitLabel' | 'pendingLabel' | 'submitTestId' | 'children'
  >;
  field: Pick<React.ComponentProps<typeof TextField>, 'id' | 'value' | 'onChange' | 'error'>;
  label: string;
  hint: string;
  range: { min: number; max: number };
  testId: string;
}) {
  return (
    <FormDialog
      open
      onClose={onClose}
      title={title}
      testId={`${testId}-dialog`}
      {...dialogProps}
      submitLabel={submitLabel}
      pendingLabel={pendingLabel}
      submitTestId={`${testId}-submit`}
    >
      {body && <p className="text-sm text-slate-700">{body}</p>}
      <TextField
        {...field}
        label={label}
        hint={hint}
        type="number"
        inputMode="numeric"
        min={range.min}
        max={range.max}
        inputClassName="sm:w-40"
        testId={`${testId}-input`}
      />
    </FormDialog>
  );
}

/** The plain key, shown exactly once: only its hash is stored, so the dialog closes only when the admin says so. */
function CreatedKeyDialog({
  created,
  onDone,
}: {
  created: { key: string; name: string; rotated?: boolean } | null;
  onDone: () => void;
}) {
  const t = useTranslations('admin.apiKeys.created');
  const endpoint =
    typeof window === 'undefined' ? 'http://localhost:3000/api/graphql' : `${window.location.origin}/api/graphql`;
  const example = created
    ? `curl -H "Authorization: Bearer ${created.key}" -H "content-type: application/json" -d '{"query":"{ customers(first:5){ nodes { name } } }"}' ${endpoint}`
    : '';

  return (
    <SecretOnceDialog
      open={created !== null}
      onDone={onDone}
      title={created?.rotated ? t('rotatedTitle') : t('title')}
      warning={t('warning')}
      label={created ? `${t('keyLabel')} · ${created.name}` : undefined}
      secret={created?.key ?? ''}
      doneLabel={t('done')}
      copy={{ label: t('copy'), copiedLabel: t('copied'), failedLabel: t('copyFailed') }}
      size="lg"
      testId="api-key-plain"
      dialogTestId="api-key-created-dialog"
      copyTestId="api-key-copy"
      doneTestId="api-key-created-done"
    >
      {created && (
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
      )}
    </SecretOnceDialog>
  );
}
