'use client';

/**
 * One labelled checkbox with a hint or an error under it, wired through aria-describedby like FormField: the
 * on/off field of a form (an account's or a department's "active", a rule's flag).
 */
export function CheckboxField({
  id,
  label,
  hint,
  error,
  checked,
  onChange,
  testId,
  className,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
  /** Extra classes for the field's box (`pb-1.5` to sit on the baseline of a filter row's inputs). */
  className?: string;
}) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="inline-flex items-center gap-2 text-sm text-slate-800">
        <input
          id={id}
          type="checkbox"
          className="size-4"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy}
          data-testid={testId}
        />
        {label}
      </label>
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
