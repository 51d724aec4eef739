import { describe, expect, it } from 'vitest';
import { isProgrammeDue, nextProgrammeDay, validInterval } from './callback-programme.rules';

const TZ = 'Asia/Shanghai';
const sh = (local: string) => new Date(`${local}+08:00`);

describe('callback programme due rule', () => {
  it('a customer never called by the programme is due at once', () => {
    expect(isProgrammeDue(null, sh('2027-05-10T03:00:00'), 2, TZ)).toBe(true);
  });

  it('steps whole months in the local calendar, month-end safe', () => {
    expect(nextProgrammeDay(sh('2027-01-15T03:00:00'), 2, TZ)).toBe('2027-03-15');
    expect(nextProgrammeDay(sh('2026-12-31T03:00:00'), 2, TZ)).toBe('2027-02-28');
    expect(nextProgrammeDay(sh('2027-12-31T03:00:00'), 2, TZ)).toBe('2028-02-29'); // leap year
    expect(nextProgrammeDay(sh('2027-02-28T03:00:00'), 1, TZ)).toBe('2027-03-31'); // a month's last day stays last
    expect(nextProgrammeDay(sh('2027-08-30T10:00:00'), 6, TZ)).toBe('2028-02-29');
  });

  it('counts local days: a task made seconds after the run is due again on the same day two months on', () => {
    const last = sh('2027-01-31T03:00:05');
    expect(isProgrammeDue(last, sh('2027-03-30T23:59:59'), 2, TZ)).toBe(false);
    expect(isProgrammeDue(last, sh('2027-03-31T03:00:00'), 2, TZ)).toBe(true);
    // 00:30 in Shanghai is still the previous day in UTC: the local day decides.
    expect(isProgrammeDue(sh('2027-01-10T00:30:00'), sh('2027-03-10T00:10:00'), 2, TZ)).toBe(true);
    expect(isProgrammeDue(sh('2027-01-10T00:30:00'), sh('2027-03-09T23:59:00'), 2, TZ)).toBe(false);
  });

  it('the interval is a whole number of months from 1 to 24', () => {
    expect([0, 1, 2, 24, 25, 1.5].map(validInterval)).toEqual([false, true, true, true, false, false]);
  });
});
