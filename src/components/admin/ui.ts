/** Shared Tailwind class lists for the admin screens, so buttons and fields look the same everywhere. */
export function buttonClass(kind: 'primary' | 'secondary' | 'danger' | 'link' = 'primary'): string {
  const base =
    'inline-flex items-center justify-center gap-1 rounded px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-60';
  switch (kind) {
    case 'primary':
      return `${base} bg-blue-700 text-white hover:bg-blue-800`;
    case 'secondary':
      return `${base} border border-slate-300 bg-white text-slate-700 hover:bg-slate-50`;
    case 'danger':
      return `${base} bg-red-700 text-white hover:bg-red-800`;
    case 'link':
      return `${base} px-2 py-1 text-blue-700 hover:bg-blue-50`;
  }
}

export const inputClass =
  'w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/20 aria-[invalid=true]:border-red-500';

export const labelClass = 'mb-1 block text-sm font-medium text-slate-700';

