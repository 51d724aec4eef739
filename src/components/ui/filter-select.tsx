'use client';
import { inputClass } from './classes';
import { bindString, type StringValueProps } from './form-field';
import { SelectOptions, type SelectOption } from './form-controls';

/**
 * The controls of a list's filter bar (over a table, not a form: no hint, no error): a small label above each, the
 * label wrapping its control so it names it without an id.
 */
function FilterLabel({ label, className, children }: { label: string; className: string; children: React.ReactNode }) {
  return (
    <label className={className}>
      <span className="mb-1 block text-xs font-medium text-slate-600">{label}</span>
      {children}
    </label>
  );
}

/** A filter bar's <select>. */
export function FilterSelect({
  label,
  options,
  className = 'block',
  selectClassName = '',
  disabled,
  ...value
}: StringValueProps & {
  label: string;
  options: readonly SelectOption[];
  className?: string;
  selectClassName?: string;
  disabled?: boolean;
}) {
  return (
    <FilterLabel label={label} className={className}>
      <select {...bindString(value)} disabled={disabled} className={`${inputClass} ${selectClassName}`}>
        <SelectOptions options={options} />
      </select>
    </FilterLabel>
  );
}

/** A filter bar's search box (`type="search"`: Esc clears it). */
export function FilterSearch({
  label,
  placeholder,
  className = 'block min-w-56 flex-1',
  ...value
}: StringValueProps & { label: string; placeholder?: string; className?: string }) {
  return (
    <FilterLabel label={label} className={className}>
      <input type="search" {...bindString(value)} placeholder={placeholder} className={inputClass} />
    </FilterLabel>
  );
}
