import { describe, expect, it } from 'vitest';
import { normalisePeriodLabel, quarterOf, summaryPeriod } from './summary-period.rules';

const TZ = 'Asia/Shanghai';

describe('summary periods', () => {
  it('normalises and accepts a year, half, quarter or month', () => {
    expect(normalisePeriodLabel(' 2026-q4 ')).toBe('2026-Q4');
    for (const ok of ['2026', '2026-H1', '2026-H2', '2026-Q1', '2026-01', '2026-12'])
      expect(normalisePeriodLabel(ok)).toBe(ok);
  });

  it('refuses what names no span (a campaign label may be freer)', () => {
    for (const bad of ['', '26-Q4', '2026-Q5', '2026-H3', '2026-13', '2026-00', '2026-SPRING', '2026-Q4-1', 'Q4'])
      expect(normalisePeriodLabel(bad), bad).toBeNull();
  });

  it('spans from midnight of its first day to midnight after its last, in the company time zone', () => {
    expect(summaryPeriod('2026-Q4', TZ)).toEqual({
      label: '2026-Q4',
      start: new Date('2026-09-30T16:00:00Z'),
      end: new Date('2026-12-31T16:00:00Z'),
    });
    expect(summaryPeriod('2026-11', TZ)).toMatchObject({
      start: new Date('2026-10-31T16:00:00Z'),
      end: new Date('2026-11-30T16:00:00Z'),
    });
    expect(summaryPeriod('2026-H1', TZ)).toMatchObject({
      start: new Date('2025-12-31T16:00:00Z'),
      end: new Date('2026-06-30T16:00:00Z'),
    });
    expect(summaryPeriod('2026', TZ)).toMatchObject({
      start: new Date('2025-12-31T16:00:00Z'),
      end: new Date('2026-12-31T16:00:00Z'),
    });
    expect(summaryPeriod('2026-12', 'UTC')).toMatchObject({ end: new Date('2027-01-01T00:00:00Z') });
    expect(summaryPeriod('2026-Q5', TZ)).toBeNull();
  });

  it('names the quarter of a moment in the company time zone', () => {
    expect(quarterOf(new Date('2026-12-31T17:00:00Z'), TZ)).toBe('2027-Q1'); // already 1 January in Shanghai
    expect(quarterOf(new Date('2026-12-04T05:00:00Z'), TZ)).toBe('2026-Q4');
  });
});
