import { TZDate } from '@date-fns/tz';
import { formatDateTime, todayIn } from '@/lib/format';

/**
 * Campaign dates are instants (opensAt/closesAt) that staff pick on the company's wall clock (Asia/Shanghai by
 * default), whatever zone their own browser is in: a <input type="datetime-local"> value is read as that zone's
 * wall clock, not the browser's.
 */

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** "2026-10-01T09:00" on the zone's wall clock → ISO instant; null when it is not a complete date-time. */
export function wallClockToIso(value: string, timeZone: string): string | null {
  const match = WALL_CLOCK.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const instant = new TZDate(y, mo - 1, d, h, mi, timeZone);
  // A day that does not exist in the month (02-31) rolls over in Date; refuse it rather than silently move it.
  if (instant.getDate() !== d) return null;
  return new Date(instant.getTime()).toISOString();
}

/** An ISO instant → the datetime-local value showing it on the zone's wall clock. */
export const isoToWallClock = (iso: string | null | undefined, timeZone: string): string =>
  formatDateTime(iso, timeZone).replace(' ', 'T');

/** Defaults for a new campaign: opening today at 09:00 and closing 30 days later at 18:00, on the zone's clock. */
export function defaultCampaignWindow(timeZone: string, now = new Date()): { opensAt: string; closesAt: string } {
  const today = todayIn(timeZone, now);
  const closing = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  return { opensAt: `${today}T09:00`, closesAt: `${closing}T18:00` };
}

export type PeriodPick = { key: 'quarter' | 'firstHalf' | 'secondHalf' | 'year'; label: string };

/** The period labels offered as quick picks for a campaign starting today: 本季度 2026-Q4, 2026-H1, 2026-H2, 2026. */
export function periodPicks(timeZone: string, now = new Date()): PeriodPick[] {
  const today = todayIn(timeZone, now);
  const year = today.slice(0, 4);
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return [
    { key: 'quarter', label: `${year}-Q${quarter}` },
    { key: 'firstHalf', label: `${year}-H1` },
    { key: 'secondHalf', label: `${year}-H2` },
    { key: 'year', label: year },
  ];
}
