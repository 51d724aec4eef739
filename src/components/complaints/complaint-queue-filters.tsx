'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { CauseClass, ComplaintQueueSort, Severity } from '@/gql/graphql';
import { buttonClass, inputClass, labelClass } from '@/components/ui/classes';
import {
  CAUSE_CLASSES,
  EMPTY_VIEW,
  isFiltered,
  QUEUE_SORTS,
  SEVERITIES,
  type QueueView,
} from './complaint-queue-params';

type Option = { id: string; name: string };

const toggle = <T,>(list: readonly T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

function Chip({
  pressed,
  onClick,
  children,
  testId,
}: {
  pressed: boolean;
  onClick: () => void;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      data-testid={testId}
      className={`rounded-full border px-2.5 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-blue-700 ${
        pressed
          ? 'border-blue-700 bg-blue-700 text-white'
          : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'
      }`}
    >
      {children}
    </button>
  );
}

/**
 * Filters and order of the complaint work queue. Chips and selects apply at once; the search applies on Enter
 * (or the button), so typing does not fire a request per key.
 */
export function ComplaintQueueFilters({
  view,
  onChange,
  departments,
  owners,
}: {
  view: QueueView;
  onChange: (view: QueueView) => void;
  departments: readonly Option[];
  owners: readonly Option[];
}) {
  const t = useTranslations('complaints');
  const [search, setSearch] = useState(view.search);
  useEffect(() => setSearch(view.search), [view.search]);

  return (
    <section
      aria-label={t('filters.label')}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-3"
      data-testid="complaint-queue-filters"
    >
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ ...view, search });
        }}
      >
        <div className="min-w-56 flex-1">
          <label className={labelClass} htmlFor="queue-search">
            {t('filters.search')}
          </label>
          <input
            id="queue-search"
            type="search"
            className={inputClass}
            value={search}
            placeholder={t('filters.searchPlaceholder')}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <button type="submit" className={buttonClass.secondary}>
          {t('filters.apply')}
        </button>
        <div>
          <label className={labelClass} htmlFor="queue-dept">
            {t('list.department')}
          </label>
          <select
            id="queue-dept"
            className={inputClass}
            value={view.departmentId}
            onChange={(e) => onChange({ ...view, departmentId: e.target.value })}
          >
            <option value="">{t('filters.any')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className={labelClass} htmlFor="queue-owner">
            {t('list.owner')}
          </label>
          <select
            id="queue-owner"
            className={inputClass}
            value={view.ownerId}
            onChange={(e) => onChange({ ...view, ownerId: e.target.value })}
          >
            <option value="">{t('filters.any')}</option>
            {owners.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className={labelClass} htmlFor="queue-ka">
            {t('filters.keyAccount')}
          </label>
          <select
            id="queue-ka"
            className={inputClass}
            value={view.keyAccount === null ? '' : view.keyAccount ? '1' : '0'}
            onChange={(e) => onChange({ ...view, keyAccount: e.target.value === '' ? null : e.target.value === '1' })}
          >
            <option value="">{t('filters.any')}</option>
            <option value="1">{t('filters.keyAccountOnly')}</option>
            <option value="0">{t('filters.keyAccountExcluded')}</option>
          </select>
        </div>
        <div>
          <label className={labelClass} htmlFor="queue-sort">
            {t('filters.sort')}
          </label>
          <select
            id="queue-sort"
            className={inputClass}
            value={view.sort}
            onChange={(e) => onChange({ ...view, sort: e.target.value as ComplaintQueueSort })}
          >
            {QUEUE_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`filters.sortBy.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-slate-600">{t('list.severity')}</span>
        {SEVERITIES.map((s: Severity) => (
          <Chip
            key={s}
            pressed={view.severity.includes(s)}
            onClick={() => onChange({ ...view, severity: toggle(view.severity, s) })}
            testId={`filter-severity-${s}`}
          >
            {t(`severity.${s}`)}
          </Chip>
        ))}
        <span className="ml-3 text-xs font-medium text-slate-600">{t('filters.causeClass')}</span>
        {CAUSE_CLASSES.map((c: CauseClass) => (
          <Chip
            key={c}
            pressed={view.causeClass.includes(c)}
            onClick={() => onChange({ ...view, causeClass: toggle(view.causeClass, c) })}
          >
            {t(`causeClass.${c}`)}
          </Chip>
        ))}
        {isFiltered(view) && (
          <button
            type="button"
            className={`${buttonClass.link} ml-auto`}
            onClick={() => onChange({ ...EMPTY_VIEW, sort: view.sort })}
            data-testid="filter-clear"
          >
            {t('filters.clear')}
          </button>
        )}
      </div>
    </section>
  );
}
