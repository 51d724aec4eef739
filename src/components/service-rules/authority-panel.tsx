'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { CheckboxGroup } from '@/components/ui/checkbox-group';
import { DataTable } from '@/components/ui/data-table';
import { getFragmentData } from '@/gql';
import type {
  ServiceRulesApprovalAuthorityFragment as ApprovalAuthority,
  ServiceRulesEscalationPolicyFragment as EscalationPolicy,
} from '@/gql/graphql';
import { SEVERITIES } from '@/graphql/complaints/complaint-workflow.rules';
import { AUTHORITY_ROLES } from '@/graphql/service-rules/service-rules.rules';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import {
  ServiceRulesApprovalAuthorityFragment,
  ServiceRulesAuthorityQuery,
  ServiceRulesEscalationPolicyFragment,
  ServiceRulesUpdateAuthorityMutation,
  ServiceRulesUpdateEscalationMutation,
} from './operations';
import { authorityProblems, type AuthorityDraft } from './service-rules-drafts';
import {
  positiveInt,
  SettingForm,
  type SettingFormProps,
  SettingTextFields,
  useSettingSave,
  VersionedSettingsPanel,
} from './service-rules-ui';

const asRole = (v: string) => AUTHORITY_ROLES.find((r) => r === v);

/** 核决权限与升级: who approves and who confirms the closure per severity, and the two escalation periods. */
export function AuthorityPanel({ canManage }: { canManage: boolean }) {
  const authority = useGqlQuery(ServiceRulesAuthorityQuery);
  return (
    <VersionedSettingsPanel query={authority} testId="authority-panel" className="space-y-8" canManage={canManage}>
      {(data, form) => {
        const approvalAuthority = getFragmentData(ServiceRulesApprovalAuthorityFragment, data.approvalAuthority);
        const escalationPolicy = getFragmentData(ServiceRulesEscalationPolicyFragment, data.escalationPolicy);
        return (
          <>
            <AuthorityForm key={`a${approvalAuthority.version}`} authority={approvalAuthority} {...form} />
            <EscalationForm key={`e${escalationPolicy.version}`} policy={escalationPolicy} {...form} />
          </>
        );
      }}
    </VersionedSettingsPanel>
  );
}

function AuthorityForm({
  authority,
  canManage,
  onSaved,
  onReload,
}: SettingFormProps & { authority: ApprovalAuthority }) {
  const t = useTranslations('serviceRules');
  const tRoles = useTranslations('admin.roles');
  const [draft, setDraft] = useState<AuthorityDraft>(() =>
    Object.fromEntries(authority.rules.map((r) => [r.severity, { approve: [...r.approve], close: [...r.close] }])),
  );
  const save = useSettingSave(ServiceRulesUpdateAuthorityMutation);
  const { attempted, serverFields, edited, pending } = save;
  const problems = new Set(authorityProblems(draft));
  const errorFor = (key: string) => (attempted && problems.has(key) ? t('authority.pickOne') : serverFields[key]);
  const roleOptions = AUTHORITY_ROLES.map((role) => ({ value: role as string, label: tRoles(role) }));
  const submit = save.submit(
    () =>
      problems.size
        ? null
        : {
            version: authority.version,
            input: SEVERITIES.map((severity) => ({
              severity,
              approve: (draft[severity]?.approve ?? []).flatMap((r) => asRole(r) ?? []),
              close: (draft[severity]?.close ?? []).flatMap((r) => asRole(r) ?? []),
            })),
          },
    () => onSaved(t('authority.savedNotice')),
  );

  return (
    <SettingForm
      name="authority"
      hint
      version={authority.version}
      save={save}
      canManage={canManage}
      onReload={onReload}
      onSubmit={submit}
    >
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
              return (
                <div key={part} className="mt-3">
                  <CheckboxGroup
                    name={key}
                    legend={t(`authority.${part}`)}
                    options={roleOptions}
                    selected={draft[severity]?.[part] ?? []}
                    disabled={!canManage || pending}
                    onChange={(roles) => {
                      edited(key);
                      setDraft((d) => ({ ...d, [severity]: { ...d[severity]!, [part]: roles } }));
                    }}
                    error={errorFor(key)}
                    testIdPrefix={`authority-${severity}-${part}`}
                  />
                </div>
              );
            })}
            {serverFields[severity] && <p className="mt-1 text-xs text-red-700">{serverFields[severity]}</p>}
          </div>
        ))}
      </div>
    </SettingForm>
  );
}

function EscalationForm({ policy, canManage, onSaved, onReload }: SettingFormProps & { policy: EscalationPolicy }) {
  const t = useTranslations('serviceRules');
  const [draft, setDraft] = useState({
    dueSoonHours: String(policy.dueSoonHours),
    overduePeriodHours: String(policy.overduePeriodHours),
  });
  const save = useSettingSave(ServiceRulesUpdateEscalationMutation);
  const { attempted, serverFields, edited, pending } = save;
  const values = {
    dueSoonHours: positiveInt(draft.dueSoonHours),
    overduePeriodHours: positiveInt(draft.overduePeriodHours),
  };
  const errorFor = (key: keyof typeof values) =>
    attempted && values[key] === null ? t('escalation.integer') : serverFields[key];
  // The ladder as it will be with the period typed (level n at (n − 1) periods overdue), else as saved.
  const shownPeriod = values.overduePeriodHours ?? policy.overduePeriodHours;
  const submit = save.submit(
    () =>
      values.dueSoonHours === null || values.overduePeriodHours === null
        ? null
        : {
            version: policy.version,
            input: { dueSoonHours: values.dueSoonHours, overduePeriodHours: values.overduePeriodHours },
          },
    () => onSaved(t('escalation.savedNotice')),
  );

  return (
    <SettingForm name="escalation" hint save={save} canManage={canManage} onReload={onReload} onSubmit={submit}>
      <div className="grid gap-4 sm:grid-cols-2 lg:max-w-2xl">
        <SettingTextFields
          form="escalation"
          fields={[
            {
              key: 'dueSoonHours',
              id: 'dueSoon',
              label: t('escalation.dueSoonHours'),
              hint: t('escalation.dueSoonHint'),
              inputMode: 'numeric',
            },
            {
              key: 'overduePeriodHours',
              id: 'period',
              label: t('escalation.overduePeriodHours'),
              hint: t('escalation.overdueHint'),
              inputMode: 'numeric',
            },
          ]}
          values={draft}
          errorFor={errorFor}
          disabled={!canManage || pending}
          onChange={(key, value) => {
            edited(key);
            setDraft((d) => ({ ...d, [key]: value }));
          }}
        />
      </div>
      <div className="space-y-1 lg:max-w-2xl">
        <h3 className="text-xs font-medium text-slate-600">{t('escalation.ladder')}</h3>
        <DataTable
          columns={[
            {
              id: 'level',
              header: t('escalation.columns.level'),
              cell: (level) => t('escalation.level', { level: level.level }),
            },
            {
              id: 'after',
              header: t('escalation.columns.after'),
              cell: (level) => {
                const index = policy.levels.indexOf(level);
                return index === 0 ? t('escalation.atDue') : t('escalation.after', { hours: index * shownPeriod });
              },
            },
            {
              id: 'audience',
              header: t('escalation.columns.audience'),
              cell: (level) => level.audience.map((a) => t(`escalation.audience.${a}`)).join('、'),
            },
          ]}
          rows={policy.levels}
          rowKey={(level) => String(level.level)}
          state={{ loading: false }}
          caption={t('escalation.ladder')}
          empty={null}
          testId="escalation-ladder"
        />
      </div>
    </SettingForm>
  );
}
