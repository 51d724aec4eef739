/** Wall-clock parts of an instant in a time zone (the viewer's zone, Asia/Shanghai by default). */
function zonedParts(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** `YYYY-MM-DD HH:mm` in the given zone — the same in every locale, as staff compare times across records. */
export function formatDateTime(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Today's calendar date (`YYYY-MM-DD`) in the given zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  const p = zonedParts(now, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * The last minute of a calendar day in a zone, as an ISO instant: an expiry date picked as "2026-12-31" means
 * the key works through that whole day where the admin is, not until midnight UTC.
 */
export function endOfDayIn(date: string, timeZone: string): string {
  const wallClockAsUtc = Date.parse(`${date}T23:59:59.000Z`);
  // The zone's offset at that moment: the difference between its wall clock and UTC (two passes settle DST edges).
  let instant = wallClockAsUtc;
  for (let pass = 0; pass < 2; pass += 1) {
    const p = zonedParts(new Date(instant), timeZone);
    const shownAsUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    instant = wallClockAsUtc - (shownAsUtc - instant);
  }
  return new Date(instant).toISOString();
}
