'use client';

export type CheckboxOption<Value extends string> = { value: Value; label: string };

/**
 * A multi-select as a group of checkboxes (filters, audiences, roles): a fieldset with its legend; long lists scroll
 * in a box. Each box's test id is `${testIdPrefix}-${value}` when a prefix is given.
 */
export function CheckboxGroup<Value extends string>({
  name,
  legend,
  options,
  selected,
  onChange,
  emptyHint,
  testIdPrefix,
  disabled,
  error,
  hint,
}: {
  name: string;
  legend: string;
  options: readonly CheckboxOption<Value>[];
  selected: readonly Value[];
  onChange: (values: Value[]) => void;
  emptyHint?: string;
  testIdPrefix?: string;
  disabled?: boolean;
  /** What is wrong with the choice (shown under the boxes, in red). */
  error?: string;
  /** A line under the boxes (and under the error) on what to choose. */
  hint?: string;
}) {
  const toggle = (value: Value, checked: boolean) =>
    onChange(checked ? [...selected.filter((v) => v !== value), value] : selected.filter((v) => v !== value));
  return (
    <fieldset className="min-w-0" disabled={disabled}>
      <legend className="mb-1.5 text-xs font-medium text-slate-600">{legend}</legend>
      {options.length === 0 ? (
        <p className="text-xs text-slate-500">{emptyHint}</p>
      ) : (
        <div
          className={`flex flex-wrap gap-x-3 gap-y-1.5 ${options.length > 12 ? 'max-h-36 overflow-y-auto rounded border border-slate-200 p-2' : ''}`}
        >
          {options.map((option) => (
            <label key={option.value} className="inline-flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                name={name}
                value={option.value}
                checked={selected.includes(option.value)}
                onChange={(e) => toggle(option.value, e.target.checked)}
                data-testid={testIdPrefix ? `${testIdPrefix}-${option.value}` : undefined}
                className="size-4 rounded border-slate-300 text-blue-700 focus:ring-blue-600"
              />
              {option.label}
            </label>
          ))}
        </div>
      )}
      {error && <p className="mt-1 text-xs text-red-700">{error}</p>}
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </fieldset>
  );
}
