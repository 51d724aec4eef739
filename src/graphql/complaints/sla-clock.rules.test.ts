import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessHours,
  businessHoursBefore,
  businessHoursBetween,
  callbackDueAt,
  DEFAULT_CALENDAR,
  localDate,
  slaTargets,
  type SlaRuleLike,
  type BusinessCalendar,
} from './sla-clock.rules';

// Shanghai is UTC+8 all year; 08:30–17:30 local = 00:30–09:30 UTC. 2026-11-20 is a Friday.
const at = (iso: string) => new Date(iso);
const cal: BusinessCalendar = {
  ...DEFAULT_CALENDAR,
  // 2026 National Day week (example) and a make-up Saturday.
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05']),
  extraWorkdays: new Set(['2026-10-10']),
};

describe('addBusinessHours (Asia/Shanghai, 08:30–17:30, Mon–Fri)', () => {
  it.each([
    ['within one day', '2026-11-23T10:00:00+08:00', 4, '2026-11-23T14:00:00+08:00'],
    ['across the night', '2026-11-23T15:00:00+08:00', 4, '2026-11-24T10:00:00+08:00'],
    ['registered at night starts at next opening', '2026-11-23T22:00:00+08:00', 4, '2026-11-24T12:30:00+08:00'],
    ['registered before opening', '2026-11-24T06:00:00+08:00', 1, '2026-11-24T09:30:00+08:00'],
    ['across the weekend', '2026-11-20T16:00:00+08:00', 4, '2026-11-23T11:00:00+08:00'],
    ['registered on Saturday', '2026-11-21T11:00:00+08:00', 2, '2026-11-23T10:30:00+08:00'],
    ['exactly at closing', '2026-11-23T17:30:00+08:00', 1, '2026-11-24T09:30:00+08:00'],
    ['a full working week', '2026-11-23T08:30:00+08:00', 45, '2026-11-27T17:30:00+08:00'],
    ['zero hours at night → next opening', '2026-11-23T20:00:00+08:00', 0, '2026-11-24T08:30:00+08:00'],
  ])('%s', (_label, from, hours, expected) => {
    expect(addBusinessHours(at(from), hours, cal).toISOString()).toBe(at(expected).toISOString());
  });

  it('skips public holidays and counts make-up working days (调休)', () => {
    // Wed 2026-09-30 16:30 + 4h: 1h on Wed, holidays Thu 1st & Fri 2nd, weekend, holiday Mon 5th → Tue 6th 11:30.
    expect(addBusinessHours(at('2026-09-30T16:30:00+08:00'), 4, cal).toISOString()).toBe(
      at('2026-10-06T11:30:00+08:00').toISOString(),
    );
    // Fri 2026-10-09 17:00 + 2h: 0.5h Friday, Saturday 10th is a make-up working day → Sat 10:00.
    expect(addBusinessHours(at('2026-10-09T17:00:00+08:00'), 2, cal).toISOString()).toBe(
      at('2026-10-10T10:00:00+08:00').toISOString(),
    );
  });

  it('uses the configured zone, not the server’s', () => {
    const london: BusinessCalendar = { ...cal, timeZone: 'Europe/London', start: '09:00', end: '17:00' };
    // 2026-03-27 (Fri) 16:00 GMT + 2h → Mon 2026-03-30 10:00 BST (clocks went forward on Sunday 29th).
    expect(addBusinessHours(at('2026-03-27T16:00:00Z'), 2, london).toISOString()).toBe('2026-03-30T09:00:00.000Z');
  });

  it('refuses negative hours and a calendar without working days', () => {
    expect(() => addBusinessHours(at('2026-11-23T10:00:00Z'), -1, cal)).toThrow();
    expect(() => addBusinessHours(at('2026-11-23T10:00:00Z'), 1, { ...cal, workdays: [] })).toThrow(/no working time/);
  });

  it('property: counting the hours back gives the hours added, and the due time is never earlier', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2025-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 200 }),
        (from, hours) => {
          const due = addBusinessHours(from, hours, cal);
          expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
          expect(businessHoursBetween(from, due, cal)).toBeCloseTo(hours, 6);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('businessHoursBetween', () => {
  it('counts only working time, negative when overdue', () => {
    expect(businessHoursBetween(at('2026-11-20T16:30:00+08:00'), at('2026-11-23T09:30:00+08:00'), cal)).toBe(2);
    expect(businessHoursBetween(at('2026-11-23T09:30:00+08:00'), at('2026-11-20T16:30:00+08:00'), cal)).toBe(-2);
    expect(businessHoursBetween(at('2026-11-21T10:00:00+08:00'), at('2026-11-22T10:00:00+08:00'), cal)).toBe(0);
  });
});

describe('SLA rule choice and callback due date', () => {
  const rules = [
    {
      id: 'any-complaint',
      interactionType: 'COMPLAINT',
      severity: null,
      keyAccount: null,
      triageHours: 4,
      resolutionHours: 40,
      callbackDays: 7,
    },
    {
      id: 'crisis',
      interactionType: 'COMPLAINT',
      severity: 'CRISIS',
      keyAccount: null,
      triageHours: 1,
      resolutionHours: 8,
      callbackDays: 7,
    },
    {
      id: 'key-account',
      interactionType: 'COMPLAINT',
      severity: null,
      keyAccount: true,
      triageHours: 2,
      resolutionHours: 16,
      callbackDays: 7,
    },
    {
      id: 'consultation',
      interactionType: 'CONSULTATION',
      severity: null,
      keyAccount: null,
      triageHours: 4,
      resolutionHours: 8,
      callbackDays: 7,
    },
  ];
  it.each([
    [{ type: 'COMPLAINT', severity: 'GENERAL', keyAccount: false }, 'any-complaint'],
    [{ type: 'COMPLAINT', severity: 'CRISIS', keyAccount: false }, 'crisis'],
    [{ type: 'COMPLAINT', severity: 'GENERAL', keyAccount: true }, 'key-account'],
    // A key account's crisis: the crisis rule is faster than the key-account rule, so it wins.
    [{ type: 'COMPLAINT', severity: 'CRISIS', keyAccount: true }, 'crisis'],
    [{ type: 'CONSULTATION', severity: null, keyAccount: true }, 'consultation'],
    [{ type: 'SUGGESTION', severity: null, keyAccount: false }, null],
  ])('%j → %s', (record, expected) => {
    expect(slaTargets(rules, record)?.rule.id ?? null).toBe(expected);
  });

  it('takes each target from the rule that sets it shortest, names the more specific rule on equal targets', () => {
    const fastTriage = { ...rules[0]!, id: 'fast-triage', severity: 'MAJOR', triageHours: 1, resolutionHours: 60 };
    const sameAsAny = { ...rules[0]!, id: 'major-same', severity: 'MAJOR', callbackDays: 3 };
    const targets = slaTargets([...rules, fastTriage, sameAsAny], {
      type: 'COMPLAINT',
      severity: 'MAJOR',
      keyAccount: false,
    })!;
    expect(targets).toMatchObject({ triageHours: 1, resolutionHours: 40, callbackDays: 3 });
    expect([targets.triageRule.id, targets.rule.id, targets.callbackRule.id]).toEqual([
      'fast-triage',
      'major-same',
      'major-same',
    ]);
    expect(targets.matching.map((r) => r.id)).toEqual(['major-same', 'any-complaint', 'fast-triage']);
  });

  it('a key account also runs under the rules for other customers, when they are faster', () => {
    const ordinaryFast = { ...rules[0]!, id: 'ordinary-fast', keyAccount: false, triageHours: 1, resolutionHours: 12 };
    const key = slaTargets([...rules, ordinaryFast], { type: 'COMPLAINT', severity: 'GENERAL', keyAccount: true })!;
    expect([key.triageHours, key.resolutionHours, key.rule.id]).toEqual([1, 12, 'ordinary-fast']);
  });

  it('property: key-account status, or a severity rule, never makes any target later', () => {
    const hours = fc.integer({ min: 1, max: 200 });
    const rule = fc.record({
      id: fc.uuid(),
      interactionType: fc.constantFrom(null, 'COMPLAINT', 'INQUIRY'),
      severity: fc.constantFrom(null, 'GENERAL', 'MAJOR', 'CRISIS'),
      keyAccount: fc.constantFrom(null, true, false),
      triageHours: hours,
      resolutionHours: hours,
      callbackDays: fc.integer({ min: 1, max: 30 }),
    });
    const targets = (rs: SlaRuleLike[], record: { type: string; severity: string | null; keyAccount: boolean }) => {
      const t = slaTargets(rs, record);
      return t ? [t.triageHours, t.resolutionHours, t.callbackDays] : null;
    };
    fc.assert(
      fc.property(
        fc.array(rule, { maxLength: 8 }),
        rule,
        fc.constantFrom('COMPLAINT', 'INQUIRY'),
        fc.constantFrom(null, 'GENERAL', 'MAJOR', 'CRISIS'),
        (rs, extra, type, severity) => {
          const ordinary = targets(rs, { type, severity, keyAccount: false });
          const key = targets(rs, { type, severity, keyAccount: true });
          if (ordinary) for (const [i, value] of ordinary.entries()) expect(key![i]).toBeLessThanOrEqual(value);
          // Adding a rule can only add choices: no target of any record gets later.
          for (const keyAccount of [false, true]) {
            const before = targets(rs, { type, severity, keyAccount });
            const after = targets([...rs, extra], { type, severity, keyAccount });
            if (before) for (const [i, value] of before.entries()) expect(after![i]).toBeLessThanOrEqual(value);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('callback is due 7 calendar days after resolution (SPEC §5)', () => {
    expect(callbackDueAt(at('2026-11-20T10:00:00Z'), { callbackDays: 7 }).toISOString()).toBe(
      '2026-11-27T10:00:00.000Z',
    );
    expect(localDate(at('2026-11-23T20:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-24');
  });
});

describe('businessHoursBefore (where "due within N working hours" starts)', () => {
  const sh = (local: string) => new Date(`${local}+08:00`);
  it('counts back over nights and weekends, and a window ending at an opening begins at the previous close', () => {
    // Due Monday 10:00: 1.5 h on Monday + 2.5 h before Friday's close → Friday 15:00.
    expect(businessHoursBefore(sh('2026-11-23T10:00:00'), 4, cal)).toEqual(sh('2026-11-20T15:00:00'));
    // Due Monday 12:30: exactly 4 h on Monday from the opening → the weekend costs nothing: from Friday's close.
    expect(businessHoursBefore(sh('2026-11-23T12:30:00'), 4, cal)).toEqual(sh('2026-11-20T17:30:00'));
    // Due on a Sunday: Friday 13:30.
    expect(businessHoursBefore(sh('2026-11-22T12:00:00'), 4, cal)).toEqual(sh('2026-11-20T13:30:00'));
  });

  it('is the earliest instant with at most that many working hours left (any calendar, any instant)', () => {
    const holidayCal: BusinessCalendar = {
      ...cal,
      holidays: new Set(['2026-11-25', '2026-11-26']),
      extraWorkdays: new Set(['2026-11-28']),
    };
    const start = sh('2026-11-16T00:00:00').getTime();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 * 24 * 60 }),
        fc.integer({ min: 1, max: 40 * 60 }),
        (minute, hoursInMinutes) => {
          const to = new Date(start + minute * 60_000);
          const hours = hoursInMinutes / 60;
          const from = businessHoursBefore(to, hours, holidayCal);
          expect(businessHoursBetween(from, to, holidayCal)).toBeLessThanOrEqual(hours + 1e-9);
          expect(businessHoursBetween(new Date(from.getTime() - 1), to, holidayCal)).toBeGreaterThan(hours);
        },
      ),
      { numRuns: 300 },
    );
  });
});
