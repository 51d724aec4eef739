'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { CustomerOwnerOption } from './customer-operations';
import { formatMoney } from '@/lib/format';
import {
  DATE_RANGE_KEYS,
  emptyFilter,
  ENUM_FILTER_KEYS,
  FACET_FILTER_KEYS,
  MONEY_RANGE_KEYS,
  normaliseMoneyInput,
  TEXT_FILTER_KEYS,
  type CustomerFilterState,
} from './customer-list-params';

type Chip = { id: string; label: string; clear: (filter: CustomerFilterState) => CustomerFilterState };

/** The filters in effect, each removable with one click (or Enter/Space). */
export function ActiveFilterChips({
  filter,
  owners,
  onChange,
}: {
  filter: CustomerFilterState;
  owners: readonly CustomerOwnerOption[];
  onChange: (filter: CustomerFilterState) => void;
}) {
  const t = useTranslations('customers');
  const locale = useLocale();
  const chips: Chip[] = [];

  if (filter.search)
    chips.push({
      id: 'search',
      label: t('filters.chip', { field: t('list.searchLabel'), value: filter.search }),
      clear: (f) => ({ ...f, search: '' }),
    });
  for (const key of ENUM_FILTER_KEYS) {
    if (!filter[key].length) continue;
    const value = filter[key].map((v) => t(`${key}.${v}`)).join(t('filters.or'));
    chips.push({
      id: key,
      label: t('filters.chip', { field: t(`fields.${key}`), value }),
      clear: (f) => ({ ...f, [key]: [] }),
    });
  }
  for (const key of FACET_FILTER_KEYS) {
    if (!filter[key].length) continue;
    chips.push({
      id: key,
      label: t('filters.chip', { field: t(`fields.${key}`), value: filter[key].join(t('filters.or')) }),
      clear: (f) => ({ ...f, [key]: [] }),
    });
  }
  for (const key of TEXT_FILTER_KEYS) {
    if (!filter.text[key]) continue;
    chips.push({
      id: key,
      label: t('filters.chipContains', { field: t(`fields.${key}`), value: filter.text[key] }),
      clear: (f) => ({ ...f, text: { ...f.text, [key]: '' } }),
    });
  }
  /** A range chip: "a – b", "≥ a" or "≤ b"; none when both bounds are empty. */
  const rangeChip = (key: string, low: string, high: string, clear: Chip['clear']) => {
    if (!low && !high) return;
    const value = low && high ? `${low} – ${high}` : low ? `≥ ${low}` : `≤ ${high}`;
    chips.push({ id: key, label: t('filters.chip', { field: t(`fields.${key}`), value }), clear });
  };
  for (const key of DATE_RANGE_KEYS) {
    const { from, to } = filter.dates[key];
    rangeChip(key, from, to, (f) => ({ ...f, dates: { ...f.dates, [key]: { from: '', to: '' } } }));
  }
  for (const key of MONEY_RANGE_KEYS) {
    const amount = (value: string) => formatMoney(normaliseMoneyInput(value), locale);
    const { min, max } = filter.money[key];
    rangeChip(key, amount(min), amount(max), (f) => ({ ...f, money: { ...f.money, [key]: { min: '', max: '' } } }));
  }
  if (filter.ownerId) {
    const owner = owners.find((o) => o.id === filter.ownerId);
    chips.push({
      id: 'owner',
      label: t('filters.chip', { field: t('fields.owner'), value: owner?.name ?? '…' }),
      clear: (f) => ({ ...f, ownerId: '' }),
    });
  }
  if (filter.archived !== 'active') {
    chips.push({
      id: 'archived',
      label: t(`filters.archivedScope.${filter.archived}`),
      clear: (f) => ({ ...f, archived: 'active' }),
    });
  }

  if (chips.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="active-filters">
      <span className="text-xs text-slate-500">{t('filters.active')}</span>
      {chips.map((chip) => (
        <button
          key={chip.id}
          type="button"
          onClick={() => onChange(chip.clear(filter))}
          className="inline-flex max-w-xs items-center gap-1 rounded-full border border-blue-200 bg-blue-50 px-2.5 py-0.5 text-xs text-blue-900 hover:bg-blue-100 focus-visible:outline-2 focus-visible:outline-blue-700"
          aria-label={t('filters.removeChip', { filter: chip.label })}
          data-testid={`chip-${chip.id}`}
        >
          <span className="truncate">{chip.label}</span>
          <span aria-hidden>✕</span>
        </button>
      ))}
      {chips.length > 1 && (
        <button
          type="button"
          className="text-xs text-slate-600 underline-offset-2 hover:underline"
          onClick={() => onChange(emptyFilter())}
          data-testid="chips-clear-all"
        >
          {t('filters.clearAll')}
        </button>
      )}
    </div>
  );
}
