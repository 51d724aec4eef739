import { inputClass, labelClass } from './classes';

export type FormControlProps = {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
};

/**
 * A labelled form field with its hint or error wired to the control through aria-describedby, so screen readers read
 * the error with the field. `children` receives the id, invalid state and descriptions to spread onto the control.
 * While there is an error it takes the hint's place.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  required,
  errorTestId,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  errorTestId?: string;
  className?: string;
  children: (props: FormControlProps) => React.ReactNode;
}) {
  const showHint = Boolean(hint) && !error;
  const describedBy = error ? `${id}-error` : showHint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
        {required && (
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
        )}
      </label>
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': describedBy,
        ...(required ? { 'aria-required': true } : {}),
      })}
      {showHint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700" data-testid={errorTestId}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The common case of a FormField: one text-like `<input>` (text, email, password, date, time…) with the shared input
 * style, its value as a string and `onChange` with the new value. Other attributes go to the input.
 */
export function TextField({
  id,
  label,
  hint,
  error,
  required,
  className,
  inputClassName = '',
  value,
  onChange,
  testId,
  ...input
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  className?: string;
  inputClassName?: string;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className' | 'required'>) {
  return (
    <FormField id={id} label={label} hint={hint} error={error} required={required} className={className}>
      {(props) => (
        <input
          {...input}
          {...props}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={`${inputClass} ${inputClassName}`}
          data-testid={testId}
        />
      )}
    </FormField>
  );
}
