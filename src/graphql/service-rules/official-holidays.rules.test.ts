import { describe, expect, it } from 'vitest';
import { officialCalendarDays } from './official-holidays.rules';

describe('official holiday schedule', () => {
  it('has the State Council’s 2026 schedule: 33 days off and 6 make-up working days', () => {
    const days = officialCalendarDays(2026);
    expect(days.filter((d) => !d.isWorkday)).toHaveLength(33);
    expect(days.filter((d) => d.isWorkday).map((d) => d.date.toISOString().slice(0, 10))).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(days.find((d) => d.date.getTime() === Date.UTC(2026, 9, 1))).toEqual({
      date: new Date('2026-10-01T00:00:00Z'),
      isWorkday: false,
      name: '国庆节',
    });
    expect(days.find((d) => d.date.getTime() === Date.UTC(2026, 1, 14))).toEqual({
      date: new Date('2026-02-14T00:00:00Z'),
      isWorkday: true,
      name: '春节调休上班',
    });
  });

  it('is empty for a year whose schedule is not published', () => {
    expect(officialCalendarDays(2099)).toEqual([]);
  });
});
