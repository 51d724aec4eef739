'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { SelectField, TextareaField } from '@/components/ui/form-controls';
import { graphql } from '@/gql';
import type { CustomerGrade, ServiceRulesVisitRulesQuery as RulesResult } from '@/gql/graphql';
import {
  CUSTOMER_GRADES,
  ISO_WEEKDAYS,
  VISIT_INTERVAL_MAX,
  VISIT_INTERVAL_MIN,
  daysOf,
  parseProvinceLines,
  TIME_OF_DAY,
} from '@/graphql/visits/visit.rules';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import {
  SettingForm,
  type SettingFormProps,
  SettingTextFields,
  useSettingSave,
  VersionedSettingsPanel,
} from '@/components/service-rules/service-rules-ui';

// Named ServiceRules… so every save on the 服务规则 screen makes it stale (SERVICE_RULES_CHANGED).
const ServiceRulesVisitRulesQuery = graphql(`
  query ServiceRulesVisitRules {
    visitRules {
      version
      defaultDays
      keyAccountDays
      gradeDays {
        grade
        days
      }
      provinceDays {
        province
        days
      }
      deadlineWeekday
      deadlineTime
      recompute {
        state
        requestedAt
        startedAt
        finishedAt
        customers
      }
    }
  }
`);

const ServiceRulesUpdateVisitRulesMutation = graphql(`
  mutation ServiceRulesUpdateVisitRules($version: Int!, $input: VisitRulesInput!) {
    updateVisitRules(version: $version, input: $input) {
      version
    }
  }
`);

type Rules = RulesResult['visitRules'];
type TextKey = 'defaultDays' | 'keyAccountDays' | `grade${CustomerGrade}` | 'deadlineTime';
type Draft = Record<TextKey, string> & { provinces: string; deadlineWeekday: string };

const gradeKey = (grade: CustomerGrade) => `grade${grade}` as const;

/**
 * 服务规则 → 客户访问周期 (SPEC §7, 客户访问周期表): days between visits by default, for key accounts, per grade and per
 * province, and the weekly itinerary's deadline. Read by holders of visits:read, changed by the service manager
 * (visits:approve), version-checked. After a change every cycle is recomputed in the background; the panel shows that
 * job's state and looks again every few seconds until it is done.
 */
export function VisitRulesPanel({ canManage }: { canManage: boolean }) {
  const [busy, setBusy] = useState(false);
  const query = useGqlQuery(ServiceRulesVisitRulesQuery, undefined, { refetchInterval: busy ? 3000 : undefined });
  const state = query.data?.visitRules.recompute.state;
  const running = state === 'QUEUED' || state === 'RUNNING';
  if (running !== busy) setBusy(running);
  return (
    <VersionedSettingsPanel query={query} testId="visit-rules-panel" canManage={canManage}>
      {({ visitRules: rules }, form) => (
        <>
          <RecomputeLine recompute={rules.recompute} />
          <RulesForm key={rules.version} rules={rules} {...form} />
        </>
      )}
    </VersionedSettingsPanel>
  );
}

function RecomputeLine({ recompute }: { recompute: Rules['recompute'] }) {
  const t = useTranslations('serviceRules.visits.recompute');
  const timeZone = useDisplayTimeZone();
  if (recompute.state === 'IDLE') return null;
  return (
    <p
      role="status"
      className={`rounded border px-4 py-2 text-sm ${recompute.state === 'DONE' ? 'border-green-200 bg-green-50 text-green-900' : 'border-amber-200 bg-amber-50 text-amber-900'}`}
      data-testid="visit-rules-recompute"
      data-state={recompute.state}
    >
      {recompute.state === 'DONE'
        ? t('done', {
            at: formatDateTime(recompute.finishedAt, timeZone),
            count: recompute.customers ?? 0,
          })
        : recompute.state === 'RUNNING'
          ? t('running', { at: formatDateTime(recompute.startedAt, timeZone) })
          : t('queued', { at: formatDateTime(recompute.requestedAt, timeZone) })}
    </p>
  );
}

function RulesForm({ rules, canManage, onSaved, onReload }: SettingFormProps & { rules: Rules }) {
  const t = useTranslations('serviceRules.visits');
  const tg = useTranslations('customers.grade');
  const gradeDays = new Map(rules.gradeDays.map((g) => [g.grade, g.days]));
  const [draft, setDraft] = useState<Draft>({
    defaultDays: String(rules.defaultDays),
    keyAccountDays:
      rules.keyAccountDays === null || rules.keyAccountDays === undefined ? '' : String(rules.keyAccountDays),
    gradeA: String(gradeDays.get('A') ?? ''),
    gradeB: String(gradeDays.get('B') ?? ''),
    gradeC: String(gradeDays.get('C') ?? ''),
    gradeD: String(gradeDays.get('D') ?? ''),
    provinces: rules.provinceDays.map((p) => `${p.province} ${p.days}`).join('\n'),
    deadlineWeekday: String(rules.deadlineWeekday),
    deadlineTime: rules.deadlineTime,
  });
  const save = useSettingSave(ServiceRulesUpdateVisitRulesMutation);
  const { attempted, serverFields, edited, pending } = save;
  const provinces = parseProvinceLines(draft.provinces);
  const problems: Partial<Record<TextKey | 'provinces', string>> = {};
  const defaultDays = daysOf(draft.defaultDays);
  if (typeof defaultDays !== 'number')
    problems.defaultDays = t('days', { min: VISIT_INTERVAL_MIN, max: VISIT_INTERVAL_MAX });
  for (const key of ['keyAccountDays', ...CUSTOMER_GRADES.map(gradeKey)] as const)
    if (daysOf(draft[key]) === 'invalid')
      problems[key] = t('days', { min: VISIT_INTERVAL_MIN, max: VISIT_INTERVAL_MAX });
  if (!TIME_OF_DAY.test(draft.deadlineTime)) problems.deadlineTime = t('time');
  if (provinces.bad.length) problems.provinces = t('provinceLines', { lines: provinces.bad.join(', ') });
  const errorFor = (key: TextKey) => (attempted ? problems[key] : undefined) ?? serverFields[key];
  const submit = save.submit(
    () =>
      Object.keys(problems).length > 0
        ? null
        : {
            version: rules.version,
            input: {
              defaultDays: defaultDays as number,
              keyAccountDays: daysOf(draft.keyAccountDays) as number | null,
              gradeDays: CUSTOMER_GRADES.flatMap((grade) => {
                const days = daysOf(draft[gradeKey(grade)]);
                return typeof days === 'number' ? [{ grade, days }] : [];
              }),
              provinceDays: provinces.rows,
              deadlineWeekday: Number(draft.deadlineWeekday),
              deadlineTime: draft.deadlineTime,
            },
          },
    () => onSaved(t('savedNotice')),
  );
  const disabled = !canManage || pending;
  const change = (key: keyof Draft, value: string) => {
    edited(key);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  return (
    <SettingForm
      name="visits"
      hint
      version={rules.version}
      readOnlyNote
      save={save}
      canManage={canManage}
      onReload={onReload}
      onSubmit={submit}
    >
      <div className="grid gap-4 lg:grid-cols-2">
        <fieldset className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
          <legend className="px-1 text-sm font-medium">{t('segments')}</legend>
          <SettingTextFields
            form="visit-rules"
            fields={[
              { key: 'defaultDays' as TextKey, id: 'defaultDays', label: t('defaultDays'), inputMode: 'numeric' },
              {
                key: 'keyAccountDays' as TextKey,
                id: 'keyAccountDays',
                label: t('keyAccountDays'),
                hint: t('emptyHint'),
                inputMode: 'numeric',
              },
              ...CUSTOMER_GRADES.map((grade) => ({
                key: gradeKey(grade) as TextKey,
                id: gradeKey(grade),
                label: t('gradeDays', { grade: tg(grade) }),
                hint: t('emptyHint'),
                inputMode: 'numeric' as const,
              })),
            ]}
            values={draft}
            errorFor={errorFor}
            disabled={disabled}
            onChange={change}
          />
        </fieldset>
        <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-medium">{t('provinces')}</legend>
          <TextareaField
            id="visit-rules-provinces"
            label={t('provinceDays')}
            hint={t('provinceHint')}
            rows={4}
            value={draft.provinces}
            onChange={(value) => change('provinces', value)}
            error={attempted ? problems.provinces : undefined}
            disabled={disabled}
            testId="visit-rules-provinces"
          />
          <SelectField
            id="visit-rules-deadline-weekday"
            label={t('deadlineWeekday')}
            value={draft.deadlineWeekday}
            onChange={(value) => change('deadlineWeekday', value)}
            options={ISO_WEEKDAYS.map((d) => ({ value: String(d), label: t(`weekday.${d}`) }))}
            disabled={disabled}
            testId="visit-rules-deadline-weekday"
          />
          <SettingTextFields
            form="visit-rules"
            fields={[{ key: 'deadlineTime' as TextKey, id: 'deadlineTime', label: t('deadlineTime'), type: 'time' }]}
            values={draft}
            errorFor={errorFor}
            disabled={disabled}
            onChange={change}
          />
        </fieldset>
      </div>
    </SettingForm>
  );
}
