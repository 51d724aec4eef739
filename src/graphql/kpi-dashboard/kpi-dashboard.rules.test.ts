import { describe, expect, it } from 'vitest';
import { businessHoursBetween, DEFAULT_CALENDAR, type BusinessCalendar } from '../complaints/sla-clock.rules';
import {
  asOfFor,
  change,
  durationStats,
  onTime,
  pareto,
  parsePeriod,
  periodDays,
  periodOf,
  quantile,
  ratePer100Customers,
  ratePerContractVolume,
  repeatComplaints,
  sameLastYear,
  shiftPeriod,
} from './kpi-dashboard.rules';

const TZ = 'Asia/Shanghai';
const t = (iso: string) => new Date(iso);

describe('periods in Asia/Shanghai', () => {
  it('starts a month, quarter and year at local midnight (16:00 UTC the day before)', () => {
    expect(parsePeriod('2026-11', TZ)).toEqual({
      period: '2026-11',
      kind: 'MONTH',
      from: t('2026-10-31T16:00:00Z'),
      to: t('2026-11-30T16:00:00Z'),
    });
    expect(parsePeriod('2026-Q4', TZ)).toMatchObject({
      from: t('2026-09-30T16:00:00Z'),
      to: t('2026-12-31T16:00:00Z'),
    });
    expect(parsePeriod('2026', TZ)).toMatchObject({ from: t('2025-12-31T16:00:00Z'), to: t('2026-12-31T16:00:00Z') });
  });

  it('refuses anything else', () => {
    for (const bad of ['2026-13', '2026-Q5', '26-11', '1999', 'now', '2026-1']) expect(parsePeriod(bad, TZ)).toBeNull();
  });

  it('gives the previous period and the same period last year across year ends', () => {
    const q1 = parsePeriod('2026-Q1', TZ)!;
    expect(shiftPeriod(q1, -1, TZ).period).toBe('2025-Q4');
    expect(sameLastYear(q1, TZ).period).toBe('2025-Q1');
    const january = parsePeriod('2026-01', TZ)!;
    expect(shiftPeriod(january, -1, TZ).period).toBe('2025-12');
    expect(sameLastYear(january, TZ).period).toBe('2025-01');
    expect(shiftPeriod(parsePeriod('2026', TZ)!, -1, TZ).period).toBe('2025');
  });

  it('puts an instant at 23:59 local on the last day in that period, 00:00 local the next day in the next one', () => {
    // 2026-11-30 23:59 in Shanghai is 15:59 UTC; 2026-12-01 00:00 is 16:00 UTC on 11-30.
    expect(periodOf(t('2026-11-30T15:59:00Z'), 'MONTH', TZ).period).toBe('2026-11');
    expect(periodOf(t('2026-11-30T16:00:00Z'), 'MONTH', TZ).period).toBe('2026-12');
    expect(periodOf(t('2026-11-30T16:00:00Z'), 'QUARTER', TZ).period).toBe('2026-Q4');
    expect(periodOf(t('2026-12-31T16:00:00Z'), 'YEAR', TZ).period).toBe('2027');
  });

  it('gives the drill-down its local calendar days, inclusive', () => {
    expect(periodDays(parsePeriod('2026-11', TZ)!, TZ)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodDays(parsePeriod('2026-Q1', TZ)!, TZ)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('counts time-dependent figures at the period end, or now while it runs', () => {
    const november = parsePeriod('2026-11', TZ)!;
    expect(asOfFor(november, t('2026-11-15T00:00:00Z'))).toEqual(t('2026-11-15T00:00:00Z'));
    expect(asOfFor(november, t('2027-01-01T00:00:00Z'))).toEqual(november.to);
  });
});

describe('formulas', () => {
  it('quantiles by linear interpolation; null when empty', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });

  it('complaint rates per 100 customers served and per ¥1,000,000 of contracts; null without a denominator', () => {
    expect(ratePer100Customers(3, 40)).toBe(7.5);
    expect(ratePer100Customers(3, 0)).toBeNull();
    expect(ratePerContractVolume(6, 2_000_000)).toBe(3);
    expect(ratePerContractVolume(6, 0)).toBeNull();
  });

  it('on time, late and overdue as of the period end', () => {
    const asOf = t('2026-11-30T16:00:00Z');
    const result = onTime(
      [
        { dueAt: t('2026-11-10T00:00:00Z'), doneAt: t('2026-11-09T00:00:00Z') }, // on time
        { dueAt: t('2026-11-10T00:00:00Z'), doneAt: t('2026-11-10T00:00:00Z') }, // on time (at the due time)
        { dueAt: t('2026-11-10T00:00:00Z'), doneAt: t('2026-11-12T00:00:00Z') }, // late
        { dueAt: t('2026-11-20T00:00:00Z'), doneAt: t('2026-12-05T00:00:00Z') }, // done after asOf: overdue then
        { dueAt: t('2026-12-10T00:00:00Z'), doneAt: null }, // not yet due
        { dueAt: null, doneAt: t('2026-11-09T00:00:00Z') }, // no due time
      ],
      asOf,
    );
    expect(result).toEqual({ onTime: 2, late: 1, overdue: 1, rate: 0.5 });
    expect(onTime([], asOf).rate).toBeNull();
  });

  it('an empty period has zero counts and null medians, rates and changes', () => {
    expect(durationStats([], t('2026-11-30T16:00:00Z'), () => 1)).toEqual({ median: null, p90: null, count: 0 });
    expect(change(5, 0)).toEqual({ delta: 5, rate: null });
    expect(change(null, 3)).toEqual({ delta: null, rate: null });
    expect(change(6, 4)).toEqual({ delta: 2, rate: 0.5 });
    expect(pareto([])).toEqual([]);
  });

  it('Pareto sorts by count with the cumulative share', () => {
    expect(
      pareto([
        { k: 'a', count: 1 },
        { k: 'b', count: 3 },
      ]).map((p) => [p.k, p.cumulativeShare]),
    ).toEqual([
      ['b', 0.75],
      ['a', 1],
    ]);
  });
});

describe('business-hour medians across a holiday', () => {
  // 08:30–17:30 Mon–Fri; 2026-10-01/02 and 05 are holidays (国庆), Sat 2026-10-10 a make-up working day.
  const calendar: BusinessCalendar = {
    ...DEFAULT_CALENDAR,
    holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05']),
    extraWorkdays: new Set(['2026-10-10']),
  };
  const hours = (from: Date, to: Date) => businessHoursBetween(from, to, calendar);

  it('skips the holiday: Wed 16:30 → Tue 10:30 local is 1 + 2 = 3 business hours', () => {
    const rows = [
      // Wed 2026-09-30 16:30 local → Tue 2026-10-06 10:30 local: 1h Wed, holidays and the weekend, 2h Tue = 3h.
      { createdAt: t('2026-09-30T08:30:00Z'), reachedAt: t('2026-10-06T02:30:00Z') },
      // Tue 2026-10-06 09:30 → 10:30 local = 1h.
      { createdAt: t('2026-10-06T01:30:00Z'), reachedAt: t('2026-10-06T02:30:00Z') },
      // Tue 2026-10-06 08:30 → Wed 2026-10-07 08:30 local = 9h.
      { createdAt: t('2026-10-06T00:30:00Z'), reachedAt: t('2026-10-07T00:30:00Z') },
      // Not reached yet: left out.
      { createdAt: t('2026-10-06T00:30:00Z'), reachedAt: null },
    ];
    const stats = durationStats(rows, t('2026-10-31T16:00:00Z'), hours);
    expect(stats.count).toBe(3);
    expect(stats.median).toBe(3);
    // p90 of [1, 3, 9]: position 1.8 → 3 + 0.8 × 6 = 7.8.
    expect(stats.p90).toBeCloseTo(7.8);
  });
});

describe('repeat complaints', () => {
  const c = (
    id: string,
    customerId: string | null,
    day: string,
    causeClass: string | null,
    productRef: string | null,
  ) => ({
    id,
    customerId,
    causeClass,
    productRef,
    createdAt: t(`${day}T02:00:00Z`),
  });

  it('matches the same customer with the same cause class or product within 90 days before, never anonymous ones', () => {
    const history = [
      c('h1', 'A', '2026-08-20', 'QUALITY', 'P-1'),
      c('h2', 'B', '2026-07-01', 'QUALITY', 'P-2'), // 123 days before B's: too old
      c('h3', 'C', '2026-11-01', 'NON_QUALITY', 'P-9'),
      c('h4', null, '2026-11-01', 'QUALITY', 'P-1'),
    ];
    const november = [
      c('n1', 'A', '2026-11-10', 'NON_QUALITY', 'P-1'), // same product as h1, 82 days: repeat
      c('n2', 'B', '2026-11-02', 'QUALITY', 'P-2'), // too old
      c('n3', 'C', '2026-11-05', 'QUALITY', 'P-8'), // same customer, other cause and product
      c('n4', null, '2026-11-05', 'QUALITY', 'P-1'), // anonymous
      c('n5', 'C', '2026-11-20', 'QUALITY', 'P-7'), // same cause as n3, 15 days before
    ];
    const repeats = repeatComplaints(november, [...history, ...november]).map((r) => r.id);
    expect(repeats).toEqual(['n1', 'n5']);
    expect(repeatComplaints(november, [...history, ...november], 10).map((r) => r.id)).toEqual([]);
  });
});
