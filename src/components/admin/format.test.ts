import { describe, expect, it } from 'vitest';
import { endOfDayIn, formatDateTime, todayIn } from './format';

describe('formatDateTime', () => {
  it('shows an instant as YYYY-MM-DD HH:mm in the zone', () => {
    expect(formatDateTime('2026-03-01T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-03-02 00:30');
    expect(formatDateTime('2026-03-01T16:30:00.000Z', 'UTC')).toBe('2026-03-01 16:30');
  });
  it('leaves an unparseable value as it is', () => {
    expect(formatDateTime('not a date', 'Asia/Shanghai')).toBe('not a date');
  });
});

describe('todayIn', () => {
  it('is the calendar date where the zone is', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(todayIn('UTC', new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-01');
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
