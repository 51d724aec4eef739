'use client';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { FilterSearch } from '@/components/ui/filter-select';
import { buttonClass } from '@/components/ui/classes';
import { SelectField } from '@/components/ui/form-controls';
import { ToggleChip } from '@/components/ui/toggle-chip';
import { useKeyedState } from '@/components/ui/use-keyed-state';
import { CAUSE_CLASSES, SEVERITIES_GRAVEST_FIRST } from '@/graphql/complaints/complaint-workflow.rules';
import { EMPTY_VIEW, isFiltered, QUEUE_SORTS, type QueueView } from './complaint-queue-params';

type Option = { id: string; name: string };

const toggle = <T,>(list: readonly T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/** A multi-choice filter as a row of chips after its label: each chip toggles one value in or out of `selected`. */
function ChipGroup<V extends string>({
  label,
  labelClassName = '',
  values,
  selected,
  labelOf,
  onChange,
  testIdPrefix,
}: {
  label: string;
  labelClassName?: string;
  values: readonly V[];
  selected: readonly V[];
  labelOf: (value: V) => string;
  onChange: (selected: V[]) => void;
  testIdPrefix?: string;
}) {
  return (
    <>
      <span className={`text-xs font-medium text-slate-600 ${labelClassName}`}>{label}</span>
      {values.map((value) => (
        <ToggleChip
          key={value}
          size="dense"
          tone="solid"
          pressed={selected.includes(value)}
          onClick={() => onChange(toggle(selected, value))}
          testId={testIdPrefix && `${testIdPrefix}-${value}`}
        >
          {labelOf(value)}
        </ToggleChip>
      ))}
    </>
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
  // The typed search is a draft until applied; a new applied search (Back, clearing the filters) replaces it.
  const [search, setSearch] = useKeyedState(view.search, () => view.search);
  const any = { value: '', label: t('filters.any') };

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
        <FilterSearch
          label={t('filters.search')}
          placeholder={t('filters.searchPlaceholder')}
          value={search}
          onChange={setSearch}
        />
        <button type="submit" className={buttonClass.secondary}>
          {t('filters.apply')}
        </button>
        {(
          [
            ['queue-dept', 'departmentId', t('list.department'), departments],
            ['queue-owner', 'ownerId', t('list.owner'), owners],
          ] as const
        ).map(([id, key, label, choices]) => (
          <SelectField
            key={id}
            id={id}
            label={label}
            value={view[key]}
            onChange={(value) => onChange({ ...view, [key]: value })}
            options={[any, ...choices.map((c) => ({ value: c.id, label: c.name }))]}
          />
        ))}
        <SelectField
          id="queue-ka"
          label={t('filters.keyAccount')}
          value={view.keyAccount === null ? '' : view.keyAccount ? '1' : '0'}
          onChange={(value) => onChange({ ...view, keyAccount: value === '' ? null : value === '1' })}
          options={[
            any,
            { value: '1', label: t('filters.keyAccountOnly') },
            { value: '0', label: t('filters.keyAccountExcluded') },
          ]}
        />
        <SelectField
          id="queue-sort"
          label={t('filters.sort')}
          value={view.sort}
          onChange={(value) => onChange({ ...view, sort: QUEUE_SORTS.find((s) => s === value) ?? view.sort })}
          options={QUEUE_SORTS.map((s) => ({ value: s, label: t(`filters.sortBy.${s}`) }))}
        />
      </form>
      <div className="flex flex-wrap items-center gap-2">
        <ChipGroup
          label={t('list.severity')}
          values={SEVERITIES_GRAVEST_FIRST}
          selected={view.severity}
          labelOf={(s) => t(`severity.${s}`)}
          onChange={(severity) => onChange({ ...view, severity })}
          testIdPrefix="filter-severity"
        />
        <ChipGroup
          label={t('filters.causeClass')}
          labelClassName="ml-3"
          values={CAUSE_CLASSES}
          selected={view.causeClass}
          labelOf={(c) => t(`causeClass.${c}`)}
          onChange={(causeClass) => onChange({ ...view, causeClass })}
        />
        {isFiltered(view) && (
          <Button
            kind="link"
            className="ml-auto"
            onClick={() => onChange({ ...EMPTY_VIEW, sort: view.sort })}
            data-testid="filter-clear"
          >
            {t('filters.clear')}
          </Button>
        )}
      </div>
    </section>
  );
}
