import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, type BusinessCalendar } from '../complaints/sla-clock.rules';
import {
  DEFAULT_VISIT_RULES,
  addDaysTo,
  daysToWeekEnd,
  daysOf,
  parseProvinceLines,
  PROVINCE_NAME_MAX,
  recomputeStateOf,
  completionRate,
  dueStateOf,
  insideWeek,
  intervalDaysFor,
  ISO_WEEKDAYS,
  isLate,
  itineraryDeadline,
  monthBounds,
  nextDueDate,
  nextWeekStart,
  visitRulesOf,
  visitRulesProblem,
  TIME_OF_DAY,
  weekStartOf,
} from './visit.rules';

// 2026: 国庆 Oct 1–8 off, Sep 28 (Sunday) and Oct 10 (Saturday) make-up working days; a Friday holiday on 2026-12-25.
const cal: BusinessCalendar = {
  ...DEFAULT_CALENDAR,
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-12-25']),
  extraWorkdays: new Set(['2026-09-27', '2026-10-10']),
};

describe('next due visit', () => {
  it('adds the interval across month ends and leap years', () => {
    expect(addDaysTo('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDaysTo('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysTo('2026-12-31', 1)).toBe('2027-01-01');
    // Jan 31 + 30 days = Mar 2 (a Monday, working)
    expect(nextDueDate('2026-01-31', 30, cal)).toBe('2026-03-02');
  });

  it('moves a due date on a weekend to the Friday before', () => {
    // 2026-02-28 is a Saturday
    expect(nextDueDate('2026-01-29', 30, cal)).toBe('2026-02-27');
  });

  it('moves a due date in a holiday to the last working day before it, make-up days counting', () => {
    // Sep 1 + 35 = Oct 6 (holiday) → back over Oct 5, 4 (Sun), 3 (Sat), 2, 1 → Sep 30 (Wednesday)
    expect(nextDueDate('2026-09-01', 35, cal)).toBe('2026-09-30');
    // Sep 27 is a Sunday but a make-up working day: due there
    expect(nextDueDate('2026-09-13', 14, cal)).toBe('2026-09-27');
    // A month-end holiday: Nov 25 + 30 = Dec 25 (Friday holiday) → Thursday Dec 24
    expect(nextDueDate('2026-11-25', 30, cal)).toBe('2026-12-24');
  });

  it('tells overdue, due today and upcoming apart by local date', () => {
    expect(dueStateOf('2026-12-03', '2026-12-04')).toBe('OVERDUE');
    expect(dueStateOf('2026-12-04', '2026-12-04')).toBe('DUE_TODAY');
    expect(dueStateOf('2026-12-05', '2026-12-04')).toBe('UPCOMING');
  });
});

describe('visit frequency per segment', () => {
  const rules = { ...DEFAULT_VISIT_RULES, provinceDays: { 广东: 21 } };
  it('takes the customer’s own frequency first, then key account, grade, province, default', () => {
    const seg = { grade: 'A' as const, keyAccount: true, province: '广东' };
    expect(intervalDaysFor(seg, rules, 7)).toBe(7);
    expect(intervalDaysFor(seg, rules)).toBe(14);
    expect(intervalDaysFor({ ...seg, keyAccount: false }, rules)).toBe(30);
    expect(intervalDaysFor({ ...seg, keyAccount: false, grade: null }, rules)).toBe(21);
    expect(intervalDaysFor({ grade: null, keyAccount: false, province: '浙江' }, rules)).toBe(90);
  });

  it('validates the rules and falls back to the defaults on a bad stored value', () => {
    expect(visitRulesProblem(rules)).toBeNull();
    expect(visitRulesProblem({ ...rules, defaultDays: 0 })).toBe('defaultDays');
    expect(visitRulesProblem({ ...rules, gradeDays: { A: 400 } })).toBe('gradeDays');
    expect(visitRulesProblem({ ...rules, deadlineTime: '25:00' })).toBe('deadlineTime');
    expect(visitRulesOf({ defaultDays: -1 })).toEqual(DEFAULT_VISIT_RULES);
    expect(visitRulesOf({ defaultDays: 60 }).defaultDays).toBe(60);
  });
});

describe('the weekly itinerary deadline', () => {
  it('is the Friday before the planned week at 18:00 Shanghai time', () => {
    expect(itineraryDeadline('2026-12-07', DEFAULT_VISIT_RULES, cal).toISOString()).toBe('2026-12-04T10:00:00.000Z');
  });

  it('moves to the previous working day when Friday is a holiday', () => {
    // week of Dec 28: Friday Dec 25 is a holiday → Thursday Dec 24
    expect(itineraryDeadline('2026-12-28', DEFAULT_VISIT_RULES, cal).toISOString()).toBe('2026-12-24T10:00:00.000Z');
    // week of Oct 12: Friday Oct 9 is a working day; the week of Oct 5: Friday Oct 2 off → back to Wed Sep 30
    expect(itineraryDeadline('2026-10-12', DEFAULT_VISIT_RULES, cal).toISOString()).toBe('2026-10-09T10:00:00.000Z');
    expect(itineraryDeadline('2026-10-05', DEFAULT_VISIT_RULES, cal).toISOString()).toBe('2026-09-30T10:00:00.000Z');
  });

  it('follows a configured weekday and time', () => {
    const thursdayNoon = { deadlineWeekday: 4, deadlineTime: '12:00' };
    expect(itineraryDeadline('2026-12-07', thursdayNoon, cal).toISOString()).toBe('2026-12-03T04:00:00.000Z');
  });

  it('flags a submission after the deadline as late', () => {
    const deadline = itineraryDeadline('2026-12-07', DEFAULT_VISIT_RULES, cal);
    expect(isLate(new Date('2026-12-04T09:59:00Z'), deadline)).toBe(false);
    expect(isLate(new Date('2026-12-04T10:01:00Z'), deadline)).toBe(true);
  });
});

describe('weeks and months', () => {
  it('finds the planned week from a Thursday late evening in Shanghai', () => {
    // 2026-12-03T17:00Z is Friday 01:00 in Shanghai: still the week of Nov 30, so next week starts Dec 7
    expect(nextWeekStart(new Date('2026-12-03T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-07');
    // Sunday 23:00 in Shanghai
    expect(nextWeekStart(new Date('2026-12-06T15:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-07');
    expect(weekStartOf('2027-01-01')).toBe('2026-12-28');
    expect(insideWeek('2026-12-13', '2026-12-07')).toBe(true);
    expect(insideWeek('2026-12-14', '2026-12-07')).toBe(false);
  });

  it('bounds a month and rates planned vs done', () => {
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(monthBounds('2026-13')).toBeNull();
    expect(completionRate(4, 3)).toBe(0.75);
    expect(completionRate(0, 2)).toBeNull();
    expect(completionRate(2, 5)).toBe(1);
  });
});

describe('daysToWeekEnd (the 工作台: visits due this week)', () => {
  it('counts the days to the Sunday of the same week, across a month end', () => {
    expect(daysToWeekEnd('2026-11-30')).toBe(6); // Monday
    expect(daysToWeekEnd('2026-12-04')).toBe(2); // Friday
    expect(daysToWeekEnd('2026-12-06')).toBe(0); // Sunday
    expect(addDaysTo('2026-11-30', daysToWeekEnd('2026-11-30'))).toBe('2026-12-06');
  });
});

describe('recomputeStateOf (the cycles after a rules change)', () => {
  it('is queued until the job takes the requested version, running while it computes, done once it finished it', () => {
    expect(recomputeStateOf({})).toBe('IDLE');
    expect(recomputeStateOf({ requestedVersion: 2 })).toBe('QUEUED');
    expect(recomputeStateOf({ requestedVersion: 2, runningVersion: 1, doneVersion: 1 })).toBe('QUEUED');
    expect(recomputeStateOf({ requestedVersion: 2, runningVersion: 2, doneVersion: 1 })).toBe('RUNNING');
    expect(recomputeStateOf({ requestedVersion: 2, runningVersion: 2, doneVersion: 2 })).toBe('DONE');
    // A job that read newer rules than were asked for when it started also settles the older request.
    expect(recomputeStateOf({ requestedVersion: 2, runningVersion: 3, doneVersion: 3 })).toBe('DONE');
    // A newer change while the job runs waits for the next one.
    expect(recomputeStateOf({ requestedVersion: 4, runningVersion: 3, doneVersion: 2 })).toBe('QUEUED');
  });
});

describe('the visit rules form', () => {
  it('reads days: empty is no rule, whole numbers in range, anything else invalid', () => {
    expect(daysOf(' ')).toBeNull();
    expect(daysOf('30')).toBe(30);
    for (const bad of ['0', '366', '3.5', '-1', 'abc']) expect(daysOf(bad)).toBe('invalid');
  });
  it('reads province lines "浙江 60" / "江苏：45", naming the lines it cannot read', () => {
    expect(parseProvinceLines('浙江 60\n\n江苏：45\n上海\n广东 0')).toEqual({
      rows: [
        { province: '浙江', days: 60 },
        { province: '江苏', days: 45 },
      ],
      bad: [4, 5],
    });
  });
  it('refuses on the form what the rules refuse: a province name too long, a deadline time or day out of range', () => {
    const long = '省'.repeat(PROVINCE_NAME_MAX + 1);
    expect(parseProvinceLines(`${long} 30`).bad).toEqual([1]);
    expect(visitRulesProblem({ ...DEFAULT_VISIT_RULES, provinceDays: { [long]: 30 } })).toBe('provinceDays');
    for (const time of ['24:00', '7:30', '12:60']) {
      expect(TIME_OF_DAY.test(time)).toBe(false);
      expect(visitRulesProblem({ ...DEFAULT_VISIT_RULES, deadlineTime: time })).toBe('deadlineTime');
    }
    expect(TIME_OF_DAY.test('23:59')).toBe(true);
    for (const day of ISO_WEEKDAYS)
      expect(visitRulesProblem({ ...DEFAULT_VISIT_RULES, deadlineWeekday: day })).toBeNull();
    for (const day of [0, 8, 2.5])
      expect(visitRulesProblem({ ...DEFAULT_VISIT_RULES, deadlineWeekday: day })).toBe('deadlineWeekday');
  });
});
