'use client';

export type CheckboxOption<Value extends string> = {
  value: Value;
  label: string;
  /** A second, smaller line under the label (a campaign's period and state); shown in the `list` layout. */
  hint?: string;
};

/**
 * A multi-select as a group of checkboxes (filters, audiences, roles): a fieldset with its legend; long lists scroll
 * in a box. `layout="list"` puts one box a line, with its hint, in a scrolling list (a dropdown's panel: MultiSelect).
 * Each box's test id is `testIdOf(value)`, or `${testIdPrefix}-${value}` when a prefix is given.
 */
export function CheckboxGroup<Value extends string>({
  name,
  legend,
  options,
  selected,
  onChange,
  emptyHint,
  testIdPrefix,
  testIdOf = testIdPrefix ? (value) => `${testIdPrefix}-${value}` : undefined,
  layout = 'wrap',
  legendHidden = false,
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
  testIdOf?: (value: Value) => string;
  /** `wrap`: the boxes side by side, wrapping (a form); `list`: one a line with its hint (a dropdown's panel). */
  layout?: 'wrap' | 'list';
  /** The legend for screen readers only, where a visible label already names the group (a dropdown's button). */
  legendHidden?: boolean;
  disabled?: boolean;
  /** What is wrong with the choice (shown under the boxes, in red). */
  error?: string;
  /** A line under the boxes (and under the error) on what to choose. */
  hint?: string;
}) {
  const toggle = (value: Value, checked: boolean) =>
    onChange(checked ? [...selected.filter((v) => v !== value), value] : selected.filter((v) => v !== value));
  const box = (option: CheckboxOption<Value>, className: string) => (
    <input
      type="checkbox"
      name={name}
      value={option.value}
      checked={selected.includes(option.value)}
      onChange={(e) => toggle(option.value, e.target.checked)}
      data-testid={testIdOf?.(option.value)}
      className={className}
    />
  );
  return (
    <fieldset className="min-w-0" disabled={disabled}>
      <legend className={legendHidden ? 'sr-only' : 'mb-1.5 text-xs font-medium text-slate-600'}>{legend}</legend>
      {options.length === 0 ? (
        <p className="text-xs text-slate-500">{emptyHint}</p>
      ) : layout === 'list' ? (
        <ul className="max-h-64 space-y-1 overflow-y-auto">
          {options.map((option) => (
            <li key={option.value}>
              <label className="flex items-start gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50">
                {box(option, 'mt-0.5 size-4 rounded border-slate-300')}
                <span className="min-w-0">
                  <span className="block break-words">{option.label}</span>
                  {option.hint && <span className="block text-xs text-slate-500">{option.hint}</span>}
                </span>
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <div
          className={`flex flex-wrap gap-x-3 gap-y-1.5 ${options.length > 12 ? 'max-h-36 overflow-y-auto rounded border border-slate-200 p-2' : ''}`}
        >
          {options.map((option) => (
            <label key={option.value} className="inline-flex items-center gap-1.5 text-sm">
              {box(option, 'size-4 rounded border-slate-300 text-blue-700 focus:ring-blue-600')}
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
