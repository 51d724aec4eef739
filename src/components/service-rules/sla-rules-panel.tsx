'use client';
import {
  CONFIGURABLE_STEPS,
  DEFAULT_STEP_HOURS,
  STEP_HOURS_LIMITS,
  type ConfigurableStep,
} from '@/graphql/complaints/complaint-steps.rules';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable, queryTableState, type Column } from '@/components/ui/data-table';
import { FormDialog } from '@/components/ui/form-dialog';
import { SelectField, type SelectOption } from '@/components/ui/form-controls';
import { TextField } from '@/components/ui/form-field';
import { FilterSelect } from '@/components/ui/filter-select';
import { actionsColumn, RowAction } from '@/components/ui/row-action';
import { StatusMessage } from '@/components/ui/status';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { getFragmentData } from '@/gql';
import type { InteractionType, ServiceRulesSlaRuleFragment as Rule, Severity } from '@/gql/graphql';
import { SEVERITIES } from '@/graphql/complaints/complaint-workflow.rules';
import { INTERACTION_TYPES } from '@/graphql/interactions/intake.rules';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import {
  ServiceRulesCreateSlaRuleMutation,
  ServiceRulesPreviewQuery,
  ServiceRulesSetSlaRuleActiveMutation,
  ServiceRulesSlaRuleFragment,
  ServiceRulesSlaRulesQuery,
  ServiceRulesUpdateSlaRuleMutation,
} from './operations';
import {
  ConflictNotice,
  isConflict,
  positiveInt,
  SaveError,
  useRuleLabel,
  useReloadServiceRules,
  useServiceRulesError,
  useServiceRulesMutation,
} from './service-rules-ui';

const asType = (v: string): InteractionType | null => INTERACTION_TYPES.find((x) => x === v) ?? null;
const asSeverity = (v: string): Severity | null => SEVERITIES.find((x) => x === v) ?? null;
const asKeyAccount = (v: string) => (v === 'yes' ? true : v === 'no' ? false : null);
const keyAccountValue = (v: boolean | null | undefined) => (v == null ? '' : v ? 'yes' : 'no');

/** The SLA rules table (SPEC §4: by type, severity and key-account status), with create/edit and (de)activation. */
export function SlaRulesPanel({ canManage, timeZone }: { canManage: boolean; timeZone: string }) {
  const t = useTranslations('serviceRules');
  const tc = useTranslations('common');
  const errorMessage = useServiceRulesError();
  const ruleLabel = useRuleLabel();
  const reload = useReloadServiceRules();
  const rules = useGqlQuery(ServiceRulesSlaRulesQuery);
  const slaRules = rules.data && getFragmentData(ServiceRulesSlaRuleFragment, rules.data.slaRules);
  const setActive = useServiceRulesMutation(ServiceRulesSetSlaRuleActiveMutation);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  const toggle = useConfirmedAction(
    async (rule: Rule) => {
      setConflict(null);
      try {
        const { setSlaRuleActive } = await setActive.mutateAsync({
          id: rule.id,
          version: rule.version,
          active: !rule.active,
        });
        const saved = getFragmentData(ServiceRulesSlaRuleFragment, setSlaRuleActive);
        setNotice(t(saved.active ? 'sla.activatedNotice' : 'sla.deactivatedNotice', { rule: ruleLabel(saved) }));
      } catch (error) {
        if (!isConflict(error)) throw error;
        // The row changed under us: close, say so, and show the current rules rather than retry a stale version.
        setNotice(null);
        setConflict(errorMessage(error));
        await reload();
      }
    },
    (rule) => ({
      tone: rule.active ? 'danger' : 'primary',
      title: rule.active ? t('sla.deactivateTitle') : t('sla.activateTitle'),
      body: t(rule.active ? 'sla.deactivateBody' : 'sla.activateBody', { rule: ruleLabel(rule) }),
      confirmLabel: rule.active ? t('sla.deactivate') : t('sla.activate'),
      pendingLabel: tc('saving'),
    }),
    errorMessage,
  );

  const numeric = 'md:text-right tabular-nums';
  const columns: (Column<Rule> | false)[] = [
    {
      id: 'type',
      header: t('sla.columns.type'),
      cell: (rule) => (rule.interactionType ? t(`type.${rule.interactionType}`) : t('any')),
    },
    {
      id: 'severity',
      header: t('sla.columns.severity'),
      cell: (rule) => (rule.severity ? t(`severity.${rule.severity}`) : t('any')),
    },
    {
      id: 'keyAccount',
      header: t('sla.columns.keyAccount'),
      cell: (rule) =>
        rule.keyAccount == null ? t('keyAccount.any') : rule.keyAccount ? t('keyAccount.yes') : t('keyAccount.no'),
    },
    {
      id: 'triageHours',
      header: t('sla.columns.triageHours'),
      className: numeric,
      cell: (rule) => t('sla.hours', { count: rule.triageHours }),
    },
    {
      id: 'resolutionHours',
      header: t('sla.columns.resolutionHours'),
      className: numeric,
      cell: (rule) => <span data-testid="sla-resolution">{t('sla.hours', { count: rule.resolutionHours })}</span>,
    },
    {
      id: 'callbackDays',
      header: t('sla.columns.callbackDays'),
      className: numeric,
      cell: (rule) => t('sla.days', { count: rule.callbackDays }),
    },
    {
      id: 'status',
      header: t('sla.columns.status'),
      cell: (rule) => (rule.active ? t('sla.active') : t('sla.inactive')),
    },
    canManage &&
      actionsColumn(t('sla.columns.actions'), (rule: Rule) => (
        <>
          <RowAction
            label={t('sla.edit')}
            subject={ruleLabel(rule)}
            onClick={() => setEditing(rule)}
            testId="sla-edit"
          />
          <RowAction
            label={rule.active ? t('sla.deactivate') : t('sla.activate')}
            subject={ruleLabel(rule)}
            tone={rule.active ? 'danger' : 'default'}
            onClick={() => {
              setConflict(null);
              toggle.ask(rule);
            }}
            testId="sla-toggle"
          />
        </>
      )),
  ];

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
          <Button kind="primary" onClick={() => setEditing('new')} data-testid="sla-create">
            + {t('sla.create')}
          </Button>
        )}
      </div>

      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}
      {conflict && <ConflictNotice message={conflict} />}
      <DataTable
        columns={columns}
        rows={slaRules ?? []}
        rowKey={(rule) => rule.id}
        rowData={(rule) => ({ 'data-rule': ruleLabel(rule) })}
        rowClassName={(rule) => (rule.active ? '' : 'text-slate-400')}
        state={queryTableState(rules, errorMessage)}
        caption={t('tabs.sla')}
        empty={t('sla.empty')}
        testId="sla-table"
        rowTestId="sla-row"
        emptyTestId="sla-empty"
      />

      {slaRules && <RulePreview timeZone={timeZone} rules={slaRules} />}

      {editing && (
        <SlaRuleDialog
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing}
          onClose={() => setEditing(null)}
          onReload={() => {
            setEditing(null);
            void reload();
          }}
          onSaved={(rule) => {
            setEditing(null);
            setConflict(null);
            setNotice(t('sla.savedNotice', { rule: ruleLabel(rule) }));
          }}
        />
      )}

      {toggle.dialog}
    </section>
  );
}

/** The choices of a rule's type and severity, and "任意" (a rule that matches any), as select options. */
function useRuleOptions() {
  const t = useTranslations('serviceRules');
  return {
    any: { value: '', label: t('any') },
    typeOptions: INTERACTION_TYPES.map((x) => ({ value: x, label: t(`type.${x}`) })),
    severityOptions: SEVERITIES.map((x) => ({ value: x, label: t(`severity.${x}`) })),
  };
}

type SlaDraft = {
  interactionType: string;
  severity: string;
  keyAccount: string;
  triageHours: string;
  resolutionHours: string;
  callbackDays: string;
  steps: Record<ConfigurableStep, string>;
};

/** A rule's hours per step as the form's text values (the defaults for a new rule). */
const stepDraft = (rule: Rule | null): Record<ConfigurableStep, string> =>
  Object.fromEntries(
    CONFIGURABLE_STEPS.map((step) => [
      step,
      String(rule?.stepHours.find((s) => s.step === step)?.hours ?? DEFAULT_STEP_HOURS[step]),
    ]),
  ) as Record<ConfigurableStep, string>;

const stepHoursValid = (value: string) => {
  const n = positiveInt(value);
  return n !== null && n >= STEP_HOURS_LIMITS.min && n <= STEP_HOURS_LIMITS.max;
};

function SlaRuleDialog({
  rule,
  onClose,
  onSaved,
  onReload,
}: {
  rule: Rule | 'new';
  onClose: () => void;
  onSaved: (rule: Rule) => void;
  onReload: () => void;
}) {
  const t = useTranslations('serviceRules');
  const tSteps = useTranslations('complaints.steps');
  const errorMessage = useServiceRulesError();
  const formId = useId();
  const create = useServiceRulesMutation(ServiceRulesCreateSlaRuleMutation);
  const update = useServiceRulesMutation(ServiceRulesUpdateSlaRuleMutation);
  const from = rule === 'new' ? null : rule;
  const form = useDialogForm({
    initial: (): SlaDraft => ({
      interactionType: from ? (from.interactionType ?? '') : 'COMPLAINT',
      severity: from?.severity ?? '',
      keyAccount: keyAccountValue(from?.keyAccount),
      triageHours: String(from?.triageHours ?? 4),
      resolutionHours: from ? String(from.resolutionHours) : '',
      callbackDays: String(from?.callbackDays ?? 7),
      steps: stepDraft(from),
    }),
    fields: [
      'interactionType',
      'severity',
      'keyAccount',
      'triageHours',
      'resolutionHours',
      'callbackDays',
      'combination',
      ...CONFIGURABLE_STEPS.map((step) => `step-${step}`),
    ],
    validate: (draft) => ({
      ...Object.fromEntries(
        (['triageHours', 'resolutionHours', 'callbackDays'] as const)
          .filter((key) => positiveInt(draft[key]) === null)
          .map((key) => [key, t('sla.form.required')]),
      ),
      ...Object.fromEntries(
        CONFIGURABLE_STEPS.filter((step) => !stepHoursValid(draft.steps[step])).map((step) => [
          `step-${step}`,
          t('sla.form.stepHoursRange', STEP_HOURS_LIMITS),
        ]),
      ),
    }),
    submit: async (draft) => {
      const input = {
        interactionType: asType(draft.interactionType),
        severity: asSeverity(draft.severity),
        keyAccount: asKeyAccount(draft.keyAccount),
        triageHours: positiveInt(draft.triageHours) ?? 0,
        resolutionHours: positiveInt(draft.resolutionHours) ?? 0,
        callbackDays: positiveInt(draft.callbackDays) ?? 0,
        stepHours: CONFIGURABLE_STEPS.map((step) => ({ step, hours: positiveInt(draft.steps[step]) ?? 0 })),
      };
      const saved = from
        ? (await update.mutateAsync({ id: from.id, version: from.version, input })).updateSlaRule
        : (await create.mutateAsync({ input })).createSlaRule;
      return getFragmentData(ServiceRulesSlaRuleFragment, saved);
    },
    onDone: onSaved,
  });
  const { values, fieldErrors, set } = form;
  const { any, typeOptions, severityOptions } = useRuleOptions();

  const select = (
    field: 'interactionType' | 'severity' | 'keyAccount',
    testId: string,
    label: string,
    options: SelectOption[],
    hint?: string,
  ) => (
    <SelectField
      id={`${formId}-${testId}`}
      label={label}
      hint={hint}
      error={fieldErrors[field]}
      options={options}
      value={values[field]}
      onChange={(value) => set(field, value, 'combination')}
      testId={`sla-${testId}`}
    />
  );
  const number = (field: 'triageHours' | 'resolutionHours' | 'callbackDays', label: string, hint?: string) => (
    <TextField
      id={`${formId}-${field}`}
      label={label}
      hint={hint}
      error={fieldErrors[field]}
      required
      inputMode="numeric"
      value={values[field]}
      onChange={(value) => set(field, value)}
      testId={`sla-${field}`}
    />
  );

  return (
    <FormDialog
      open
      onClose={onClose}
      title={rule === 'new' ? t('sla.form.createTitle') : t('sla.form.editTitle')}
      testId="sla-dialog"
      pending={form.pending}
      formError={null}
      submitLabel={t('sla.form.submit')}
      pendingLabel={t('sla.form.submitting')}
      submitTestId="sla-submit"
      onSubmit={form.onSubmit}
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
        {select('interactionType', 'type', t('sla.form.type'), [any, ...typeOptions])}
        {select('severity', 'severity', t('sla.form.severity'), [any, ...severityOptions], t('sla.form.severityHint'))}
        {select('keyAccount', 'keyAccount', t('sla.form.keyAccount'), [
          { value: '', label: t('keyAccount.any') },
          { value: 'yes', label: t('keyAccount.yes') },
          { value: 'no', label: t('keyAccount.no') },
        ])}
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {number('triageHours', t('sla.form.triageHours'), t('sla.form.triageHint'))}
        {number('resolutionHours', t('sla.form.resolutionHours'))}
        {number('callbackDays', t('sla.form.callbackDays'), t('sla.form.callbackHint'))}
      </div>
      <fieldset className="space-y-2" data-testid="sla-step-hours">
        <legend className="text-sm font-medium text-slate-800">{t('sla.form.stepHours')}</legend>
        <p className="text-xs text-slate-500">{t('sla.form.stepHoursHint')}</p>
        <div className="grid gap-3 sm:grid-cols-4">
          {CONFIGURABLE_STEPS.map((step) => (
            <TextField
              key={step}
              id={`${formId}-step-${step}`}
              label={tSteps(step)}
              error={fieldErrors[`step-${step}`]}
              inputMode="numeric"
              value={values.steps[step]}
              onChange={(value) => set('steps', { ...values.steps, [step]: value }, `step-${step}`)}
              testId={`sla-step-${step}`}
            />
          ))}
        </div>
      </fieldset>
      {form.failure !== null && (
        <SaveError error={form.failure} message={errorMessage(form.failure)} onReload={onReload} />
      )}
    </FormDialog>
  );
}

/**
 * "Which rule applies?": the clock's own choice on the server (each target the shortest of the matching rules'), the
 * rule each target comes from, the other rules that match, and the due times if registered now.
 */
function RulePreview({ timeZone, rules }: { timeZone: string; rules: readonly Rule[] }) {
  const t = useTranslations('serviceRules');
  const format = useFormatter();
  const errorMessage = useServiceRulesError();
  const ruleLabel = useRuleLabel();
  const { any, typeOptions, severityOptions } = useRuleOptions();
  const [type, setType] = useState<InteractionType>('COMPLAINT');
  const [severity, setSeverity] = useState<Severity | ''>('MAJOR');
  const [keyAccount, setKeyAccount] = useState(false);
  // Invalidated with the rules (every service-rules mutation), so it always answers for the rules shown.
  const preview = useGqlQuery(
    ServiceRulesPreviewQuery,
    { type, severity: type === 'COMPLAINT' ? severity || null : null, keyAccount },
    { keepPrevious: true },
  );
  const answer = preview.data?.slaRulePreview;
  const byId = (id: string | undefined) => rules.find((r) => r.id === id);
  const rule = answer && byId(answer.rule?.id);
  const triageRule = answer && byId(answer.triageRule?.id);
  const others = (answer?.matchingRules ?? []).flatMap((m) => (m.id === rule?.id ? [] : (byId(m.id) ?? [])));
  const lines = !answer
    ? []
    : rule
      ? [
          t('sla.preview.applies', { rule: ruleLabel(rule) }),
          ...(triageRule && triageRule !== rule ? [t('sla.preview.triageFrom', { rule: ruleLabel(triageRule) })] : []),
          t('sla.preview.triageDue', { at: formatDateTime(answer.triageDueAt, timeZone) }),
          t('sla.preview.resolutionDue', { at: formatDateTime(answer.resolutionDueAt, timeZone) }),
          ...(answer.callbackDays != null ? [t('sla.preview.callback', { days: answer.callbackDays })] : []),
          ...(others.length
            ? [
                t('sla.preview.alsoMatching', { rules: format.list(others.map(ruleLabel)) }),
                t('sla.preview.precedence'),
              ]
            : []),
        ]
      : [t('sla.preview.none')];

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="sla-preview">
      <h3 className="font-medium">{t('sla.preview.title')}</h3>
      <p className="text-xs text-slate-500">{t('sla.preview.hint')}</p>
      <div className="mt-3 flex flex-wrap items-end gap-3 text-sm">
        <FilterSelect
          label={t('sla.preview.type')}
          options={typeOptions}
          value={type}
          onChange={(value) => setType(asType(value) ?? 'COMPLAINT')}
        />
        <FilterSelect
          label={t('sla.preview.severity')}
          options={[any, ...severityOptions]}
          value={severity}
          onChange={(value) => setSeverity(asSeverity(value) ?? '')}
          disabled={type !== 'COMPLAINT'}
        />
        <label className="flex items-center gap-2 pb-2">
          <input type="checkbox" checked={keyAccount} onChange={(e) => setKeyAccount(e.target.checked)} />
          {t('sla.preview.keyAccount')}
        </label>
      </div>
      <div className="mt-3 text-sm text-slate-700" aria-live="polite" data-testid="sla-preview-result">
        {preview.error ? <span className="text-red-700">{errorMessage(preview.error)}</span> : null}
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
    </div>
  );
}
