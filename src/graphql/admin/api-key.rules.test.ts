import { describe, expect, it } from 'vitest';
import {
  API_KEY_RATE_LIMIT,
  effectiveRateLimit,
  isValidOverlapHours,
  isValidRateLimit,
  overlapEnd,
  usageDays,
} from './api-key.rules';

describe('API key rules', () => {
  it('a key without its own limit gets the default', () => {
    expect(effectiveRateLimit(null)).toBe(API_KEY_RATE_LIMIT.defaultPerMinute);
    expect(effectiveRateLimit(7)).toBe(7);
  });

  it('limits and overlaps are whole numbers within their ranges', () => {
    expect([0, 1, 10_000, 10_001, 2.5].map(isValidRateLimit)).toEqual([false, true, true, false, false]);
    expect([-1, 0, 24, 720, 721, 1.5].map(isValidOverlapHours)).toEqual([false, true, true, true, false, false]);
  });

  it('the overlap ends the given hours after the rotation', () => {
    expect(overlapEnd(new Date('2026-12-04T00:00:00Z'), 24).toISOString()).toBe('2026-12-05T00:00:00.000Z');
  });

  it('the usage window is the last days up to today, oldest first, across a month end', () => {
    expect(usageDays('2026-12-02', 4)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(usageDays('2026-12-02')).toHaveLength(7);
  });
});
