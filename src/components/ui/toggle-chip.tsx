'use client';

/**
 * A rounded on/off button (`aria-pressed`) for picking one or several values from a short row of choices: a status
 * filter, a suggested period, reminder days. Put a row of them in a `role="group"` with an `aria-label`.
 */
export function ToggleChip({
  pressed,
  onClick,
  testId,
  size = 'sm',
  children,
}: {
  pressed: boolean;
  onClick: () => void;
  testId?: string;
  /** `xs` inside a form, `sm` in a toolbar. */
  size?: 'xs' | 'sm';
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      data-testid={testId}
      className={`rounded-full border px-3 py-1 ${size === 'xs' ? 'text-xs' : ''} focus-visible:outline-2 focus-visible:outline-blue-700 ${pressed ? 'border-blue-600 bg-blue-50 text-blue-800' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
    >
      {children}
    </button>
  );
}
