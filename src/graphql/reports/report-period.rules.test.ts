import { describe, expect, it } from 'vitest';
import {
  deliveryDueAt,
  isValidDeliveryDay,
  isValidPeriod,
  lastEndedPeriod,
  periodDue,
  periodOf,
  periodRange,
  periodTitle,
  reportTitle,
  shiftPeriod,
} from './report-period.rules';

const TZ = 'Asia/Shanghai';
const iso = (d: Date | undefined) => d?.toISOString();

describe('periods in Asia/Shanghai (UTC+8, no DST)', () => {
  it('parses months, quarters and years and refuses anything else', () => {
    expect(isValidPeriod('MONTH', '2026-11')).toBe(true);
    expect(isValidPeriod('QUARTER', '2026-Q4')).toBe(true);
    expect(isValidPeriod('YEAR', '2026')).toBe(true);
    for (const bad of ['2026-Q5', '2026-Q0', '2026-q1', '2026', '26-Q1'])
      expect(isValidPeriod('QUARTER', bad)).toBe(false);
    for (const bad of ['2026-13', '2026-1', '1999-12', '2026-Q1']) expect(isValidPeriod('MONTH', bad)).toBe(false);
    for (const bad of ['26', '2026-01', '1999', '2100']) expect(isValidPeriod('YEAR', bad)).toBe(false);
  });

  it('a quarter runs from local midnight of its first day to that of the next quarter', () => {
    const q1 = periodRange('QUARTER', '2026-Q1', TZ)!;
    expect(iso(q1.from)).toBe('2025-12-31T16:00:00.000Z');
    expect(iso(q1.to)).toBe('2026-03-31T16:00:00.000Z');
    const q4 = periodRange('QUARTER', '2025-Q4', TZ)!;
    expect(iso(q4.from)).toBe('2025-09-30T16:00:00.000Z');
    expect(iso(q4.to)).toBe('2025-12-31T16:00:00.000Z');
    const year = periodRange('YEAR', '2025', TZ)!;
    expect(iso(year.from)).toBe('2024-12-31T16:00:00.000Z');
    expect(iso(year.to)).toBe('2025-12-31T16:00:00.000Z');
    expect(periodRange('QUARTER', '2026-Q5', TZ)).toBeNull();
  });

  it('an instant belongs to the period of its local date, not its UTC date', () => {
    // 2025-12-31T16:00Z is 2026-01-01 00:00 in Shanghai: the new year, Q1 and January.
    const newYear = new Date('2025-12-31T16:00:00Z');
    expect(periodOf('YEAR', newYear, TZ)).toBe('2026');
    expect(periodOf('QUARTER', newYear, TZ)).toBe('2026-Q1');
    expect(periodOf('MONTH', newYear, TZ)).toBe('2026-01');
    const lastSecond = new Date('2025-12-31T15:59:59Z');
    expect(periodOf('YEAR', lastSecond, TZ)).toBe('2025');
    expect(periodOf('QUARTER', lastSecond, TZ)).toBe('2025-Q4');
    expect(periodOf('QUARTER', new Date('2026-06-30T16:00:00Z'), TZ)).toBe('2026-Q3');
  });

  it('shifts across year boundaries', () => {
    expect(shiftPeriod('QUARTER', '2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftPeriod('QUARTER', '2025-Q4', 1)).toBe('2026-Q1');
    expect(shiftPeriod('MONTH', '2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('YEAR', '2026', -1)).toBe('2025');
    expect(shiftPeriod('QUARTER', '2026-Q3', -4)).toBe('2025-Q3');
  });

  it('the report of a period is due on the day-th of the month after it, local midnight', () => {
    expect(iso(deliveryDueAt('MONTH', '2025-12', 2, TZ))).toBe('2026-01-01T16:00:00.000Z');
    expect(iso(deliveryDueAt('QUARTER', '2026-Q1', 2, TZ))).toBe('2026-04-01T16:00:00.000Z');
    expect(iso(deliveryDueAt('YEAR', '2025', 5, TZ))).toBe('2026-01-04T16:00:00.000Z');
    expect(lastEndedPeriod('QUARTER', new Date('2026-04-02T00:00:00Z'), TZ)).toBe('2026-Q1');
  });

  it('periodDue: nothing before the delivery day, the last ended period from it on', () => {
    // 2026-04-01 23:59 Shanghai: Q1 has ended but its day (the 2nd) has not come.
    expect(periodDue('QUARTER', 2, new Date('2026-04-01T15:59:00Z'), TZ)).toBeNull();
    expect(periodDue('QUARTER', 2, new Date('2026-04-01T16:00:00Z'), TZ)).toBe('2026-Q1');
    expect(periodDue('QUARTER', 2, new Date('2026-06-30T15:00:00Z'), TZ)).toBe('2026-Q1');
    // The year's report: 2 January.
    expect(periodDue('YEAR', 2, new Date('2026-01-01T17:00:00Z'), TZ)).toBe('2025');
    expect(periodDue('YEAR', 2, new Date('2026-01-01T12:00:00Z'), TZ)).toBeNull();
    expect(periodDue('MONTH', 1, new Date('2026-03-01T00:00:00Z'), TZ)).toBe('2026-02');
  });

  it('delivery days are 1–28; titles are Chinese', () => {
    expect([0, 1, 28, 29, 2.5].map(isValidDeliveryDay)).toEqual([false, true, true, false, false]);
    expect(periodTitle('QUARTER', '2026-Q3')).toBe('2026 年第 3 季度');
    expect(periodTitle('MONTH', '2026-01')).toBe('2026 年 1 月');
    expect(periodTitle('YEAR', '2026')).toBe('2026 年度');
    expect(reportTitle('QUARTER', '2026-Q3')).toBe('2026 年第 3 季度投诉与服务报告');
  });
});
