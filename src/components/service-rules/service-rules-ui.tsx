'use client';
import { useTranslations } from 'next-intl';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useState } from 'react';
import { Button } from '@/components/ui/button';
import { buttonClass } from '@/components/ui/classes';
import { TextField } from '@/components/ui/form-field';
import { ErrorBanner, InlineError, StatusMessage } from '@/components/ui/status';
import { splitFailure, useFormErrors } from '@/components/ui/use-form-errors';
import { useGqlMutation, useInvalidate } from '@/lib/data/gql-hooks';
import { gqlErrorMessage, isGqlError } from '@/lib/gql-error-message';

/**
 * Every change to the clock's configuration can move what the other tabs, the preview and the recent changes show:
 * a service-rules mutation makes all the screen's queries (operation names `ServiceRules…`) stale.
 */
export const SERVICE_RULES_CHANGED = ['ServiceRules'];

/** A write of this screen: every one makes the screen's queries stale (SERVICE_RULES_CHANGED). */
export function useServiceRulesMutation<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
) {
  return useGqlMutation(document, { invalidates: SERVICE_RULES_CHANGED });
}

/** Refetches everything the screen shows: after a conflict, or when the user asks to reload a stale section. */
export function useReloadServiceRules() {
  const invalidate = useInvalidate();
  return useCallback(() => invalidate(SERVICE_RULES_CHANGED), [invalidate]);
}

/** "Someone changed this meanwhile": shown above a section after a stale write, which then shows the current state. */
export function ConflictNotice({ message }: { message: string }) {
  return (
    <p
      role="alert"
      className="rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
      data-testid="service-rules-conflict"
    >
      {message}
    </p>
  );
}

/** One line for any failure, in this screen's words; CONFLICT reads "someone changed this — reload". */
export function useServiceRulesError() {
  const t = useTranslations('serviceRules.errors');
  return useCallback((error: unknown) => gqlErrorMessage(error, (kind) => t(kind)), [t]);
}

export const isConflict = (error: unknown) => isGqlError(error, 'CONFLICT');

/** A failure after a save; a conflict offers to reload the section, since the draft was made from an old version. */
export function SaveError({ error, message, onReload }: { error: unknown; message: string; onReload: () => void }) {
  const t = useTranslations('serviceRules');
  return (
    <InlineError>
      <span
        className="flex flex-wrap items-center justify-between gap-2"
        data-testid={isConflict(error) ? 'service-rules-conflict' : 'service-rules-error'}
      >
        <span>{message}</span>
        {isConflict(error) && (
          <Button kind="secondary" onClick={onReload}>
            {t('reload')}
          </Button>
        )}
      </span>
    </InlineError>
  );
}

type RuleKey = { interactionType?: string | null; severity?: string | null; keyAccount?: boolean | null };

/** "投诉 / 重大 / 任意客户", as the service words it in the history. */
export function useRuleLabel() {
  const t = useTranslations('serviceRules');
  return useCallback(
    (rule: RuleKey) =>
      [
        rule.interactionType ? t(`type.${rule.interactionType}`) : t('any'),
        rule.severity ? t(`severity.${rule.severity}`) : t('any'),
        rule.keyAccount == null ? t('keyAccount.any') : rule.keyAccount ? t('keyAccount.yes') : t('keyAccount.no'),
      ].join(' / '),
    [t],
  );
}

/** A whole number ≥ 1 typed into a text field, or null. */
export function positiveInt(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 ? n : null;
}

/**
 * Saving one of the screen's settings forms (business hours, 核决权限, escalation): the server's field messages, a
 * failure that belongs to no field (a conflict offers to reload), and whether a save was tried (the client's checks
 * show only after that). `submit(variables, onSaved)` is the form's onSubmit: `variables()` returns null while the
 * client's checks fail.
 */
export function useSettingSave<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
) {
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const { fieldErrors, setFieldErrors, edited } = useFormErrors();
  const mutation = useServiceRulesMutation(document);
  const submit =
    (variables: () => TVariables | null, onSaved: () => void) => async (event: React.FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      setAttempted(true);
      setFailure(null);
      const ready = variables();
      if (!ready) return;
      try {
        await mutation.mutateAsync(ready);
        onSaved();
      } catch (error) {
        const { fields, formLevel } = splitFailure(error);
        setFieldErrors(fields);
        if (formLevel) setFailure(error);
      }
    };
  return { attempted, failure, serverFields: fieldErrors, edited, pending: mutation.isPending, submit };
}

/** What each form of a settings panel is given besides its setting: whether it may save, and where its outcome goes. */
export type SettingFormProps = { canManage: boolean; onSaved: (notice: string) => void; onReload: () => void };

/**
 * A tab of versioned settings (核决权限, 分等分级, 重要客户认定标准, 访问周期 …): its query's failure (with a retry) or
 * loading line until the setting is read, then the notice of the last save above the forms. The forms remount on the
 * saved version (their drafts start from it), so the notice lives here; `children` gets the data and what each form
 * needs besides it.
 */
export function VersionedSettingsPanel<TData>({
  query,
  testId,
  className = 'space-y-4',
  canManage,
  children,
}: {
  query: { data?: TData; error: unknown; refetch: () => unknown };
  testId: string;
  className?: string;
  canManage: boolean;
  children: (data: TData, form: SettingFormProps) => React.ReactNode;
}) {
  const tc = useTranslations('common');
  const errorMessage = useServiceRulesError();
  const onReload = useReloadServiceRules();
  const [notice, setNotice] = useState<string | null>(null);
  if (query.error && !query.data)
    return <ErrorBanner message={errorMessage(query.error)} onRetry={() => void query.refetch()} />;
  if (!query.data) return <StatusMessage tone="info">{tc('loading')}</StatusMessage>;
  return (
    <div className={className} data-testid={testId}>
      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}
      {children(query.data, { canManage, onSaved: setNotice, onReload })}
    </div>
  );
}

/**
 * The frame of a settings form: its heading and intro, the fields, the save failure and (for managers) Save — worded
 * from `serviceRules.<name>` (`title`, `save`, and `hint`, `defaults` — shown while `version` is 0, never saved —
 * and `readOnly` — shown to a viewer who may not manage — where asked for).
 */
export function SettingForm({
  name,
  hint = false,
  version,
  readOnlyNote = false,
  intro,
  className = 'space-y-3',
  save,
  canManage,
  onReload,
  onSubmit,
  children,
}: {
  /** `${name}-title` heads the form, `${name}-form` and `${name}-save` are its test ids. */
  name: 'authority' | 'escalation' | 'hours' | 'grading' | 'keyAccounts' | 'visits';
  /** Show `serviceRules.<name>.hint` under the heading. */
  hint?: boolean;
  /** The setting's saved version: at 0 (never saved) `serviceRules.<name>.defaults` says the defaults apply. */
  version?: number;
  /** Tell a viewer who may not manage that the form is read-only (`serviceRules.<name>.readOnly`). */
  readOnlyNote?: boolean;
  intro?: React.ReactNode;
  className?: string;
  save: { failure: unknown; pending: boolean };
  canManage: boolean;
  onReload: () => void;
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
  children: React.ReactNode;
}) {
  const t = useTranslations('serviceRules');
  const errorMessage = useServiceRulesError();
  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-labelledby={`${name}-title`}
      className={className}
      data-testid={`${name}-form`}
    >
      <div>
        <h2 id={`${name}-title`} className="text-lg font-semibold">
          {t(`${name}.title`)}
        </h2>
        {hint && <p className="mt-1 max-w-3xl text-sm text-slate-600">{t(`${name}.hint`)}</p>}
        {version === 0 && <p className="text-xs text-slate-500">{t(`${name}.defaults`)}</p>}
        {readOnlyNote && !canManage && <p className="text-xs text-slate-500">{t(`${name}.readOnly`)}</p>}
        {intro}
      </div>
      {children}
      {save.failure !== null && (
        <SaveError error={save.failure} message={errorMessage(save.failure)} onReload={onReload} />
      )}
      {canManage && (
        <button type="submit" className={buttonClass.primary} disabled={save.pending} data-testid={`${name}-save`}>
          {save.pending ? t('sla.form.submitting') : t(`${name}.save`)}
        </button>
      )}
    </form>
  );
}

/** One text field of a settings form: `id` makes its element id and test id (`${form}-${id}`). */
export type SettingFieldSpec<Key extends string> = {
  key: Key;
  id: string;
  label: string;
  hint?: string;
  type?: 'time';
  inputMode?: 'numeric';
};

/**
 * The text fields of a settings form, each bound to one key of its draft: required, its message (the client's check
 * once a save was tried, else the server's) beside it, and locked while saving or for a viewer who may not manage.
 */
export function SettingTextFields<Key extends string>({
  form,
  fields,
  values,
  errorFor,
  disabled,
  onChange,
}: {
  form: string;
  fields: readonly SettingFieldSpec<Key>[];
  values: Record<Key, string>;
  errorFor: (key: Key) => string | undefined;
  disabled: boolean;
  onChange: (key: Key, value: string) => void;
}) {
  return fields.map(({ key, id, ...field }) => (
    <TextField
      key={key}
      {...field}
      id={`${form}-${id}`}
      testId={`${form}-${id}`}
      error={errorFor(key)}
      required
      disabled={disabled}
      value={values[key]}
      onChange={(value) => onChange(key, value)}
    />
  ));
}
