'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { FormField } from '@/components/ui/form-field';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { ErrorBanner, StatusMessage } from '@/components/ui/status';
import type { Role, ServiceRulesAuthorityQuery as AuthorityData, Severity } from '@/gql/graphql';
import { fieldErrorsOf } from '@/lib/gql-error-message';
import { gqlRequest } from '@/lib/graphql-client';
import {
  ServiceRulesAuthorityQuery,
  ServiceRulesUpdateAuthorityMutation,
  ServiceRulesUpdateEscalationMutation,
} from './operations';
import { authorityProblems, toggleRole, type AuthorityDraft } from './service-rules-drafts';
import { positiveInt, SaveError, tableClass, useServiceRulesError } from './service-rules-ui';

/** Staff roles that may hold authority (a portal account never does), in the order of the SPEC's actors. */
const ROLES: readonly Role[] = [
  'QUALITY_MANAGER',
  'SERVICE_MANAGER',
  'EXECUTIVE',
  'SERVICE_AGENT',
  'DEPARTMENT_HANDLER',
  'ADMIN',
  'DISPATCHER',
  'TECHNICIAN',
];
const SEVERITIES: readonly Severity[] = ['GENERAL', 'MAJOR', 'CRISIS'];
const asRole = (v: string) => ROLES.find((r) => r === v);

type LoadState =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: AuthorityData };

/** 核决权限与升级: who approves and who confirms the closure per severity, and the two escalation periods. */
export function AuthorityPanel({ canManage, onChanged }: { canManage: boolean; onChanged: () => void }) {
  const tc = useTranslations('common');
  const errorMessage = useServiceRulesError();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', data: await gqlRequest(ServiceRulesAuthorityQuery) });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  }, [errorMessage]);
  useEffect(() => {
    void load();
  }, [load]);

  if (state.status === 'loading') return <StatusMessage tone="info">{tc('loading')}</StatusMessage>;
  if (state.status === 'error') return <ErrorBanner message={state.message} onRetry={() => void load()} />;
  // The forms remount on the saved version (their drafts start from it), so the notice lives here.
  const saved = (message: string) => {
    setNotice(message);
    onChanged();
    void load();
  };
  return (
    <div className="space-y-8" data-testid="authority-panel">
      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}
      <AuthorityForm
        key={`a${state.data.approvalAuthority.version}`}
        authority={state.data.approvalAuthority}
        canManage={canManage}
        onSaved={saved}
        onReload={() => void load()}
      />
      <EscalationForm
        key={`e${state.data.escalationPolicy.version}`}
        policy={state.data.escalationPolicy}
        canManage={canManage}
        onSaved={saved}
        onReload={() => void load()}
      />
    </div>
  );
}

function AuthorityForm({
  authority,
  canManage,
  onSaved,
  onReload,
}: {
  authority: AuthorityData['approvalAuthority'];
  canManage: boolean;
  onSaved: (notice: string) => void;
  onReload: () => void;
}) {
  const t = useTranslations('serviceRules');
  const tRoles = useTranslations('admin.roles');
  const errorMessage = useServiceRulesError();
  const [draft, setDraft] = useState<AuthorityDraft>(() =>
    Object.fromEntries(authority.rules.map((r) => [r.severity, { approve: [...r.approve], close: [...r.close] }])),
  );
  const [attempted, setAttempted] = useState(false);
  const [pending, setPending] = useState(false);
  const { fieldErrors: serverFields, setFieldErrors: setServerFields, edited } = useFormErrors();
  const [saveError, setSaveError] = useState<unknown>(null);
  const problems = new Set(authorityProblems(draft));
  const errorFor = (key: string) => (attempted && problems.has(key) ? t('authority.pickOne') : serverFields[key]);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempted(true);
    setSaveError(null);
    if (problems.size) return;
    setPending(true);
    try {
      const input = SEVERITIES.map((severity) => ({
        severity,
        approve: (draft[severity]?.approve ?? []).flatMap((r) => asRole(r) ?? []),
        close: (draft[severity]?.close ?? []).flatMap((r) => asRole(r) ?? []),
      }));
      await gqlRequest(ServiceRulesUpdateAuthorityMutation, { version: authority.version, input });
      onSaved(t('authority.savedNotice'));
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setServerFields(fields);
      if (!Object.keys(fields).length) setSaveError(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby="authority-title"
      className="space-y-3"
      data-testid="authority-form"
    >
      <div>
        <h2 id="authority-title" className="text-lg font-semibold">
          {t('authority.title')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('authority.hint')}</p>
        {authority.version === 0 && <p className="text-xs text-slate-500">{t('authority.defaults')}</p>}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        {SEVERITIES.map((severity) => (
          <div
            key={severity}
            className="rounded-lg border border-slate-200 bg-white p-4"
            data-testid={`authority-${severity}`}
          >
            <h3 className="font-medium">{t(`severity.${severity}`)}</h3>
            {(['approve', 'close'] as const).map((part) => {
              const key = `${severity}.${part}`;
              const error = errorFor(key);
              return (
                <fieldset
                  key={part}
                  className="mt-3"
                  aria-describedby={error ? `authority-${severity}-${part}-error` : undefined}
                >
                  <legend className="mb-1 text-xs font-medium text-slate-700">{t(`authority.${part}`)}</legend>
                  <div className="grid grid-cols-2 gap-1 text-sm">
                    {ROLES.map((role) => (
                      <label key={role} className="flex items-center gap-1.5">
                        <input
                          type="checkbox"
                          disabled={!canManage || pending}
                          checked={draft[severity]?.[part].includes(role) ?? false}
                          onChange={(e) => {
                            edited(key);
                            setDraft((d) => ({
                              ...d,
                              [severity]: {
                                ...d[severity]!,
                                [part]: toggleRole(d[severity]?.[part] ?? [], role, e.target.checked),
                              },
                            }));
                          }}
                          data-testid={`authority-${severity}-${part}-${role}`}
                        />
                        {tRoles(role)}
                      </label>
                    ))}
                  </div>
                  {error && (
                    <p id={`authority-${severity}-${part}-error`} className="mt-1 text-xs text-red-700">
                      {error}
                    </p>
                  )}
                </fieldset>
              );
            })}
            {serverFields[severity] && <p className="mt-1 text-xs text-red-700">{serverFields[severity]}</p>}
          </div>
        ))}
      </div>
      {saveError !== null && <SaveError error={saveError} message={errorMessage(saveError)} onReload={onReload} />}
      {canManage && (
        <button type="submit" className={buttonClass.primary} disabled={pending} data-testid="authority-save">
          {pending ? t('sla.form.submitting') : t('authority.save')}
        </button>
      )}
    </form>
  );
}

function EscalationForm({
  policy,
  canManage,
  onSaved,
  onReload,
}: {
  policy: AuthorityData['escalationPolicy'];
  canManage: boolean;
  onSaved: (notice: string) => void;
  onReload: () => void;
}) {
  const t = useTranslations('serviceRules');
  const errorMessage = useServiceRulesError();
  const [dueSoon, setDueSoon] = useState(String(policy.dueSoonHours));
  const [period, setPeriod] = useState(String(policy.overduePeriodHours));
  const [attempted, setAttempted] = useState(false);
  const [pending, setPending] = useState(false);
  const { fieldErrors: serverFields, setFieldErrors: setServerFields, edited } = useFormErrors();
  const [saveError, setSaveError] = useState<unknown>(null);
  const values = { dueSoonHours: positiveInt(dueSoon), overduePeriodHours: positiveInt(period) };
  const errorFor = (key: keyof typeof values) =>
    attempted && values[key] === null ? t('escalation.integer') : serverFields[key];
  // The ladder as it will be with the period typed (level n at (n − 1) periods overdue), else as saved.
  const shownPeriod = values.overduePeriodHours ?? policy.overduePeriodHours;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempted(true);
    setSaveError(null);
    if (values.dueSoonHours === null || values.overduePeriodHours === null) return;
    setPending(true);
    try {
      await gqlRequest(ServiceRulesUpdateEscalationMutation, {
        version: policy.version,
        input: { dueSoonHours: values.dueSoonHours, overduePeriodHours: values.overduePeriodHours },
      });
      onSaved(t('escalation.savedNotice'));
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setServerFields(fields);
      if (!Object.keys(fields).length) setSaveError(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby="escalation-title"
      className="space-y-3"
      data-testid="escalation-form"
    >
      <div>
        <h2 id="escalation-title" className="text-lg font-semibold">
          {t('escalation.title')}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('escalation.hint')}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:max-w-2xl">
        <FormField
          id="escalation-dueSoon"
          label={t('escalation.dueSoonHours')}
          hint={t('escalation.dueSoonHint')}
          error={errorFor('dueSoonHours')}
          required
        >
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="numeric"
              className={inputClass}
              disabled={!canManage || pending}
              value={dueSoon}
              onChange={(e) => {
                edited('dueSoonHours');
                setDueSoon(e.target.value);
              }}
              data-testid="escalation-dueSoon"
            />
          )}
        </FormField>
        <FormField
          id="escalation-period"
          label={t('escalation.overduePeriodHours')}
          hint={t('escalation.overdueHint')}
          error={errorFor('overduePeriodHours')}
          required
        >
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="numeric"
              className={inputClass}
              disabled={!canManage || pending}
              value={period}
              onChange={(e) => {
                edited('overduePeriodHours');
                setPeriod(e.target.value);
              }}
              data-testid="escalation-period"
            />
          )}
        </FormField>
      </div>
      <div className={`${tableClass.wrap} lg:max-w-2xl`}>
        <table className={tableClass.table} data-testid="escalation-ladder">
          <caption className="px-4 pt-3 text-left text-xs font-medium text-slate-600">{t('escalation.ladder')}</caption>
          <tbody>
            {policy.levels.map((level, i) => (
              <tr key={level.level} className={tableClass.row}>
                <th scope="row" className={`${tableClass.td} text-left font-medium`}>
                  {t('escalation.level', { level: level.level })}
                </th>
                <td className={tableClass.td}>
                  {i === 0 ? t('escalation.atDue') : t('escalation.after', { hours: i * shownPeriod })}
                </td>
                <td className={tableClass.td}>{level.audience.map((a) => t(`escalation.audience.${a}`)).join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {saveError !== null && <SaveError error={saveError} message={errorMessage(saveError)} onReload={onReload} />}
      {canManage && (
        <button type="submit" className={buttonClass.primary} disabled={pending} data-testid="escalation-save">
          {pending ? t('sla.form.submitting') : t('escalation.save')}
        </button>
      )}
    </form>
  );
}
