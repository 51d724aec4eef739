import 'server-only';
import { cachedConfig } from '@/server/config-cache';
import type { Tx } from '@/server/db';
import { DEFAULT_CALENDAR, type BusinessCalendar } from './sla-clock.rules';

type BusinessHoursSetting = { timeZone?: string; days?: number[]; start?: string; end?: string };

/**
 * The company calendar: the `businessHours` setting plus holidays and make-up working days (CalendarDay). Cached in
 * process (config-cache.ts): the service-rules writes invalidate it, other instances see a change within the TTL.
 * The object is shared between requests — read it, never change it. `tx`: the caller's transaction, if any.
 */
export function loadBusinessCalendar(tx?: Tx): Promise<BusinessCalendar> {
  return cachedConfig(
    'businessCalendar',
    async (db) => {
      const [setting, days] = await Promise.all([
        db.setting.findUnique({ where: { key: 'businessHours' }, select: { value: true } }),
        db.calendarDay.findMany({ select: { date: true, isWorkday: true } }),
      ]);
      const hours = (setting?.value ?? {}) as BusinessHoursSetting;
      const iso = (d: Date) => d.toISOString().slice(0, 10);
      return {
        timeZone: hours.timeZone ?? process.env.KEFU_TIME_ZONE ?? DEFAULT_CALENDAR.timeZone,
        workdays: hours.days ?? DEFAULT_CALENDAR.workdays,
        start: hours.start ?? DEFAULT_CALENDAR.start,
        end: hours.end ?? DEFAULT_CALENDAR.end,
        holidays: new Set(days.filter((d) => !d.isWorkday).map((d) => iso(d.date))),
        extraWorkdays: new Set(days.filter((d) => d.isWorkday).map((d) => iso(d.date))),
      };
    },
    tx,
  );
}
