import { beforeAll, describe, expect, it } from 'vitest';
import { loadBusinessCalendar } from '@/graphql/complaints/business-calendar.service';
import { addBusinessHours } from '@/graphql/complaints/sla-clock.rules';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

// 导入法定节假日: the State Council's schedule of a year into the company calendar, which the SLA clock reads.
const IMPORT = `mutation($year: Int!) { importOfficialHolidays(year: $year) { year skipped added { date isWorkday name version } } }`;
type Imported = {
  importOfficialHolidays: {
    year: number;
    skipped: number;
    added: { date: string; isWorkday: boolean; name: string; version: number }[];
  };
};
const sh = (local: string) => new Date(`${local}+08:00`);

const v = {} as Record<'manager' | 'quality' | 'agent', Viewer>;
beforeAll(async () => {
  v.manager = (await createStaff('SERVICE_MANAGER')).viewer;
  v.quality = (await createStaff('QUALITY_MANAGER')).viewer;
  v.agent = (await createStaff('SERVICE_AGENT')).viewer;
});

describe('importing the official holiday schedule', () => {
  it('adds the year’s holidays and make-up days, keeps days the company set, and is idempotent', async () => {
    // The company already marked 10-01 its own way: the import leaves it.
    await prisma.calendarDay.create({
      data: { date: new Date('2026-10-01T00:00:00Z'), isWorkday: false, name: '公司国庆' },
    });
    const first = (await gqlOk<Imported>(v.manager, IMPORT, { year: 2026 })).importOfficialHolidays;
    expect(first.skipped).toBe(1);
    expect(first.added).toHaveLength(38); // 33 days off + 6 make-up working days − the one already there
    expect(first.added.find((d) => d.date === '2026-02-14')).toEqual({
      date: '2026-02-14',
      isWorkday: true,
      name: '春节调休上班',
      version: 1,
    });
    expect(
      (await prisma.calendarDay.findUniqueOrThrow({ where: { date: new Date('2026-10-01T00:00:00Z') } })).name,
    ).toBe('公司国庆');
    expect(
      await prisma.historyEntry.count({
        where: { entityType: 'CalendarDay', messageKey: 'serviceRules.calendarDayImported' },
      }),
    ).toBe(38);

    const again = (await gqlOk<Imported>(v.manager, IMPORT, { year: 2026 })).importOfficialHolidays;
    expect([again.added.length, again.skipped]).toEqual([0, 39]);
  });

  it('the clock follows it: 40 business hours from Wednesday 2026-09-30 09:00 skip 国庆 and work the make-up Saturday 10-10', async () => {
    const due = addBusinessHours(sh('2026-09-30T09:00:00'), 40, await loadBusinessCalendar());
    // 09-30: 8.5 h (09:00–17:30); 10-01..10-07 off; 10-08 Thu 9 h, 10-09 Fri 9 h, 10-10 Sat (调休) 9 h → 35.5 h; 4.5 h on Mon 10-12.
    expect(due.toISOString()).toBe(sh('2026-10-12T13:00:00').toISOString());
  });

  it('refuses a year whose schedule is not published, and anyone without settings:manage', async () => {
    const unpublished = await gqlAs(v.manager, IMPORT, { year: 2099 });
    expect(errorCodes(unpublished)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(unpublished.errors)).toContain('serviceRules.noOfficialHolidays');
    expect(errorCodes(await gqlAs(v.quality, IMPORT, { year: 2026 }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(v.agent, IMPORT, { year: 2026 }))).toEqual(['FORBIDDEN']);
  });
});
