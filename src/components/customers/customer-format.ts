/**
 * Display helpers for customer money and dates. Money arrives as a decimal string ("12800.00") and is never turned
 * into a float for arithmetic: sums are done in integer fen.
 */

const NUMERIC = /^-?\d+(\.\d+)?$/;
const isNumeric = (value: string): value is `${number}` => NUMERIC.test(value);

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "12800.5" → "¥12,800.50" (zh-CN) / "CN¥12,800.50" (en); empty for null. Formats the string exactly, no float. */
export function formatMoney(value: string | null | undefined, locale: string): string {
  if (value == null || value === '') return '';
  const text = value.trim();
  if (!isNumeric(text)) return value;
  let format = moneyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' });
    moneyFormats.set(locale, format);
  }
  return format.format(text);
}

/** "12800.5" → 1280050n fen; null when the text is not a non-negative/negative amount with ≤ 2 decimals. */
export function moneyToFen(value: string): bigint | null {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) return null;
  const fen = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

export function fenToMoney(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The sum of decimal strings, ignoring blanks and anything that is not an amount. */
export function sumMoney(values: readonly (string | null | undefined)[]): string {
  let total = 0n;
  for (const value of values) {
    const fen = value ? moneyToFen(value) : null;
    if (fen !== null) total += fen;
  }
  return fenToMoney(total);
}

function parts(iso: string, timeZone: string): Record<string, string> | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const out: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const part of format.formatToParts(date)) out[part.type] = part.value;
  return out;
}

/** An instant (ISO 8601) as "YYYY-MM-DD" in the given zone (Asia/Shanghai for the console). */
export function formatDateInZone(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const p = parts(iso, timeZone);
  return p ? `${p.year}-${p.month}-${p.day}` : iso;
}

/** An instant (ISO 8601) as "YYYY-MM-DD HH:mm" in the given zone. */
export function formatDateTimeInZone(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const p = parts(iso, timeZone);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : iso;
}
