// Tailwind class lists shared by the console screens, so buttons and fields look the same everywhere.

const BUTTON_BASE =
  'inline-flex items-center justify-center gap-1.5 rounded px-3 py-1.5 text-sm font-medium shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60';

/**
 * `primary`/`secondary`/`danger`: filled or outlined buttons. `ghost`/`dangerGhost`: a quiet padded button for row
 * actions in tables. `link`: text that reads as a link (for <a> and <Link> as well as buttons).
 */
export const buttonClass = {
  primary: `${BUTTON_BASE} bg-blue-700 text-white hover:bg-blue-800 focus-visible:outline-blue-700`,
  secondary: `${BUTTON_BASE} border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 focus-visible:outline-blue-700`,
  danger: `${BUTTON_BASE} bg-red-700 text-white hover:bg-red-800 focus-visible:outline-red-700`,
  ghost:
    'rounded px-2 py-1 text-sm font-medium text-blue-700 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-700 disabled:opacity-60',
  dangerGhost:
    'rounded px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600 disabled:opacity-60',
  link: 'text-sm font-medium text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700',
} as const;

export type ButtonKind = keyof typeof buttonClass;

export const inputClass =
  'w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-xs focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/20 disabled:bg-slate-100 aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-500/20';

export const labelClass = 'mb-1 block text-xs font-medium text-slate-700';
