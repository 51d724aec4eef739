'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CheckboxGroup } from '@/components/ui/checkbox-group';
import { buttonClass, inputClass } from '@/components/ui/classes';
import {
  DATE_RANGE_KEYS,
  emptyFilter,
  ENUM_FILTER_KEYS,
  ENUM_FILTER_VALUES,
  filterProblems,
  MONEY_RANGE_KEYS,
  TEXT_FILTER_KEYS,
  type ArchivedScope,
  type CustomerFilterState,
  type EnumFilterKey,
} from './customer-list-params';
import type { CustomerOwnerOption } from './customer-operations';

type Owner = CustomerOwnerOption;

type RangeBound = {
  type: 'date' | 'text';
  inputMode?: 'decimal';
  value: string;
  onChange: (value: string) => void;
  'aria-label': string;
  placeholder?: string;
  'data-testid': string;
};

/** One bound of a range row, before the field's label and test id are added. */
type Bound = Pick<RangeBound, 'value' | 'onChange' | 'placeholder'> & {
  bound: 'from' | 'to' | 'min' | 'max';
  label: 'from' | 'until' | 'min' | 'max';
};

function RangeGroup({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold text-slate-800">{legend}</legend>
      <div className="space-y-2">{children}</div>
    </fieldset>
  );
}

/** One "from … to …" filter row (a date range or an amount range), with its problem shown under both bounds. */
function RangeFilter({
  label,
  separator,
  errorId,
  problem,
  from,
  to,
}: {
  label: string;
  separator: string;
  errorId: string;
  problem?: string;
  from: RangeBound;
  to: RangeBound;
}) {
  const input = ({ onChange, ...bound }: RangeBound) => (
    <input
      {...bound}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={!!problem}
      aria-describedby={problem ? errorId : undefined}
      className={inputClass}
    />
  );
  return (
    <div role="group" aria-label={label}>
      <div className="grid grid-cols-[8rem_1fr_auto_1fr] items-center gap-2">
        <span className="text-xs font-medium text-slate-600">{label}</span>
        {input(from)}
        <span className="text-xs text-slate-500">{separator}</span>
        {input(to)}
      </div>
      {problem && (
        <p id={errorId} className="mt-1 text-xs text-red-700">
          {problem}
        </p>
      )}
    </div>
  );
}

/** Every filter of CustomerFilter. Changes are staged here and take effect (in the URL) on "apply". */
export function CustomerFilterPanel({
  value,
  provinces,
  industries,
  owners,
  onApply,
  onClose,
}: {
  value: CustomerFilterState;
  provinces: readonly string[];
  industries: readonly string[];
  owners: readonly Owner[];
  onApply: (filter: CustomerFilterState) => void;
  onClose: () => void;
}) {
  const t = useTranslations('customers');
  const [draft, setDraft] = useState<CustomerFilterState>(value);
  const problems = filterProblems(draft);
  const hasProblems = Object.keys(problems).length > 0;
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // Keyboard users land in the panel they just opened.
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  // Values selected in a shared URL may no longer be in use; keep them visible so they can be unticked.
  const facetOptions = (values: readonly string[], selected: readonly string[]) =>
    [...new Set([...values, ...selected])].map((v) => ({ value: v, label: v }));
  /** A date or amount range row: its two bounds' inputs are labelled and test-id'd from the field and the bound. */
  const rangeFilter = (
    key: (typeof DATE_RANGE_KEYS)[number] | (typeof MONEY_RANGE_KEYS)[number],
    input: Pick<RangeBound, 'type' | 'inputMode'>,
    [from, to]: [Bound, Bound],
  ) => {
    const label = t(`fields.${key}`);
    const bound = ({ bound, label: boundLabel, ...rest }: Bound): RangeBound => ({
      ...input,
      ...rest,
      'aria-label': t(`filters.${boundLabel}`, { field: label }),
      'data-testid': `filter-${key}-${bound}`,
    });
    return (
      <RangeFilter
        key={key}
        label={label}
        separator={t('filters.to')}
        errorId={`${id}-${key}-error`}
        problem={problems[key] && t(`filters.problem.${problems[key]}`)}
        from={bound(from)}
        to={bound(to)}
      />
    );
  };
  const enumOptions = (key: EnumFilterKey) =>
    ENUM_FILTER_VALUES[key].map((v) => ({ value: v, label: t(`${key}.${v}`) }));

  return (
    <form
      ref={formRef}
      id="customer-filter-panel"
      aria-label={t('filters.title')}
      data-testid="filter-panel"
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
      onSubmit={(e) => {
        e.preventDefault();
        if (!hasProblems) onApply(draft);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {ENUM_FILTER_KEYS.map((key) => (
          <CheckboxGroup
            key={key}
            name={key}
            legend={t(`fields.${key}`)}
            options={enumOptions(key)}
            selected={draft[key]}
            testIdPrefix={`filter-${key}`}
            onChange={(values) =>
              setDraft({
                ...draft,
                [key]: values.filter((v) => (ENUM_FILTER_VALUES[key] as readonly string[]).includes(v)),
              })
            }
          />
        ))}
        {(
          [
            ['province', provinces],
            ['industry', industries],
          ] as const
        ).map(([key, values]) => (
          <CheckboxGroup
            key={key}
            name={key}
            legend={t(`fields.${key}`)}
            options={facetOptions(values, draft[key])}
            selected={draft[key]}
            onChange={(selected) => setDraft({ ...draft, [key]: selected })}
            testIdPrefix={`filter-${key}`}
            emptyHint={t('filters.noValues')}
          />
        ))}
      </div>

      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-800">{t('filters.textFields')}</legend>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
          {TEXT_FILTER_KEYS.map((key) => (
            <label key={key} className="block">
              <span className="mb-1 block text-xs font-medium text-slate-600">{t(`fields.${key}`)}</span>
              <input
                type="text"
                value={draft.text[key]}
                onChange={(e) => setDraft({ ...draft, text: { ...draft.text, [key]: e.target.value } })}
                className={inputClass}
                placeholder={t('filters.contains')}
                data-testid={`filter-text-${key}`}
              />
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-5 lg:grid-cols-2">
        <RangeGroup legend={t('filters.dateRanges')}>
          {DATE_RANGE_KEYS.map((key) => {
            const range = draft.dates[key];
            const set = (bound: keyof typeof range) => (v: string) =>
              setDraft({ ...draft, dates: { ...draft.dates, [key]: { ...range, [bound]: v } } });
            return rangeFilter(key, { type: 'date' }, [
              { bound: 'from', label: 'from', value: range.from, onChange: set('from') },
              { bound: 'to', label: 'until', value: range.to, onChange: set('to') },
            ]);
          })}
        </RangeGroup>

        <div className="space-y-5">
          <RangeGroup legend={t('filters.moneyRanges')}>
            {MONEY_RANGE_KEYS.map((key) => {
              const range = draft.money[key];
              const set = (bound: keyof typeof range) => (v: string) =>
                setDraft({ ...draft, money: { ...draft.money, [key]: { ...range, [bound]: v } } });
              return rangeFilter(key, { type: 'text', inputMode: 'decimal' }, [
                {
                  bound: 'min',
                  label: 'min',
                  value: range.min,
                  onChange: set('min'),
                  placeholder: t('filters.minPlaceholder'),
                },
                {
                  bound: 'max',
                  label: 'max',
                  value: range.max,
                  onChange: set('max'),
                  placeholder: t('filters.maxPlaceholder'),
                },
              ]);
            })}
          </RangeGroup>

          <div className="grid gap-4 sm:grid-cols-2">
            <label className="block">
              <span className="mb-1 block text-xs font-medium text-slate-600">{t('fields.owner')}</span>
              <select
                value={draft.ownerId}
                onChange={(e) => setDraft({ ...draft, ownerId: e.target.value })}
                className={inputClass}
                data-testid="filter-owner"
              >
                <option value="">{t('filters.anyOwner')}</option>
                {owners.map((owner) => (
                  <option key={owner.id} value={owner.id}>
                    {owner.name}
                    {owner.department ? ` · ${owner.department.name}` : ''}
                  </option>
                ))}
              </select>
            </label>
            <fieldset>
              <legend className="mb-1 text-xs font-medium text-slate-600">{t('filters.archived')}</legend>
              <div className="flex flex-wrap gap-x-3 gap-y-1">
                {(['active', 'archived', 'all'] as const satisfies readonly ArchivedScope[]).map((scope) => (
                  <label key={scope} className="inline-flex items-center gap-1.5 text-sm">
                    <input
                      type="radio"
                      name="archived"
                      value={scope}
                      checked={draft.archived === scope}
                      onChange={() => setDraft({ ...draft, archived: scope })}
                      data-testid={`filter-archived-${scope}`}
                      className="size-4 border-slate-300 text-blue-700"
                    />
                    {t(`filters.archivedScope.${scope}`)}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
        </div>
      </div>

      <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-100 pt-3">
        <Button
          kind="link"
          onClick={() => setDraft({ ...emptyFilter(), search: draft.search })}
          data-testid="filter-reset"
        >
          {t('filters.reset')}
        </Button>
        <Button onClick={onClose}>{t('actions.cancel')}</Button>
        <button type="submit" className={buttonClass.primary} disabled={hasProblems} data-testid="filter-apply">
          {t('filters.apply')}
        </button>
      </div>
    </form>
  );
}
