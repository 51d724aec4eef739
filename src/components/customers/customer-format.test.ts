import { describe, expect, it } from 'vitest';
import { fenToMoney, formatDateInZone, formatDateTimeInZone, formatMoney, moneyToFen, sumMoney } from './customer-format';

describe('money', () => {
  it('formats decimal strings as CNY in the locale, without going through a float', () => {
    expect(formatMoney('12800.5', 'zh-CN')).toBe('¥12,800.50');
    expect(formatMoney('999999999999.99', 'zh-CN')).toBe('¥999,999,999,999.99');
    expect(formatMoney(null, 'zh-CN')).toBe('');
    expect(formatMoney('0.00', 'en')).toMatch(/0\.00$/);
  });

  it('sums in fen', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(['12800', '0.5', null, '', 'x'])).toBe('12800.50');
    expect(sumMoney([])).toBe('0.00');
    expect(moneyToFen('1.234')).toBeNull();
    expect(fenToMoney(-1234n)).toBe('-12.34');
  });
});

describe('dates', () => {
  it('shows instants in Asia/Shanghai', () => {
    expect(formatDateInZone('2026-03-01T17:30:00.000Z', 'Asia/Shanghai')).toBe('2026-03-02');
    expect(formatDateTimeInZone('2026-03-01T17:30:00.000Z', 'Asia/Shanghai')).toBe('2026-03-02 01:30');
    expect(formatDateTimeInZone(null, 'Asia/Shanghai')).toBe('');
  });
});
