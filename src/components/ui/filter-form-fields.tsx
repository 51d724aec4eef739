import { inputClass, labelClass } from './classes';
import type { SelectOption } from './form-controls';

/**
 * Labelled, uncontrolled controls of a filter form that is read with FormData on submit (the form is keyed by the
 * applied filters, so `defaultValue` resets them). Other attributes go to the control. Controlled filter-bar controls
 * (a value and onChange) are FilterSelect / FilterSearch in filter-select.tsx.
 */
export function FilterFormInput({
  id,
  label,
  className,
  ...input
}: { id: string; label: string; className?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input id={id} {...input} className={inputClass} />
    </div>
  );
}

/** A filter `<select>` whose first option, "any", is the empty value. */
export function FilterFormSelect({
  id,
  name,
  label,
  anyLabel,
  options,
  defaultValue,
  className,
}: {
  id: string;
  name: string;
  label: string;
  anyLabel: string;
  options: readonly SelectOption[];
  defaultValue?: string;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue ?? ''} className={inputClass}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
