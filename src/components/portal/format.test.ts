import { describe, expect, it } from 'vitest';
import { daysBetween, formatMoney } from './format';

describe('formatMoney', () => {
  it('formats a decimal string as CNY without float rounding', () => {
    expect(formatMoney('12800.00', 'en')).toBe('CN¥12,800.00');
    expect(formatMoney('999999999999.99', 'en')).toBe('CN¥999,999,999,999.99');
    expect(formatMoney('12800.00', 'zh-CN')).toBe('¥12,800.00');
  });
});

describe('daysBetween', () => {
  it('counts whole calendar days', () => {
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-03-01')).toBe(0);
    expect(daysBetween('2026-03-02', '2026-03-01')).toBe(-1);
  });
});
