'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { ServiceRulesKeyAccountCriteriaQuery as CriteriaResult } from '@/gql/graphql';
import { ZKeyAccountCriteria } from '@/graphql/key-accounts/key-account.rules';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { ServiceRulesKeyAccountCriteriaQuery, ServiceRulesUpdateKeyAccountCriteriaMutation } from './operations';
import {
  SettingForm,
  type SettingFormProps,
  SettingTextFields,
  useSettingSave,
  VersionedSettingsPanel,
} from './service-rules-ui';

type Criteria = CriteriaResult['keyAccountCriteria'];
type Draft = {
  amountEnabled: boolean;
  minAmount: string;
  years: string;
  longTermEnabled: boolean;
  minContracts: string;
  minYears: string;
  landmarkEnabled: boolean;
  strategicEnabled: boolean;
  reviewIntervalMonths: string;
};
type TextKey = 'minAmount' | 'years' | 'minContracts' | 'minYears' | 'reviewIntervalMonths';

/**
 * 重要客户认定标准 (001 第五章 6.2): each criterion on/off with its thresholds, and the re-check interval. Read by
 * holders of keyaccounts:read; changed by the service manager (keyaccounts:decide). The limits are the server's
 * (key-account.rules.ts), checked here before saving.
 */
export function KeyAccountCriteriaPanel({ canDecide }: { canDecide: boolean }) {
  const query = useGqlQuery(ServiceRulesKeyAccountCriteriaQuery);
  return (
    <VersionedSettingsPanel query={query} testId="key-account-criteria-panel" canManage={canDecide}>
      {(data, form) => (
        <CriteriaForm key={data.keyAccountCriteria.version} criteria={data.keyAccountCriteria} {...form} />
      )}
    </VersionedSettingsPanel>
  );
}

function toInput(d: Draft) {
  return {
    cumulativeAmount: { enabled: d.amountEnabled, minAmount: d.minAmount.trim(), years: Number(d.years) },
    longTerm: { enabled: d.longTermEnabled, minContracts: Number(d.minContracts), minYears: Number(d.minYears) },
    regionalLandmark: { enabled: d.landmarkEnabled },
    strategicPotential: { enabled: d.strategicEnabled },
    reviewIntervalMonths: Number(d.reviewIntervalMonths),
  };
}

const FIELD_PATH: Record<TextKey, string> = {
  minAmount: 'cumulativeAmount.minAmount',
  years: 'cumulativeAmount.years',
  minContracts: 'longTerm.minContracts',
  minYears: 'longTerm.minYears',
  reviewIntervalMonths: 'reviewIntervalMonths',
};

function CriteriaForm({
  criteria,
  canManage: canDecide,
  onSaved,
  onReload,
}: SettingFormProps & { criteria: Criteria }) {
  const t = useTranslations('serviceRules.keyAccounts');
  const [draft, setDraft] = useState<Draft>({
    amountEnabled: criteria.cumulativeAmount.enabled,
    minAmount: criteria.cumulativeAmount.minAmount,
    years: String(criteria.cumulativeAmount.years),
    longTermEnabled: criteria.longTerm.enabled,
    minContracts: String(criteria.longTerm.minContracts),
    minYears: String(criteria.longTerm.minYears),
    landmarkEnabled: criteria.regionalLandmark.enabled,
    strategicEnabled: criteria.strategicPotential.enabled,
    reviewIntervalMonths: String(criteria.reviewIntervalMonths),
  });
  const save = useSettingSave(ServiceRulesUpdateKeyAccountCriteriaMutation);
  const { attempted, serverFields, edited, pending } = save;
  const parsed = ZKeyAccountCriteria.safeParse(toInput(draft));
  const problems = new Set(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.')));
  const errorFor = (key: TextKey) =>
    attempted && problems.has(FIELD_PATH[key])
      ? key === 'minAmount'
        ? t('invalidAmount')
        : t('integer')
      : serverFields[FIELD_PATH[key]];
  const submit = save.submit(
    () => (parsed.success ? { version: criteria.version, input: parsed.data } : null),
    () => onSaved(t('savedNotice')),
  );
  const disabled = !canDecide || pending;
  const toggle = (key: 'amountEnabled' | 'longTermEnabled' | 'landmarkEnabled' | 'strategicEnabled', label: string) => (
    <label className="flex items-center gap-2 text-sm font-medium">
      <input
        type="checkbox"
        checked={draft[key]}
        disabled={disabled}
        onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.checked }))}
        data-testid={`key-account-criteria-${key}`}
      />
      {label}
    </label>
  );
  const fields = (specs: { key: TextKey; label: string }[]) => (
    <div className="grid gap-3 sm:grid-cols-2">
      <SettingTextFields
        form="keyAccounts"
        fields={specs.map((s) => ({ ...s, id: s.key, inputMode: s.key === 'minAmount' ? undefined : 'numeric' }))}
        values={draft}
        errorFor={errorFor}
        disabled={disabled}
        onChange={(key, value) => {
          edited(key);
          setDraft((d) => ({ ...d, [key]: value }));
        }}
      />
    </div>
  );
  return (
    <SettingForm
      name="keyAccounts"
      hint
      version={criteria.version}
      readOnlyNote
      save={save}
      canManage={canDecide}
      onReload={onReload}
      onSubmit={submit}
    >
      <div className="grid gap-4 lg:grid-cols-2">
        <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          {toggle('amountEnabled', t('cumulativeAmount'))}
          {fields([
            { key: 'minAmount', label: t('minAmount') },
            { key: 'years', label: t('years') },
          ])}
        </fieldset>
        <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          {toggle('longTermEnabled', t('longTerm'))}
          {fields([
            { key: 'minContracts', label: t('minContracts') },
            { key: 'minYears', label: t('minYears') },
          ])}
        </fieldset>
        <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          {toggle('landmarkEnabled', t('regionalLandmark'))}
          {toggle('strategicEnabled', t('strategicPotential'))}
        </fieldset>
        <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          {fields([{ key: 'reviewIntervalMonths', label: t('reviewIntervalMonths') }])}
        </fieldset>
      </div>
    </SettingForm>
  );
}
