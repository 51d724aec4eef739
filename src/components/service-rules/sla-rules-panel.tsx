'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useState } from 'react';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormDialog } from '@/components/ui/form-dialog';
import { FormField } from '@/components/ui/form-field';
import { EmptyState, ErrorBanner, StatusMessage } from '@/components/ui/status';
import { useFormErrors } from '@/components/ui/use-form-errors';
import type { InteractionType, ServiceRulesSlaRuleFragment, Severity } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { fieldErrorsOf } from '@/lib/gql-error-message';
import { gqlRequest } from '@/lib/graphql-client';
import {
  ServiceRulesCreateSlaRuleMutation,
  ServiceRulesPreviewQuery,
  ServiceRulesSetSlaRuleActiveMutation,
  ServiceRulesSlaRulesQuery,
  ServiceRulesUpdateSlaRuleMutation,
} from './operations';
import { isConflict, positiveInt, SaveError, tableClass, useRuleLabel, useServiceRulesError } from './service-rules-ui';

type Rule = ServiceRulesSlaRuleFragment;
const TYPES: readonly InteractionType[] = ['COMPLAINT', 'CONSULTATION', 'INQUIRY', 'SUGGESTION'];
const SEVERITIES: readonly Severity[] = ['GENERAL', 'MAJOR', 'CRISIS'];
const asType = (v: string) => TYPES.find((x) => x === v) ?? null;
const asSeverity = (v: string) => SEVERITIES.find((x) => x === v) ?? null;
const asKeyAccount = (v: string) => (v === 'yes' ? true : v === 'no' ? false : null);
const keyAccountValue = (v: boolean | null | undefined) => (v == null ? '' : v ? 'yes' : 'no');

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; rules: Rule[] };

/** The SLA rules table (SPEC §4: by type, severity and key-account status), with create/edit and (de)activation. */
export function SlaRulesPanel({
  canManage,
  timeZone,
  onChanged,
}: {
  canManage: boolean;
  timeZone: string;
  onChanged: () => void;
}) {
  const t = useTranslations('serviceRules');
  const tc = useTranslations('common');
  const errorMessage = useServiceRulesError();
  const ruleLabel = useRuleLabel();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [toggle, setToggle] = useState<Rule | null>(null);
  const [togglePending, setTogglePending] = useState(false);
  const [toggleError, setToggleError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', rules: (await gqlRequest(ServiceRulesSlaRulesQuery)).slaRules });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  }, [errorMessage]);
  useEffect(() => {
    void load();
  }, [load]);

  async function confirmToggle() {
    if (!toggle) return;
    setTogglePending(true);
    setToggleError(null);
    try {
      const { setSlaRuleActive: rule } = await gqlRequest(ServiceRulesSetSlaRuleActiveMutation, {
        id: toggle.id,
        version: toggle.version,
        active: !toggle.active,
      });
      setNotice(t(rule.active ? 'sla.activatedNotice' : 'sla.deactivatedNotice', { rule: ruleLabel(rule) }));
      setToggle(null);
      onChanged();
      await load();
    } catch (error) {
      if (isConflict(error)) {
        // The row changed under us: close, say so, and show the current rules rather than retry a stale version.
        setToggle(null);
        setNotice(null);
        setConflict(errorMessage(error));
        await load();
      } else setToggleError(error);
    } finally {
      setTogglePending(false);
    }
  }

  return (
    <section aria-labelledby="sla-title" className="space-y-4" data-testid="sla-panel">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="sla-title" className="text-lg font-semibold">
            {t('tabs.sla')}
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('sla.hint')}</p>
        </div>
        {canManage && (
          <button
            type="button"
            className={buttonClass.primary}
            onClick={() => setEditing('new')}
            data-testid="sla-create"
          >
            + {t('sla.create')}
          </button>
        )}
      </div>

      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}
      {conflict && (
        <p
          role="alert"
          className="rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          data-testid="service-rules-conflict"
        >
          {conflict}
        </p>
      )}
      {state.status === 'loading' && <StatusMessage tone="info">{tc('loading')}</StatusMessage>}
      {state.status === 'error' && <ErrorBanner message={state.message} onRetry={() => void load()} />}
      {state.status === 'ready' && state.rules.length === 0 && (
        <EmptyState testId="sla-empty">{t('sla.empty')}</EmptyState>
      )}
      {state.status === 'ready' && state.rules.length > 0 && (
        <div className={tableClass.wrap}>
          <table className={tableClass.table} data-testid="sla-table">
            <caption className="sr-only">{t('tabs.sla')}</caption>
            <thead className={tableClass.head}>
              <tr>
                <th scope="col" className={tableClass.th}>
                  {t('sla.columns.type')}
                </th>
                <th scope="col" className={tableClass.th}>
                  {t('sla.columns.severity')}
                </th>
                <th scope="col" className={tableClass.th}>
                  {t('sla.columns.keyAccount')}
                </th>
                <th scope="col" className={`${tableClass.th} text-right`}>
                  {t('sla.columns.triageHours')}
                </th>
                <th scope="col" className={`${tableClass.th} text-right`}>
                  {t('sla.columns.resolutionHours')}
                </th>
                <th scope="col" className={`${tableClass.th} text-right`}>
                  {t('sla.columns.callbackDays')}
                </th>
                <th scope="col" className={tableClass.th}>
                  {t('sla.columns.status')}
                </th>
                {canManage && (
                  <th scope="col" className={`${tableClass.th} text-right`}>
                    {t('sla.columns.actions')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {state.rules.map((rule) => (
                <tr
                  key={rule.id}
                  className={`${tableClass.row} ${rule.active ? '' : 'text-slate-400'}`}
                  data-testid="sla-row"
                  data-rule={ruleLabel(rule)}
                >
                  <td className={tableClass.td}>
                    {rule.interactionType ? t(`type.${rule.interactionType}`) : t('any')}
                  </td>
                  <td className={tableClass.td}>{rule.severity ? t(`severity.${rule.severity}`) : t('any')}</td>
                  <td className={tableClass.td}>
                    {rule.keyAccount == null
                      ? t('keyAccount.any')
                      : rule.keyAccount
                        ? t('keyAccount.yes')
                        : t('keyAccount.no')}
                  </td>
                  <td className={`${tableClass.td} text-right tabular-nums`}>
                    {t('sla.hours', { count: rule.triageHours })}
                  </td>
                  <td className={`${tableClass.td} text-right tabular-nums`} data-testid="sla-resolution">
                    {t('sla.hours', { count: rule.resolutionHours })}
                  </td>
                  <td className={`${tableClass.td} text-right tabular-nums`}>
                    {t('sla.days', { count: rule.callbackDays })}
                  </td>
                  <td className={tableClass.td}>{rule.active ? t('sla.active') : t('sla.inactive')}</td>
                  {canManage && (
                    <td className={`${tableClass.td} whitespace-nowrap text-right`}>
                      <button
                        type="button"
                        className={buttonClass.ghost}
                        onClick={() => setEditing(rule)}
                        aria-label={`${t('sla.edit')} ${ruleLabel(rule)}`}
                        data-testid="sla-edit"
                      >
                        {t('sla.edit')}
                      </button>
                      <button
                        type="button"
                        className={rule.active ? buttonClass.dangerGhost : buttonClass.ghost}
                        onClick={() => {
                          setToggleError(null);
                          setConflict(null);
                          setToggle(rule);
                        }}
                        aria-label={`${rule.active ? t('sla.deactivate') : t('sla.activate')} ${ruleLabel(rule)}`}
                        data-testid="sla-toggle"
                      >
                        {rule.active ? t('sla.deactivate') : t('sla.activate')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <RulePreview timeZone={timeZone} refreshKey={state.status === 'ready' ? state.rules : null} />

      <SlaRuleDialog
        rule={editing}
        onClose={() => setEditing(null)}
        onReload={() => {
          setEditing(null);
          void load();
        }}
        onSaved={(rule) => {
          setEditing(null);
          setConflict(null);
          setNotice(t('sla.savedNotice', { rule: ruleLabel(rule) }));
          onChanged();
          void load();
        }}
      />

      <ConfirmDialog
        open={toggle !== null}
        tone={toggle?.active ? 'danger' : 'primary'}
        title={toggle?.active ? t('sla.deactivateTitle') : t('sla.activateTitle')}
        body={toggle ? t(toggle.active ? 'sla.deactivateBody' : 'sla.activateBody', { rule: ruleLabel(toggle) }) : ''}
        confirmLabel={toggle?.active ? t('sla.deactivate') : t('sla.activate')}
        pendingLabel={tc('saving')}
        pending={togglePending}
        error={toggleError ? errorMessage(toggleError) : null}
        onConfirm={() => void confirmToggle()}
        onCancel={() => setToggle(null)}
      />
    </section>
  );
}

function SlaRuleDialog({
  rule,
  onClose,
  onSaved,
  onReload,
}: {
  rule: Rule | 'new' | null;
  onClose: () => void;
  onSaved: (rule: Rule) => void;
  onReload: () => void;
}) {
  const t = useTranslations('serviceRules');
  const errorMessage = useServiceRulesError();
  const formId = useId();
  const [type, setType] = useState('');
  const [severity, setSeverity] = useState('');
  const [keyAccount, setKeyAccount] = useState('');
  const [triage, setTriage] = useState('');
  const [resolution, setResolution] = useState('');
  const [callback, setCallback] = useState('');
  const [pending, setPending] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const { fieldErrors, setFieldErrors, edited, clear } = useFormErrors();

  useEffect(() => {
    if (rule === null) return;
    const from = rule === 'new' ? null : rule;
    setType(from ? (from.interactionType ?? '') : 'COMPLAINT');
    setSeverity(from?.severity ?? '');
    setKeyAccount(keyAccountValue(from?.keyAccount));
    setTriage(String(from?.triageHours ?? 4));
    setResolution(from ? String(from.resolutionHours) : '');
    setCallback(String(from?.callbackDays ?? 7));
    setSaveError(null);
    clear();
  }, [rule, clear]);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const numbers = {
      triageHours: positiveInt(triage),
      resolutionHours: positiveInt(resolution),
      callbackDays: positiveInt(callback),
    };
    const problems = Object.fromEntries(
      Object.entries(numbers)
        .filter(([, n]) => n === null)
        .map(([k]) => [k, t('sla.form.required')]),
    );
    setFieldErrors(problems);
    setSaveError(null);
    if (Object.keys(problems).length) {
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const input = {
      interactionType: asType(type),
      severity: asSeverity(severity),
      keyAccount: asKeyAccount(keyAccount),
      triageHours: numbers.triageHours!,
      resolutionHours: numbers.resolutionHours!,
      callbackDays: numbers.callbackDays!,
    };
    setPending(true);
    try {
      const saved =
        rule === 'new' || rule === null
          ? (await gqlRequest(ServiceRulesCreateSlaRuleMutation, { input })).createSlaRule
          : (await gqlRequest(ServiceRulesUpdateSlaRuleMutation, { id: rule.id, version: rule.version, input }))
              .updateSlaRule;
      onSaved(saved);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setFieldErrors(fields);
      const shown = [
        'interactionType',
        'severity',
        'keyAccount',
        'triageHours',
        'resolutionHours',
        'callbackDays',
        'combination',
      ];
      if (!Object.keys(fields).some((k) => shown.includes(k))) setSaveError(error);
    } finally {
      setPending(false);
    }
  }

  const select = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    field: string,
    options: [string, string][],
    hint?: string,
  ) => (
    <FormField id={`${formId}-${id}`} label={label} hint={hint} error={fieldErrors[field]}>
      {(props) => (
        <select
          {...props}
          className={inputClass}
          value={value}
          onChange={(e) => {
            set(e.target.value);
            edited(field);
            edited('combination');
          }}
          data-testid={`sla-${id}`}
        >
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
  const number = (id: string, label: string, value: string, set: (v: string) => void, hint?: string) => (
    <FormField id={`${formId}-${id}`} label={label} hint={hint} error={fieldErrors[id]} required>
      {(props) => (
        <input
          {...props}
          type="text"
          inputMode="numeric"
          className={inputClass}
          value={value}
          onChange={(e) => {
            set(e.target.value);
            edited(id);
          }}
          data-testid={`sla-${id}`}
        />
      )}
    </FormField>
  );

  return (
    <FormDialog
      open={rule !== null}
      onClose={onClose}
      title={rule === 'new' ? t('sla.form.createTitle') : t('sla.form.editTitle')}
      testId="sla-dialog"
      pending={pending}
      formError={null}
      submitLabel={t('sla.form.submit')}
      pendingLabel={t('sla.form.submitting')}
      submitTestId="sla-submit"
      onSubmit={submit}
    >
      {fieldErrors.combination && (
        <p
          role="alert"
          className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="sla-combination-error"
        >
          {fieldErrors.combination}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        {select('type', t('sla.form.type'), type, setType, 'interactionType', [
          ['', t('any')],
          ...TYPES.map((x): [string, string] => [x, t(`type.${x}`)]),
        ])}
        {select(
          'severity',
          t('sla.form.severity'),
          severity,
          setSeverity,
          'severity',
          [['', t('any')], ...SEVERITIES.map((x): [string, string] => [x, t(`severity.${x}`)])],
          t('sla.form.severityHint'),
        )}
        {select('keyAccount', t('sla.form.keyAccount'), keyAccount, setKeyAccount, 'keyAccount', [
          ['', t('keyAccount.any')],
          ['yes', t('keyAccount.yes')],
          ['no', t('keyAccount.no')],
        ])}
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {number('triageHours', t('sla.form.triageHours'), triage, setTriage, t('sla.form.triageHint'))}
        {number('resolutionHours', t('sla.form.resolutionHours'), resolution, setResolution)}
        {number('callbackDays', t('sla.form.callbackDays'), callback, setCallback, t('sla.form.callbackHint'))}
      </div>
      {saveError !== null && <SaveError error={saveError} message={errorMessage(saveError)} onReload={onReload} />}
    </FormDialog>
  );
}

/** "Which rule applies?": the clock's own pickSlaRule on the server, and the due times if registered now. */
function RulePreview({ timeZone, refreshKey }: { timeZone: string; refreshKey: unknown }) {
  const t = useTranslations('serviceRules');
  const errorMessage = useServiceRulesError();
  const ruleLabel = useRuleLabel();
  const [type, setType] = useState<InteractionType>('COMPLAINT');
  const [severity, setSeverity] = useState<Severity | ''>('MAJOR');
  const [keyAccount, setKeyAccount] = useState(false);
  const [result, setResult] = useState<{ text: string[] } | { error: string } | null>(null);
  const rulesJson = JSON.stringify(refreshKey);

  useEffect(() => {
    if (rulesJson === 'null') return;
    const rules = JSON.parse(rulesJson) as Rule[];
    let cancelled = false;
    gqlRequest(ServiceRulesPreviewQuery, { type, severity: type === 'COMPLAINT' ? severity || null : null, keyAccount })
      .then(({ slaRulePreview: p }) => {
        if (cancelled) return;
        const rule = rules.find((r) => r.id === p.rule?.id);
        setResult({
          text: rule
            ? [
                t('sla.preview.applies', { rule: ruleLabel(rule) }),
                t('sla.preview.triageDue', { at: formatDateTime(p.triageDueAt, timeZone) }),
                t('sla.preview.resolutionDue', { at: formatDateTime(p.resolutionDueAt, timeZone) }),
              ]
            : [t('sla.preview.none')],
        });
      })
      .catch((error: unknown) => !cancelled && setResult({ error: errorMessage(error) }));
    return () => {
      cancelled = true;
    };
  }, [type, severity, keyAccount, rulesJson, timeZone, t, ruleLabel, errorMessage]);

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="sla-preview">
      <h3 className="font-medium">{t('sla.preview.title')}</h3>
      <p className="text-xs text-slate-500">{t('sla.preview.hint')}</p>
      <div className="mt-3 flex flex-wrap items-end gap-3 text-sm">
        <label>
          <span className="mb-1 block text-xs text-slate-600">{t('sla.preview.type')}</span>
          <select className={inputClass} value={type} onChange={(e) => setType(asType(e.target.value) ?? 'COMPLAINT')}>
            {TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`type.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="mb-1 block text-xs text-slate-600">{t('sla.preview.severity')}</span>
          <select
            className={inputClass}
            value={severity}
            onChange={(e) => setSeverity(asSeverity(e.target.value) ?? '')}
            disabled={type !== 'COMPLAINT'}
          >
            <option value="">{t('any')}</option>
            {SEVERITIES.map((x) => (
              <option key={x} value={x}>
                {t(`severity.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 pb-2">
          <input type="checkbox" checked={keyAccount} onChange={(e) => setKeyAccount(e.target.checked)} />
          {t('sla.preview.keyAccount')}
        </label>
      </div>
      <div className="mt-3 text-sm text-slate-700" aria-live="polite" data-testid="sla-preview-result">
        {result && 'error' in result && <span className="text-red-700">{result.error}</span>}
        {result && 'text' in result && result.text.map((line) => <p key={line}>{line}</p>)}
      </div>
    </div>
  );
}
