import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  endOfDayIn,
  fenToMoney,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  formatScore,
  formatSignedScore,
  moneyToFen,
  sumMoney,
  todayIn,
} from './format';

describe('formatMoney', () => {
  it('formats decimal strings as CNY in the locale, without going through a float', () => {
    expect(formatMoney('12800.5', 'zh-CN')).toBe('¥12,800.50');
    expect(formatMoney('12800.00', 'zh-CN')).toBe('¥12,800.00');
    expect(formatMoney('999999999999.99', 'zh-CN')).toBe('¥999,999,999,999.99');
    expect(formatMoney('12800.00', 'en')).toBe('CN¥12,800.00');
    expect(formatMoney('999999999999.99', 'en')).toBe('CN¥999,999,999,999.99');
    expect(formatMoney('0.00', 'en')).toMatch(/0\.00$/);
  });
  it('is empty for no amount and leaves anything else as it is', () => {
    expect(formatMoney(null, 'zh-CN')).toBe('');
    expect(formatMoney('', 'zh-CN')).toBe('');
    expect(formatMoney('abc', 'zh-CN')).toBe('abc');
  });
});

describe('money arithmetic', () => {
  it('sums in fen', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(['12800', '0.5', null, '', 'x'])).toBe('12800.50');
    expect(sumMoney([])).toBe('0.00');
    expect(moneyToFen('1.234')).toBeNull();
    expect(fenToMoney(-1234n)).toBe('-12.34');
  });
});

describe('formatDateTime / formatDate', () => {
  it('shows an instant as YYYY-MM-DD HH:mm in the zone', () => {
    expect(formatDateTime('2026-03-01T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-03-02 00:30');
    expect(formatDateTime('2026-03-01T17:30:00.000Z', 'Asia/Shanghai')).toBe('2026-03-02 01:30');
    expect(formatDateTime('2026-03-01T16:30:00.000Z', 'UTC')).toBe('2026-03-01 16:30');
  });
  it('shows the calendar date in the zone', () => {
    expect(formatDate('2026-03-01T17:30:00.000Z', 'Asia/Shanghai')).toBe('2026-03-02');
  });
  it('is empty for no value and leaves an unparseable value as it is', () => {
    expect(formatDateTime(null, 'Asia/Shanghai')).toBe('');
    expect(formatDate(undefined, 'Asia/Shanghai')).toBe('');
    expect(formatDateTime('not a date', 'Asia/Shanghai')).toBe('not a date');
  });
});

describe('todayIn', () => {
  it('is the calendar date where the zone is', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(todayIn('UTC', new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-01');
  });
  it('turns at the zone’s midnight, whatever order the instants come in (the date is kept until then)', () => {
    const at = (iso: string) => todayIn('Asia/Shanghai', new Date(iso));
    expect(at('2026-03-01T15:59:59.999Z')).toBe('2026-03-01');
    expect(at('2026-03-01T10:00:00.000Z')).toBe('2026-03-01');
    expect(at('2026-03-01T16:00:00.000Z')).toBe('2026-03-02');
    expect(at('2026-03-01T15:59:59.999Z')).toBe('2026-03-01');
    expect(at('2026-03-02T15:59:59.999Z')).toBe('2026-03-02');
    expect(at('2026-02-28T16:00:00.000Z')).toBe('2026-03-01');
    // Daylight saving time: Berlin's 2026-03-29 has 23 hours.
    const berlin = (iso: string) => todayIn('Europe/Berlin', new Date(iso));
    expect(berlin('2026-03-29T21:59:59.000Z')).toBe('2026-03-29');
    expect(berlin('2026-03-29T22:00:00.000Z')).toBe('2026-03-30');
    expect(berlin('2026-03-28T22:59:59.000Z')).toBe('2026-03-28');
    expect(berlin('2026-03-28T23:00:00.000Z')).toBe('2026-03-29');
  });
});

describe('endOfDayIn', () => {
  it('is 23:59:59 of that day on the zone’s wall clock', () => {
    expect(endOfDayIn('2026-12-31', 'Asia/Shanghai')).toBe('2026-12-31T15:59:59.000Z');
    expect(endOfDayIn('2026-12-31', 'UTC')).toBe('2026-12-31T23:59:59.000Z');
  });
  it('follows daylight saving time', () => {
    expect(endOfDayIn('2026-07-01', 'Europe/Berlin')).toBe('2026-07-01T21:59:59.000Z');
    expect(endOfDayIn('2026-01-01', 'Europe/Berlin')).toBe('2026-01-01T22:59:59.000Z');
  });
});

describe('daysBetween', () => {
  it('counts whole calendar days', () => {
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-03-01')).toBe(0);
    expect(daysBetween('2026-03-02', '2026-03-01')).toBe(-1);
  });
});

describe('analysis numbers', () => {
  it('shows scores with one decimal and grouping', () => {
    expect(formatScore(82.456, 'zh-CN')).toBe('82.5');
    expect(formatScore(80, 'zh-CN')).toBe('80.0');
    expect(formatScore(1234.56, 'zh-CN')).toBe('1,234.6');
    expect(formatScore(null, 'zh-CN')).toBe('');
    expect(formatScore(Number.NaN, 'zh-CN')).toBe('');
  });
  it('signs changes except zero', () => {
    expect(formatSignedScore(3.21, 'zh-CN')).toBe('+3.2');
    expect(formatSignedScore(-1.54, 'zh-CN')).toBe('-1.5');
    expect(formatSignedScore(0, 'zh-CN')).toBe('0.0');
    expect(formatSignedScore(undefined, 'en')).toBe('');
  });
  it('shows shares as percentages with one decimal', () => {
    expect(formatPercent(0.4534, 'zh-CN')).toBe('45.3%');
    expect(formatPercent(1, 'zh-CN')).toBe('100.0%');
    expect(formatPercent(0, 'en')).toBe('0.0%');
    expect(formatPercent(null, 'zh-CN')).toBe('');
  });
  it('groups counts and keeps at most the decimals asked for', () => {
    expect(formatNumber(1234, 'zh-CN')).toBe('1,234');
    expect(formatNumber(0.3, 'zh-CN', 2)).toBe('0.3');
    expect(formatNumber(0.256, 'en', 2)).toBe('0.26');
    expect(formatNumber(null, 'en')).toBe('');
  });
});
