'use client';

export const CHIP_SIZE = {
  sm: 'px-3 py-1',
  xs: 'px-3 py-1 text-xs',
  dense: 'px-2.5 py-0.5 text-xs font-medium',
} as const;
export const CHIP_PRESSED = {
  soft: 'border-blue-600 bg-blue-50 text-blue-800',
  solid: 'border-blue-700 bg-blue-700 text-white',
};
export const CHIP_UNPRESSED = 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50';

/**
 * A rounded on/off button (`aria-pressed`) for picking one or several values from a short row of choices: a status
 * filter, a suggested period, reminder days. Put a row of them in a `role="group"` with an `aria-label`.
 */
export function ToggleChip({
  pressed,
  onClick,
  testId,
  size = 'sm',
  tone = 'soft',
  children,
}: {
  pressed: boolean;
  onClick: () => void;
  testId?: string;
  /** `xs` inside a form, `sm` in a toolbar, `dense` for many rows of chips in a filter panel. */
  size?: 'xs' | 'sm' | 'dense';
  /** How a pressed chip stands out: a light tint (`soft`), or filled (`solid`, where many chips sit close together). */
  tone?: 'soft' | 'solid';
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      data-testid={testId}
      className={`rounded-full border ${CHIP_SIZE[size]} focus-visible:outline-2 focus-visible:outline-blue-700 ${pressed ? CHIP_PRESSED[tone] : CHIP_UNPRESSED}`}
    >
      {children}
    </button>
  );
}
