import { describe, expect, it } from 'vitest';
import { officialCalendarDays } from './official-holidays';

describe('official holiday schedule', () => {
  it('has the State Council’s 2026 schedule: 33 days off and 6 make-up working days', () => {
    const days = officialCalendarDays(2026);
    expect(days.filter((d) => !d.isWorkday)).toHaveLength(33);
    expect(days.filter((d) => d.isWorkday).map((d) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(days.find((d) => d.date === '2026-10-01')).toEqual({ date: '2026-10-01', isWorkday: false, name: '国庆节' });
    expect(days.find((d) => d.date === '2026-02-14')).toEqual({ date: '2026-02-14', isWorkday: true, name: '春节调休上班' });
  });

  it('is empty for a year whose schedule is not published', () => {
    expect(officialCalendarDays(2099)).toEqual([]);
  });
});
