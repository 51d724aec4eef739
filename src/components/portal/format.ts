// Date and time helpers (YYYY-MM-DD HH:mm in the viewer's zone) live in the admin module's format.ts and are reused here.
export { formatDateTime, todayIn } from '@/components/admin/format';

/** Money arrives as a decimal string ("12800.00"); Intl formats such strings exactly, without going through a float. */
const isDecimalString = (value: string): value is `${number}` => /^-?\d+(\.\d+)?$/.test(value);

export function formatMoney(amount: string, locale: string): string {
  const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' });
  return isDecimalString(amount) ? formatter.format(amount) : amount;
}

/** Whole days from `today` to `date` (both `YYYY-MM-DD`); negative when `date` is past. */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

