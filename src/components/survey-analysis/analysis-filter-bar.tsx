'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { buttonClass, inputClass, labelClass } from '@/components/ui/classes';
import type { SurveyAnalysisFilterOptionsQuery } from '@/gql/graphql';
import {
  countAnalysisFilters,
  emptyAnalysisFilter,
  GRADE_VALUES,
  KEY_ACCOUNT_VALUES,
  type AnalysisFilterState,
} from './analysis-params';

type Option = { value: string; label: string; hint?: string };

/**
 * A labelled button that opens a list of checkboxes. Changes apply at once (the analysis reloads); Esc or a click
 * elsewhere closes the list and gives focus back to the button.
 */
function MultiSelect({
  name,
  label,
  options,
  selected,
  onChange,
  emptyHint,
}: {
  name: string;
  label: string;
  options: readonly Option[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  emptyHint: string;
}) {
  const t = useTranslations('surveyAnalysis.filters');
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const labelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  // A value in a shared URL may no longer be offered; keep it listed so it can be unticked.
  const known = new Set(options.map((o) => o.value));
  const all: Option[] = [...options, ...selected.filter((v) => !known.has(v)).map((v) => ({ value: v, label: v }))];
  const labelOf = new Map(all.map((o) => [o.value, o.label]));
  const summary =
    selected.length === 0
      ? t('all')
      : selected.length === 1
        ? (labelOf.get(selected[0]!) ?? selected[0]!)
        : t('selectedCount', { count: selected.length });
  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...selected, value] : selected.filter((v) => v !== value));

  return (
    <div
      ref={rootRef}
      className="relative min-w-0"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <span id={labelId} className={labelClass}>
        {label}
      </span>
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={panelId}
        aria-labelledby={`${labelId} ${panelId}-summary`}
        onClick={() => setOpen((o) => !o)}
        data-testid={`filter-${name}`}
        className={`${inputClass} flex items-center justify-between gap-2 text-left ${selected.length ? 'border-blue-500 bg-blue-50/40' : ''}`}
      >
        <span id={`${panelId}-summary`} className="truncate">
          {summary}
        </span>
        <span aria-hidden className="text-xs text-slate-500">
          ▾
        </span>
      </button>
      {open && (
        <div
          id={panelId}
          className="absolute z-20 mt-1 w-72 max-w-[90vw] rounded-md border border-slate-200 bg-white p-3 shadow-lg"
          data-testid={`filter-${name}-panel`}
        >
          <fieldset>
            <legend className="sr-only">{label}</legend>
            {all.length === 0 ? (
              <p className="text-xs text-slate-500">{emptyHint}</p>
            ) : (
              <ul className="max-h-64 space-y-1 overflow-y-auto">
                {all.map((option) => (
                  <li key={option.value}>
                    <label className="flex items-start gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50">
                      <input
                        type="checkbox"
                        className="mt-0.5 size-4 rounded border-slate-300"
                        checked={selected.includes(option.value)}
                        onChange={(e) => toggle(option.value, e.target.checked)}
                        data-testid={`filter-${name}-option`}
                        value={option.value}
                      />
                      <span className="min-w-0">
                        <span className="block break-words">{option.label}</span>
                        {option.hint && <span className="block text-xs text-slate-500">{option.hint}</span>}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <div className="mt-2 flex justify-between border-t border-slate-100 pt-2">
            <button
              type="button"
              className={buttonClass.ghost}
              onClick={() => onChange([])}
              disabled={selected.length === 0}
            >
              {t('clearOne')}
            </button>
            <button
              type="button"
              className={buttonClass.ghost}
              onClick={() => {
                setOpen(false);
                buttonRef.current?.focus();
              }}
            >
              {t('done')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

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
    options: Option[];
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
            label={tf('campaigns')}
            options={campaignOptions}
            selected={value.campaignIds}
            onChange={(v) => set('campaignIds', v)}
            emptyHint={loading ? t('loading') : tf('noCampaigns')}
          />
        </div>
        <MultiSelect
          name="period"
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
