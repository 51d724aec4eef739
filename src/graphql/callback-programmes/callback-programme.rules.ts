import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { stepSchedule } from '../key-account-obligations/obligation-schedule.rules';

/**
 * Periodic callback programmes (001 §6.2: customers are called back every two months; SPEC §5): the limits and the
 * due rule. Client-safe (no Prisma, no server imports): the console's form uses the same limits.
 *
 * A customer in a programme's segment is due when it has no task of the programme yet, or when the local calendar day
 * (the company's time zone) has reached the day `intervalMonths` after its last task's due time — month-end safe as the
 * obligation schedules are (Dec 31 + 2 months is Feb 28/29; a task due on a month's last day steps to the last day).
 * Days, not instants: the daily run at 03:00 finds a customer due on the right day even if the last task was created
 * a few seconds after 03:00 two months earlier.
 */
export const CALLBACK_PROGRAMME_INTERVAL_DEFAULT = 2;
export const CALLBACK_PROGRAMME_INTERVAL_MIN = 1;
export const CALLBACK_PROGRAMME_INTERVAL_MAX = 24;
export const CALLBACK_PROGRAMME_NAME_MAX = 100;
/** Who may create, change and run programmes: the service manager and the administrator (settings:manage). */
export const CALLBACK_PROGRAMME_MANAGE = ['settings:manage', 'callbacks:write'] as const;

const localDay = (at: Date, timeZone: string) => format(new TZDate(at.getTime(), timeZone), 'yyyy-MM-dd');

/** The day (yyyy-MM-dd, local) from which a customer whose last programme task was due at `lastDueAt` is due again. */
export function nextProgrammeDay(lastDueAt: Date, intervalMonths: number, timeZone: string): string {
  return localDay(stepSchedule(lastDueAt, { every: intervalMonths, unit: 'MONTH' }, timeZone), timeZone);
}

/** Whether a customer is due a new programme task at `now`: never called by the programme, or the interval passed. */
export function isProgrammeDue(lastDueAt: Date | null, now: Date, intervalMonths: number, timeZone: string): boolean {
  if (!lastDueAt) return true;
  return localDay(now, timeZone) >= nextProgrammeDay(lastDueAt, intervalMonths, timeZone);
}

export const validInterval = (n: number) =>
  Number.isInteger(n) && n >= CALLBACK_PROGRAMME_INTERVAL_MIN && n <= CALLBACK_PROGRAMME_INTERVAL_MAX;
