import { labelClass } from './ui';

/**
 * A labelled form field with its hint and error wired to the control through aria-describedby, so screen readers
 * read the error with the field. `children` receives the ids and invalid state to spread onto the control.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => React.ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A page-level status line (loading, error with retry, notice). */
export function StatusMessage({ tone, children }: { tone: 'info' | 'error' | 'success'; children: React.ReactNode }) {
  const colours = { info: 'bg-slate-50 text-slate-600', error: 'bg-red-50 text-red-700', success: 'bg-green-50 text-green-800' }[tone];
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded px-4 py-3 text-sm ${colours}`}>
      {children}
    </div>
  );
}
