'use client';
import { inputClass } from './classes';
import { bindString, type StringValueProps } from './form-field';
import type { SelectOption } from './form-controls';

/**
 * A list filter's <select> with its small label above it (the bar over a table, not a form: no hint, no error). The
 * label wraps the control, so it names it without an id.
 */
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
    <label className={className}>
      <span className="mb-1 block text-xs font-medium text-slate-600">{label}</span>
      <select {...bindString(value)} disabled={disabled} className={`${inputClass} ${selectClassName}`}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
