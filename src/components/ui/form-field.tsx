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

/** What a FormField takes besides its control: the label, hint, error, whether it is required, and its layout. */
export type FieldFrameProps = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  className?: string;
  /** Test id of the error line. */
  errorTestId?: string;
};

/**
 * Splits a labelled control's props into FormField's part and the rest (what goes to the control), so every labelled
 * control (TextField here, SelectField and TextareaField in form-controls) wires its field the same way.
 */
export function splitFieldProps<P extends FieldFrameProps>(props: P) {
  const { id, label, hint, error, required, className, errorTestId, ...control } = props;
  return [{ id, label, hint, error, required, className, errorTestId } satisfies FieldFrameProps, control] as const;
}

/** The props of a control that holds a string: its value, `onChange` with the new value, and its test id. */
export type StringValueProps = { value: string; onChange: (value: string) => void; testId?: string };

/** The attributes that bind a native input, select or textarea to a StringValueProps value. */
export function bindString({ value, onChange, testId }: StringValueProps) {
  return {
    value,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      onChange(e.target.value),
    'data-testid': testId,
  };
}

/**
 * The common case of a FormField: one text-like `<input>` (text, email, password, date, time…) with the shared input
 * style, its value as a string and `onChange` with the new value. Other attributes go to the input.
 */
export function TextField(
  props: FieldFrameProps &
    StringValueProps & { inputClassName?: string } & Omit<
      React.InputHTMLAttributes<HTMLInputElement>,
      'id' | 'value' | 'onChange' | 'className' | 'required'
    >,
) {
  const [field, { value, onChange, testId, inputClassName = '', ...input }] = splitFieldProps(props);
  return (
    <FormField {...field}>
      {(aria) => (
        <input
          {...input}
          {...aria}
          {...bindString({ value, onChange, testId })}
          className={`${inputClass} ${inputClassName}`}
        />
      )}
    </FormField>
  );
}
