'use client';
import { CHIP_PRESSED, CHIP_SIZE, CHIP_UNPRESSED } from './toggle-chip';

const LOOKS = {
  /** Joined buttons, the chosen one filled: a section's main switch ("by province · industry · grade"). */
  solid: {
    group: 'inline-flex overflow-hidden rounded-md border border-slate-300 text-sm',
    button: 'px-3 py-1.5',
    on: 'bg-blue-700 font-medium text-white',
    off: 'bg-white text-slate-700 hover:bg-slate-50',
  },
  /** Small joined buttons, the chosen one tinted: a panel's own switch (chart or table). */
  compact: {
    group: 'inline-flex shrink-0 overflow-hidden rounded border border-slate-300 text-xs',
    button: 'px-2 py-1',
    on: 'bg-blue-50 font-medium text-blue-800',
    off: 'bg-white text-slate-600 hover:bg-slate-50',
  },
  /** Separate boxes that wrap: a switch beside a heading. */
  boxes: {
    group: 'flex flex-wrap gap-1 text-sm',
    button: 'rounded border px-2.5 py-1',
    on: 'border-blue-600 bg-blue-50 text-blue-800',
    off: 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50',
  },
  /** Rounded chips (ToggleChip's look) in a wrapping row: a list screen's status filter ("全部 · 草稿 · 已发布"). */
  chips: {
    group: 'flex flex-wrap gap-2 text-sm',
    button: `rounded-full border ${CHIP_SIZE.sm}`,
    on: CHIP_PRESSED.soft,
    off: CHIP_UNPRESSED,
  },
} as const;

/**
 * Exactly one of a few values, as a row of on/off buttons (`aria-pressed`) in a labelled `role="group"`: what a view is
 * broken down by, how a chart is shown. For several values at once use ToggleChips; for pages of a screen, tabs.
 */
export function SegmentedControl<Value extends string>({
  label,
  values,
  value,
  onChange,
  labelOf,
  testIdOf,
  look = 'solid',
  className = '',
}: {
  /** The group's accessible name. */
  label: string;
  values: readonly Value[];
  value: Value;
  onChange: (value: Value) => void;
  labelOf: (value: Value) => React.ReactNode;
  testIdOf?: (value: Value) => string | undefined;
  look?: keyof typeof LOOKS;
  /** Extra classes for the group (`print:hidden`). */
  className?: string;
}) {
  const classes = LOOKS[look];
  return (
    <div role="group" aria-label={label} className={className ? `${classes.group} ${className}` : classes.group}>
      {values.map((v) => (
        <button
          key={v}
          type="button"
          aria-pressed={v === value}
          onClick={() => onChange(v)}
          data-testid={testIdOf?.(v)}
          className={`${classes.button} focus-visible:outline-2 focus-visible:outline-blue-700 ${v === value ? classes.on : classes.off}`}
        >
          {labelOf(v)}
        </button>
      ))}
    </div>
  );
}
