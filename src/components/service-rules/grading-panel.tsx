'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { getFragmentData, graphql } from '@/gql';
import type { CustomerGradeFormFieldsFragment as GradeFormFields } from '@/gql/graphql';
import { CustomerGradeFormFieldsFragment } from '@/components/customers/grade-form-fragment';
import {
  GRADING_LIMITS,
  gradeRanges,
  ZGradeForm,
  type GradeBands,
} from '@/graphql/customer-grading/customer-grading.rules';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import {
  positiveInt,
  SettingForm,
  type SettingFormProps,
  SettingTextFields,
  useSettingSave,
  VersionedSettingsPanel,
} from './service-rules-ui';

// Named `ServiceRules…`: every service-rules write makes them stale (SERVICE_RULES_CHANGED).
const ServiceRulesGradeFormQuery = graphql(`
  query ServiceRulesGradeForm {
    customerGradeForm {
      ...CustomerGradeFormFields
    }
  }
`);

const ServiceRulesUpdateGradeFormMutation = graphql(`
  mutation ServiceRulesUpdateGradeForm($version: Int!, $input: CustomerGradeFormInput!) {
    updateCustomerGradeForm(version: $version, input: $input) {
      version
    }
  }
`);

type GradeForm = GradeFormFields;
type CriterionDraft = { key: string; label: string; description: string; weight: string; maxScore: string };
const BAND_KEYS = ['A', 'B', 'C'] as const;

/** A key for a criterion added here: the first `cN` not taken (keys tie stored scores to their criterion). */
const freshKey = (taken: readonly CriterionDraft[]) => {
  for (let n = 1; ; n++) if (!taken.some((c) => c.key === `c${n}`)) return `c${n}`;
};

/** 客户分等分级: the 受审核方服务有效性水平评价表's criteria (weight, maximum score) and the grade bands. */
export function GradingPanel({ canManage }: { canManage: boolean }) {
  const query = useGqlQuery(ServiceRulesGradeFormQuery);
  return (
    <VersionedSettingsPanel query={query} testId="grading-panel" canManage={canManage}>
      {(data, props) => {
        const form = getFragmentData(CustomerGradeFormFieldsFragment, data.customerGradeForm);
        return <GradeFormEditor key={form.version} form={form} {...props} />;
      }}
    </VersionedSettingsPanel>
  );
}

function GradeFormEditor({ form, canManage, onSaved, onReload }: SettingFormProps & { form: GradeForm }) {
  const t = useTranslations('serviceRules.grading');
  const tGrade = useTranslations('customers.grade');
  const [criteria, setCriteria] = useState<CriterionDraft[]>(() =>
    form.criteria.map((c) => ({
      key: c.key,
      label: c.label,
      description: c.description ?? '',
      weight: String(c.weight),
      maxScore: String(c.maxScore),
    })),
  );
  const [bands, setBands] = useState<Record<keyof GradeBands, string>>({
    A: String(form.bands.A),
    B: String(form.bands.B),
    C: String(form.bands.C),
  });
  const save = useSettingSave(ServiceRulesUpdateGradeFormMutation);
  const { attempted, serverFields, edited, pending } = save;
  const disabled = !canManage || pending;

  const candidate = {
    criteria: criteria.map((c) => ({
      key: c.key,
      label: c.label.trim(),
      description: c.description.trim() || null,
      weight: positiveInt(c.weight) ?? NaN,
      maxScore: positiveInt(c.maxScore) ?? NaN,
    })),
    bands: { A: positiveInt(bands.A) ?? NaN, B: positiveInt(bands.B) ?? NaN, C: positiveInt(bands.C) ?? NaN },
  };
  // The server's own schema, checked as the user types (shown once a save was tried).
  const parsed = ZGradeForm.safeParse(candidate);
  const problems = new Set(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.')));
  const errorFor = (key: string, message: string) =>
    attempted && problems.has(key) ? message : (serverFields[key] ?? undefined);
  const weightTotal = candidate.criteria.reduce((sum, c) => sum + (Number.isFinite(c.weight) ? c.weight : 0), 0);
  const shownBands = parsed.success ? parsed.data.bands : form.bands;

  const submit = save.submit(
    () => (parsed.success ? { version: form.version, input: candidate } : null),
    () => onSaved(t('savedNotice')),
  );
  const setCriterion = (index: number, patch: Partial<CriterionDraft>) => {
    edited(...Object.keys(patch).map((k) => `criteria.${index}.${k}`), 'criteria');
    setCriteria((list) => list.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  };
  const cellInput = (index: number, field: keyof CriterionDraft, label: string, message: string, numeric = false) => {
    const error = errorFor(`criteria.${index}.${field}`, message);
    return (
      <>
        <input
          aria-label={`${label} ${index + 1}`}
          aria-invalid={!!error}
          className={`${inputClass} ${numeric ? 'w-20 tabular-nums' : ''}`}
          inputMode={numeric ? 'numeric' : undefined}
          maxLength={field === 'description' ? GRADING_LIMITS.descriptionMax : GRADING_LIMITS.labelMax}
          value={criteria[index]![field]}
          disabled={disabled}
          onChange={(e) => setCriterion(index, { [field]: e.target.value })}
          data-testid={`grading-criterion-${index}-${field}`}
        />
        {error && <p className="mt-0.5 text-xs text-red-700">{error}</p>}
      </>
    );
  };
  const rows = criteria.map((c, index) => ({ ...c, index, id: c.key }));

  return (
    <SettingForm
      name="grading"
      hint
      version={form.version}
      save={save}
      canManage={canManage}
      onReload={onReload}
      onSubmit={submit}
    >
      <div className="space-y-2">
        <h3 className="text-sm font-medium">{t('criteria')}</h3>
        <DataTable
          columns={[
            {
              id: 'label',
              header: t('columns.label'),
              cell: (row) => cellInput(row.index, 'label', t('columns.label'), t('required')),
            },
            {
              id: 'description',
              header: t('columns.description'),
              cell: (row) => cellInput(row.index, 'description', t('columns.description'), t('invalid')),
            },
            {
              id: 'weight',
              header: t('columns.weight'),
              cell: (row) => cellInput(row.index, 'weight', t('columns.weight'), t('integer'), true),
              footer: (
                <span
                  className={weightTotal === GRADING_LIMITS.weightTotal ? 'tabular-nums' : 'tabular-nums text-red-700'}
                  data-testid="grading-weight-total"
                >
                  {t('weightTotal', { total: weightTotal })}
                </span>
              ),
            },
            {
              id: 'maxScore',
              header: t('columns.maxScore'),
              cell: (row) => cellInput(row.index, 'maxScore', t('columns.maxScore'), t('integer'), true),
            },
            {
              id: 'remove',
              header: '',
              cell: (row) =>
                canManage &&
                criteria.length > GRADING_LIMITS.minCriteria && (
                  <Button
                    kind="ghost"
                    disabled={pending}
                    onClick={() => {
                      edited('criteria');
                      setCriteria((list) => list.filter((_, i) => i !== row.index));
                    }}
                  >
                    {t('remove')}
                  </Button>
                ),
            },
          ]}
          rows={rows}
          rowKey={(row) => row.key}
          state={{ loading: false }}
          caption={t('criteria')}
          empty={null}
          testId="grading-criteria"
        />
        {(attempted && problems.has('criteria') ? t('weightsTotal') : serverFields['criteria']) && (
          <p className="text-xs text-red-700" data-testid="grading-criteria-error">
            {attempted && problems.has('criteria') ? t('weightsTotal') : serverFields['criteria']}
          </p>
        )}
        {canManage && criteria.length < GRADING_LIMITS.maxCriteria && (
          <Button
            kind="secondary"
            disabled={pending}
            onClick={() =>
              setCriteria((list) => [
                ...list,
                { key: freshKey(list), label: '', description: '', weight: '', maxScore: '10' },
              ])
            }
            data-testid="grading-add-criterion"
          >
            {t('add')}
          </Button>
        )}
      </div>
      <div className="space-y-2 lg:max-w-2xl">
        <h3 className="text-sm font-medium">{t('bands')}</h3>
        <p className="text-xs text-slate-600">{t('bandsHint')}</p>
        <div className="grid gap-4 sm:grid-cols-3">
          <SettingTextFields
            form="grading"
            fields={BAND_KEYS.map((grade) => ({
              key: grade,
              id: `band-${grade}`,
              label: t('bandFrom', { grade: tGrade(grade) }),
              inputMode: 'numeric' as const,
            }))}
            values={bands}
            errorFor={(grade) => errorFor(`bands.${grade}`, t('bandsOrder'))}
            disabled={disabled}
            onChange={(grade, value) => {
              edited(`bands.${grade}`);
              setBands((b) => ({ ...b, [grade]: value }));
            }}
          />
        </div>
        <ul className="text-sm text-slate-700" data-testid="grading-ranges">
          {gradeRanges(shownBands).map((range) => (
            <li key={range.grade}>
              {range.below === null
                ? t('rangeTop', { grade: tGrade(range.grade), min: range.min })
                : t('range', { grade: tGrade(range.grade), min: range.min, below: range.below })}
            </li>
          ))}
        </ul>
      </div>
    </SettingForm>
  );
}
