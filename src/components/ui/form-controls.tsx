'use client';
import { inputClass } from './classes';
import { FormField } from './form-field';

/** What every labelled control of a form takes: FormField's label, hint, error and layout, and its value. */
type ControlProps = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
  required?: boolean;
  className?: string;
  testId?: string;
};

export type SelectOption = { value: string; label: string };

/** A labelled <select>: FormField's wiring (label, hint or error read with the control) around the console's input. */
export function SelectField({ options, ...props }: ControlProps & { options: readonly SelectOption[] }) {
  return (
    <FormField {...fieldProps(props)}>
      {(p) => (
        <select
          {...p}
          className={inputClass}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          data-testid={props.testId}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** A labelled <textarea>. */
export function TextareaField({ rows = 3, maxLength, ...props }: ControlProps & { rows?: number; maxLength?: number }) {
  return (
    <FormField {...fieldProps(props)}>
      {(p) => (
        <textarea
          {...p}
          rows={rows}
          maxLength={maxLength}
          className={inputClass}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          data-testid={props.testId}
        />
      )}
    </FormField>
  );
}

const fieldProps = ({ id, label, hint, error, required, className }: ControlProps) => ({
  id,
  label,
  hint,
  error,
  required,
  className,
});
