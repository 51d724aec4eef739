/**
 * Display helpers shared by the console and the portal.
 *
 * Money arrives as a decimal string ("12800.00") and never goes through a float: Intl formats such strings exactly,
 * and sums are done in integer fen. Times are instants (ISO 8601) shown on the wall clock of the viewer's zone
 * (next-intl's configured time zone, Asia/Shanghai by default); calendar dates (`YYYY-MM-DD`) are shown as they are.
 */

const isDecimalString = (value: string): value is `${number}` => /^-?\d+(\.\d+)?$/.test(value);

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "12800.5" → "¥12,800.50" (zh-CN) / "CN¥12,800.50" (en); empty for null; anything not an amount is shown as it is. */
export function formatMoney(value: string | null | undefined, locale: string): string {
  if (value == null || value === '') return '';
  const text = value.trim();
  if (!isDecimalString(text)) return value;
  let format = moneyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' });
    moneyFormats.set(locale, format);
  }
  return format.format(text);
}

/** "12800.5" → 1280050n fen; null when the text is not an amount with at most 2 decimals. */
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

/** Wall-clock parts of an instant in a time zone. */
// One formatter per zone: building an Intl.DateTimeFormat costs far more than formatting with it (it was 8 % of the
// server's CPU when every API call asked for today's date).
const partFormatters = new Map<string, Intl.DateTimeFormat>();
function partFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function zonedParts(instant: Date, timeZone: string) {
  const parts = partFormatter(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** Parts of an ISO instant, or null when it does not parse. */
function partsOf(iso: string, timeZone: string) {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? null : zonedParts(instant, timeZone);
}

/**
 * An instant as `YYYY-MM-DD HH:mm` in the zone — the same in every locale, as staff compare times across records.
 * Empty for null; an unparseable value is shown as it is.
 */
export function formatDateTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const p = partsOf(iso, timeZone);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : iso;
}

/** An instant as its calendar date `YYYY-MM-DD` in the zone. Empty for null; an unparseable value is shown as it is. */
export function formatDate(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const p = partsOf(iso, timeZone);
  return p ? `${p.year}-${p.month}-${p.day}` : iso;
}

/** Per zone, the date last computed and the instants [from, to) it holds for (asked for on every API-key call). */
const todayCache = new Map<string, { from: number; to: number; day: string }>();

/** Today's calendar date (`YYYY-MM-DD`) in the given zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  const t = now.getTime();
  const hit = todayCache.get(timeZone);
  if (hit && t >= hit.from && t < hit.to) return hit.day;
  const p = zonedParts(now, timeZone);
  const day = `${p.year}-${p.month}-${p.day}`;
  // The same date from this instant to the end of that day in the zone.
  todayCache.set(timeZone, { from: t, to: Date.parse(endOfDayIn(day, timeZone)) + 1000, day });
  return day;
}

/**
 * The last second of a calendar day in a zone, as an ISO instant: an expiry date picked as "2026-12-31" means
 * the key works through that whole day where the admin is, not until midnight UTC.
 */
export function endOfDayIn(date: string, timeZone: string): string {
  const wallClockAsUtc = Date.parse(`${date}T23:59:59.000Z`);
  // The zone's offset at that moment: the difference between its wall clock and UTC (two passes settle DST edges).
  let instant = wallClockAsUtc;
  for (let pass = 0; pass < 2; pass += 1) {
    const p = zonedParts(new Date(instant), timeZone);
    const shownAsUtc = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
      Number(p.second),
    );
    instant = wallClockAsUtc - (shownAsUtc - instant);
  }
  return new Date(instant).toISOString();
}

/** Whole days from `today` to `date` (both `YYYY-MM-DD`); negative when `date` is past. */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

// ───── numbers in analyses (satisfaction scores, rates) ─────
// Scores are shown with one decimal and rates as percentages with one decimal everywhere (SPEC §9 charts and tables),
// so a number reads the same in a tile, a chart tooltip and a table. Formats are cached per locale and shape.

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const cacheKey = `${locale}|${key}`;
  let format = numberFormats.get(cacheKey);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(cacheKey, format);
  }
  return format;
}

const isNumber = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** 82.456 → "82.5" (one decimal, grouped: 1,234.5); empty for null or not a number. */
export function formatScore(value: number | null | undefined, locale: string): string {
  return isNumber(value)
    ? numberFormat(locale, 'score', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)
    : '';
}

/** A change in score with its sign: 3.21 → "+3.2", −1.5 → "-1.5", 0.04 → "0.0"; empty for null. */
export function formatSignedScore(value: number | null | undefined, locale: string): string {
  return isNumber(value)
    ? numberFormat(locale, 'signed', {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
        signDisplay: 'exceptZero',
      }).format(value)
    : '';
}

/** A share 0–1 as a percentage with one decimal: 0.4534 → "45.3%"; empty for null. */
export function formatPercent(share: number | null | undefined, locale: string): string {
  return isNumber(share)
    ? numberFormat(locale, 'percent', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
        share,
      )
    : '';
}

/** A count or any plain number, grouped, with at most `maxDigits` decimals: 1234 → "1,234", 0.3 → "0.3". */
export function formatNumber(value: number | null | undefined, locale: string, maxDigits = 0): string {
  return isNumber(value)
    ? numberFormat(locale, `n${maxDigits}`, { maximumFractionDigits: maxDigits }).format(value)
    : '';
}
