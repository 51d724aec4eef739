'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import type { CheckboxOption } from '@/components/ui/checkbox-group';
import { buttonClass, inputClass, labelClass } from '@/components/ui/classes';
import { MultiSelect, type MultiSelectWords } from '@/components/ui/multi-select';
import type { SurveyAnalysisFilterOptionsQuery } from '@/gql/graphql';
import {
  countAnalysisFilters,
  emptyAnalysisFilter,
  GRADE_VALUES,
  KEY_ACCOUNT_VALUES,
  type AnalysisFilterState,
} from './analysis-params';

export type FilterOptions = {
  campaigns: SurveyAnalysisFilterOptionsQuery['surveyCampaigns']['nodes'];
  periods: readonly string[];
  templates: SurveyAnalysisFilterOptionsQuery['surveyTemplates'];
  provinces: readonly string[];
  industries: readonly string[];
};

/** The analysis' filters: which campaigns / periods / template family, and which customer segments. */
export function AnalysisFilterBar({
  value,
  options,
  loading,
  onChange,
}: {
  value: AnalysisFilterState;
  options: FilterOptions;
  loading: boolean;
  onChange: (filter: AnalysisFilterState) => void;
}) {
  const t = useTranslations('surveyAnalysis');
  const tf = useTranslations('surveyAnalysis.filters');
  const locale = useLocale();
  const templateId = useId();
  const set = <K extends keyof AnalysisFilterState>(key: K, next: AnalysisFilterState[K]) =>
    onChange({ ...value, [key]: next });
  const active = countAnalysisFilters(value);
  const words: MultiSelectWords = {
    all: tf('all'),
    selectedCount: (count) => tf('selectedCount', { count }),
    clear: tf('clearOne'),
    done: tf('done'),
  };

  const campaignOptions = options.campaigns.map((c) => ({
    value: c.id,
    label: c.name,
    hint: `${c.periodLabel} · ${t(`campaignStatus.${c.status}`)}`,
  }));
  // Families, not versions: the analysis filters by the family key, so every version's responses count.
  const families = [...new Map(options.templates.map((tpl) => [tpl.key, tpl])).values()];
  const templateName = (tpl: FilterOptions['templates'][number]) => (locale.startsWith('en') && tpl.nameEn) || tpl.name;

  // The customer-segment filters; grades and key-account statuses are kept in their canonical order.
  const plain = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
  const segmentFilters: {
    name: string;
    label: string;
    options: CheckboxOption<string>[];
    selected: readonly string[];
    pick: (picked: string[]) => Partial<AnalysisFilterState>;
  }[] = [
    {
      name: 'province',
      label: tf('provinces'),
      options: plain(options.provinces),
      selected: value.provinces,
      pick: (provinces) => ({ provinces }),
    },
    {
      name: 'industry',
      label: tf('industries'),
      options: plain(options.industries),
      selected: value.industries,
      pick: (industries) => ({ industries }),
    },
    {
      name: 'grade',
      label: tf('grades'),
      options: GRADE_VALUES.map((g) => ({ value: g, label: t(`segmentValue.GRADE.${g}`) })),
      selected: value.grades,
      pick: (picked) => ({ grades: GRADE_VALUES.filter((g) => picked.includes(g)) }),
    },
    {
      name: 'keyAccount',
      label: tf('keyAccounts'),
      options: KEY_ACCOUNT_VALUES.map((k) => ({ value: k, label: t(`segmentValue.KEY_ACCOUNT.${k}`) })),
      selected: value.keyAccountStatuses,
      pick: (picked) => ({ keyAccountStatuses: KEY_ACCOUNT_VALUES.filter((k) => picked.includes(k)) }),
    },
  ];

  return (
    <div
      role="search"
      aria-label={tf('title')}
      className="rounded-lg border border-slate-200 bg-white p-3 print:hidden"
      data-testid="analysis-filters"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-8">
        <div className="xl:col-span-2">
          <MultiSelect
            name="campaign"
            testId="filter-campaign"
            words={words}
            label={tf('campaigns')}
            options={campaignOptions}
            selected={value.campaignIds}
            onChange={(v) => set('campaignIds', v)}
            emptyHint={loading ? t('loading') : tf('noCampaigns')}
          />
        </div>
        <MultiSelect
          name="period"
          testId="filter-period"
          words={words}
          label={tf('periods')}
          options={options.periods.map((p) => ({ value: p, label: p }))}
          selected={value.periodLabels}
          onChange={(v) => set('periodLabels', v)}
          emptyHint={loading ? t('loading') : tf('noPeriods')}
        />
        <div className="min-w-0">
          <label htmlFor={templateId} className={labelClass}>
            {tf('template')}
          </label>
          <select
            id={templateId}
            className={inputClass}
            value={value.templateKey}
            onChange={(e) => set('templateKey', e.target.value)}
            data-testid="filter-template"
          >
            <option value="">{tf('all')}</option>
            {families.map((tpl) => (
              <option key={tpl.key} value={tpl.key}>
                {templateName(tpl)}
              </option>
            ))}
            {value.templateKey && !families.some((f) => f.key === value.templateKey) && (
              <option value={value.templateKey}>{value.templateKey}</option>
            )}
          </select>
        </div>
        {segmentFilters.map((filter) => (
          <MultiSelect
            key={filter.name}
            name={filter.name}
            testId={`filter-${filter.name}`}
            words={words}
            label={filter.label}
            options={filter.options}
            selected={filter.selected}
            onChange={(v) => onChange({ ...value, ...filter.pick(v) })}
            emptyHint={tf('noValues')}
          />
        ))}
      </div>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <span data-testid="filter-summary">
          {active === 0 ? tf('allResponses') : tf('activeCount', { count: active })}
        </span>
        {active > 0 && (
          <button
            type="button"
            className={buttonClass.ghost}
            onClick={() => onChange(emptyAnalysisFilter())}
            data-testid="filter-clear"
          >
            {tf('clearAll')}
          </button>
        )}
      </div>
    </div>
  );
}
