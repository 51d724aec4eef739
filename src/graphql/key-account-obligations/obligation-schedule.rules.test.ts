import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OBLIGATION_SCHEDULES,
  dueObligationLevels,
  firstDueAt,
  nextDueAt,
  parseSchedules,
  schedulesOf,
  stepSchedule,
} from './obligation-schedule.rules';

const TZ = 'Asia/Shanghai';
const sh = (local: string) => new Date(`${local}+08:00`);
const monthly = { every: 1, unit: 'MONTH' } as const;

describe('obligation schedules', () => {
  it('steps months month-end safe: Jan 31 + 1 month is Feb 28, or Feb 29 in a leap year', () => {
    expect(stepSchedule(sh('2027-01-31T10:00:00'), monthly, TZ)).toEqual(sh('2027-02-28T10:00:00'));
    expect(stepSchedule(sh('2028-01-31T10:00:00'), monthly, TZ)).toEqual(sh('2028-02-29T10:00:00'));
    // The last day stays the last day: no drift to the 28th.
    expect(stepSchedule(sh('2027-02-28T10:00:00'), monthly, TZ)).toEqual(sh('2027-03-31T10:00:00'));
    expect(stepSchedule(sh('2027-01-15T10:00:00'), { every: 3, unit: 'MONTH' }, TZ)).toEqual(sh('2027-04-15T10:00:00'));
  });

  it('counts in Shanghai wall time, not UTC: 00:30 on Jan 31 in Shanghai is still Jan 30 in UTC', () => {
    // In UTC this instant is 2027-01-30T16:30Z; a UTC month step would give Feb 28 16:30Z = Mar 1 00:30 in Shanghai.
    expect(stepSchedule(sh('2027-01-31T00:30:00'), monthly, TZ)).toEqual(sh('2027-02-28T00:30:00'));
    expect(stepSchedule(sh('2027-01-31T00:30:00'), { every: 2, unit: 'WEEK' }, TZ)).toEqual(sh('2027-02-14T00:30:00'));
  });

  it('the first due time is one step after activation; the next steps from the due time, past any late completion', () => {
    expect(firstDueAt(sh('2026-12-31T09:00:00'), monthly, TZ)).toEqual(sh('2027-01-31T09:00:00'));
    const due = sh('2027-01-31T09:00:00');
    expect(nextDueAt(due, sh('2027-01-20T09:00:00'), monthly, TZ)).toEqual(sh('2027-02-28T09:00:00'));
    // Done two months late: the missed occurrences are skipped.
    expect(nextDueAt(due, sh('2027-03-05T09:00:00'), monthly, TZ)).toEqual(sh('2027-03-31T09:00:00'));
  });

  it('reads the setting leniently and validates edits', () => {
    expect(schedulesOf(null)).toEqual(DEFAULT_OBLIGATION_SCHEDULES);
    expect(
      schedulesOf({ CALLBACK: { every: 2, unit: 'WEEK' }, TRAINING: null, LEADERSHIP_VISIT: { every: 0 } }),
    ).toEqual({
      ...DEFAULT_OBLIGATION_SCHEDULES,
      CALLBACK: { every: 2, unit: 'WEEK' },
      TRAINING: null,
    });
    expect(parseSchedules([{ kind: 'CALLBACK', every: 2, unit: 'MONTH' }], DEFAULT_OBLIGATION_SCHEDULES)).toEqual({
      ok: true,
      schedules: { ...DEFAULT_OBLIGATION_SCHEDULES, CALLBACK: { every: 2, unit: 'MONTH' } },
    });
    expect(parseSchedules([{ kind: 'CALLBACK', every: 25, unit: 'MONTH' }], DEFAULT_OBLIGATION_SCHEDULES)).toEqual({
      ok: false,
      kind: 'CALLBACK',
    });
    expect(parseSchedules([{ kind: 'NOPE', every: 1 }], DEFAULT_OBLIGATION_SCHEDULES)).toEqual({
      ok: false,
      kind: 'NOPE',
    });
  });

  it('escalates level 1 at the due time and level 2 a week later, each once', () => {
    const due = sh('2027-01-31T09:00:00');
    expect(dueObligationLevels(due, sh('2027-01-31T08:59:00'), 0)).toEqual([]);
    expect(dueObligationLevels(due, sh('2027-01-31T09:00:00'), 0)).toEqual([1]);
    expect(dueObligationLevels(due, sh('2027-02-10T09:00:00'), 0)).toEqual([1, 2]);
    expect(dueObligationLevels(due, sh('2027-02-10T09:00:00'), 1)).toEqual([2]);
    expect(dueObligationLevels(due, sh('2027-02-10T09:00:00'), 2)).toEqual([]);
  });
});
