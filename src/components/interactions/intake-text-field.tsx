'use client';
import { inputClass } from '@/components/ui/classes';
import { FormField } from '@/components/ui/form-field';

/**
 * A text field of the lodge forms (the portal's and /submit's intake form, the console's record form): its id is
 * `<form>-<field>`, its error's test id `<form>-error-<field>`; with `rows` it is a textarea.
 */
export function IntakeTextField({
  form,
  field,
  label,
  value,
  onChange,
  error,
  required,
  hint,
  rows,
  type = 'text',
  autoComplete,
}: {
  form: 'intake' | 'record';
  field: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
  hint?: string;
  rows?: number;
  type?: string;
  autoComplete?: string;
}) {
  const control = { name: field, className: inputClass, value };
  return (
    <FormField
      id={`${form}-${field}`}
      label={label}
      hint={hint}
      error={error}
      required={required}
      errorTestId={`${form}-error-${field}`}
    >
      {(props) =>
        rows ? (
          <textarea {...props} {...control} rows={rows} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            {...props}
            {...control}
            type={type}
            autoComplete={autoComplete}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </FormField>
  );
}
