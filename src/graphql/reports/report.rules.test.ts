import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessHoursBetween, DEFAULT_CALENDAR } from '../complaints/sla-clock.rules';
import {
  asOfFor,
  businessHoursIndex,
  isOverdue,
  monthOf,
  monthRange,
  parseMonth,
  repeatComplaints,
  shiftMonth,
  summariseComplaints,
  type SummaryComplaint,
  type SummaryInput,
} from './report.rules';

const TZ = 'Asia/Shanghai';
const t = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
const after = (iso: string, hours: number) => new Date(t(iso).getTime() + hours * HOUR);
const plainHours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / HOUR;
const november = monthRange('2026-11', TZ)!;
const october = monthRange('2026-10', TZ)!;
const NOVEMBER_END = t('2026-11-30T16:00:00Z');

function complaint(number: string, overrides: Partial<SummaryComplaint>): SummaryComplaint {
  return {
    id: `id-${number}`,
    number,
    customerId: null,
    customerName: null,
    status: 'REGISTERED',
    severity: null,
    causeClass: null,
    departmentId: null,
    departmentName: null,
    productRef: null,
    createdAt: t('2026-11-02T01:00:00Z'),
    triagedAt: null,
    resolvedAt: null,
    closedAt: null,
    resolutionDueAt: null,
    rootCause: null,
    ...overrides,
  };
}

const P = { departmentId: 'dept-p', departmentName: '生产部' };
const S = { departmentId: 'dept-s', departmentName: '市场销售部' };
const A = { customerId: 'cust-a', customerName: '甲公司' };
const B = { customerId: 'cust-b', customerName: '乙公司' };
const C = { customerId: 'cust-c', customerName: '丙公司' };

/** November 2026, worked by hand (see the comment on each record). */
const COMPLAINTS: SummaryComplaint[] = [
  // on time (resolved 26 h after registration, due at 48 h), closed after 192 h; has a D4 root cause
  complaint('TS-1', {
    ...A,
    ...P,
    status: 'CLOSED',
    severity: 'GENERAL',
    causeClass: 'QUALITY',
    productRef: 'BR-118',
    createdAt: t('2026-11-02T01:00:00Z'),
    triagedAt: after('2026-11-02T01:00:00Z', 2),
    resolvedAt: after('2026-11-02T01:00:00Z', 26),
    resolutionDueAt: t('2026-11-04T01:00:00Z'),
    closedAt: after('2026-11-02T01:00:00Z', 192),
    rootCause: { occurrence: '定位销磨损', outflow: null },
  }),
  // resolved late (120 h, due at 48 h); a repeat of TS-1; a blank 8D root cause is not listed
  complaint('TS-2', {
    ...A,
    ...P,
    status: 'RESOLVED',
    severity: 'MAJOR',
    causeClass: 'QUALITY',
    productRef: 'BR-118',
    createdAt: t('2026-11-15T02:00:00Z'),
    triagedAt: after('2026-11-15T02:00:00Z', 4),
    resolvedAt: after('2026-11-15T02:00:00Z', 120),
    resolutionDueAt: t('2026-11-17T02:00:00Z'),
    rootCause: { occurrence: '  ', outflow: '' },
  }),
  // open and overdue at the month's end (due 11-25); the product ref is trimmed
  complaint('TS-3', {
    ...B,
    ...S,
    status: 'IMPLEMENTING',
    severity: 'GENERAL',
    causeClass: 'NON_QUALITY',
    productRef: ' BR-118 ',
    createdAt: t('2026-11-20T02:00:00Z'),
    triagedAt: after('2026-11-20T02:00:00Z', 1),
    resolutionDueAt: t('2026-11-25T02:00:00Z'),
  }),
  // anonymous, untriaged, registered at the very first instant of November in Shanghai (00:00 = 16:00Z the day before)
  complaint('TS-4', { status: 'REGISTERED', createdAt: t('2026-10-31T16:00:00Z') }),
  // open, due only after the month's end: not overdue in November's report
  complaint('TS-5', {
    ...B,
    ...P,
    status: 'INVESTIGATING',
    severity: 'GENERAL',
    causeClass: 'QUALITY',
    productRef: 'GX-2',
    createdAt: t('2026-11-28T02:00:00Z'),
    triagedAt: after('2026-11-28T02:00:00Z', 5),
    resolutionDueAt: t('2026-12-02T02:00:00Z'),
  }),
  // resolved on 12-01, after the month's end: overdue as of the month's end, its resolution not yet counted
  complaint('TS-6', {
    ...C,
    ...P,
    status: 'RESOLVED',
    severity: 'CRISIS',
    causeClass: 'QUALITY',
    createdAt: t('2026-11-10T02:00:00Z'),
    triagedAt: after('2026-11-10T02:00:00Z', 1),
    resolutionDueAt: t('2026-11-11T02:00:00Z'),
    resolvedAt: t('2026-12-01T02:00:00Z'),
  }),
  // declined: past its due time but never overdue
  complaint('TS-7', {
    ...B,
    ...S,
    status: 'REJECTED',
    severity: 'GENERAL',
    causeClass: 'NON_QUALITY',
    createdAt: t('2026-11-05T02:00:00Z'),
    triagedAt: after('2026-11-05T02:00:00Z', 3),
    resolutionDueAt: t('2026-11-06T02:00:00Z'),
  }),
];

function input(overrides: Partial<SummaryInput> = {}): SummaryInput {
  return {
    range: november,
    previousRange: october,
    asOf: NOVEMBER_END,
    intake: [
      { type: 'COMPLAINT', count: 7 },
      { type: 'CONSULTATION', count: 10 },
      { type: 'INQUIRY', count: 2 },
      { type: 'SUGGESTION', count: 1 },
    ],
    previousIntake: [
      { type: 'COMPLAINT', count: 5 },
      { type: 'CONSULTATION', count: 5 },
    ],
    complaints: COMPLAINTS,
    previousComplaints: [
      { severity: 'GENERAL', causeClass: 'QUALITY', ...P, count: 3 },
      { severity: 'MAJOR', causeClass: 'NON_QUALITY', departmentId: 'dept-q', departmentName: '品质管理部', count: 1 },
      { severity: null, causeClass: null, departmentId: null, departmentName: null, count: 1 },
    ],
    priorComplaints: [
      { customerId: 'cust-b', createdAt: t('2026-09-01T00:00:00Z') }, // within 90 days of B's November complaints
      { customerId: 'cust-c', createdAt: t('2026-08-01T00:00:00Z') }, // 101 days before TS-6: not a repeat
    ],
    callbacks: [
      { status: 'DONE', dueAt: t('2026-11-10T08:00:00Z'), completedAt: t('2026-11-09T02:00:00Z') }, // done on time
      { status: 'DONE', dueAt: t('2026-11-25T08:00:00Z'), completedAt: t('2026-11-27T02:00:00Z') }, // done late
      { status: 'PENDING', dueAt: t('2026-11-28T08:00:00Z'), completedAt: null }, // overdue
      { status: 'CANCELLED', dueAt: t('2026-11-12T08:00:00Z'), completedAt: null }, // left out
      { status: 'DONE', dueAt: t('2026-11-29T08:00:00Z'), completedAt: t('2026-12-02T02:00:00Z') }, // done after the month: overdue then
      { status: 'PENDING', dueAt: t('2026-12-03T08:00:00Z'), completedAt: null }, // December's
    ],
    hoursBetween: plainHours,
    ...overrides,
  };
}

describe('months', () => {
  it('start and end at midnight in Shanghai (UTC+8)', () => {
    expect(november.from.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(november.to.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(monthRange('2026-12', TZ)!.to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(monthRange('2027-01', TZ)!.from).toEqual(monthRange('2026-12', TZ)!.to);
    expect(monthRange('2028-02', TZ)!.to.toISOString()).toBe('2028-02-29T16:00:00.000Z'); // leap year
    expect(monthOf(t('2026-10-31T15:59:59.999Z'), TZ)).toBe('2026-10');
    expect(monthOf(t('2026-10-31T16:00:00.000Z'), TZ)).toBe('2026-11');
  });

  it('parse only YYYY-MM and shift across years', () => {
    expect(parseMonth('2026-11')).toEqual({ year: 2026, month: 11 });
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-11', '2026/11', '1999-12', '2026-11-01', '', 'abc'])
      expect(parseMonth(bad)).toBeNull();
    expect(monthRange('2026-13', TZ)).toBeNull();
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-11', -13)).toBe('2025-10');
  });

  it('count as of the month’s end, or of now while it runs', () => {
    expect(asOfFor(november, t('2026-12-05T00:00:00Z'))).toEqual(NOVEMBER_END);
    expect(asOfFor(november, t('2026-11-20T00:00:00Z'))).toEqual(t('2026-11-20T00:00:00Z'));
  });
});

describe('monthly complaint summary', () => {
  const summary = summariseComplaints(input());

  it('counts every intake type, the complaint rate and the change from last month', () => {
    expect(summary).toMatchObject({
      month: '2026-11',
      total: 7,
      intakeTotal: 20,
      complaintRate: 0.35,
      totalChange: 2,
      totalChangeRate: 0.4,
    });
    expect(summary.previous).toEqual({ month: '2026-10', total: 5, intakeTotal: 10, complaintRate: 0.5 });
    expect(summary.intake).toEqual([
      { type: 'COMPLAINT', count: 7, previousCount: 5 },
      { type: 'CONSULTATION', count: 10, previousCount: 5 },
      { type: 'INQUIRY', count: 2, previousCount: 0 },
      { type: 'SUGGESTION', count: 1, previousCount: 0 },
    ]);
  });

  it('breaks down by severity, cause class and department with last month beside', () => {
    expect(summary.bySeverity).toEqual([
      { severity: 'GENERAL', count: 4, previousCount: 3 },
      { severity: 'MAJOR', count: 1, previousCount: 1 },
      { severity: 'CRISIS', count: 1, previousCount: 0 },
      { severity: null, count: 1, previousCount: 1 },
    ]);
    expect(summary.byCauseClass).toEqual([
      { causeClass: 'QUALITY', count: 4, previousCount: 3 },
      { causeClass: 'NON_QUALITY', count: 2, previousCount: 1 },
      { causeClass: null, count: 1, previousCount: 1 },
    ]);
    expect(summary.byDepartment).toEqual([
      { ...P, count: 4, previousCount: 3, open: 1, overdue: 1 },
      { ...S, count: 2, previousCount: 0, open: 1, overdue: 1 },
      { departmentId: 'dept-q', departmentName: '品质管理部', count: 0, previousCount: 1, open: 0, overdue: 0 },
      { departmentId: null, departmentName: null, count: 1, previousCount: 1, open: 1, overdue: 0 },
    ]);
  });

  it('counts status groups now, and overdue / on time as of the month’s end', () => {
    expect(summary.statusGroups).toEqual({ open: 3, resolved: 2, closed: 1, rejected: 1 });
    expect(summary.overdue).toBe(2); // TS-3 and TS-6
    expect(summary).toMatchObject({ resolvedOnTime: 1, resolvedLate: 1 });
    expect(summary.onTimeResolutionRate).toBe(0.25); // 1 ÷ (1 on time + 1 late + 2 overdue)
  });

  it('averages the hours to triage, resolve and close over the complaints that got there', () => {
    // triage: 2, 4, 1, 5, 1, 3 → 16 / 6 = 2.67; resolve: 26 and 120 (TS-6 only after the month) → 73; close: 192
    expect(summary.averageBusinessHours).toEqual({
      toTriage: 2.7,
      toResolve: 73,
      toClose: 192,
      triaged: 6,
      resolved: 2,
      closed: 1,
    });
  });

  it('finds repeat complaints within 90 days, also against complaints before the month', () => {
    expect(summary.repeatComplaints).toBe(4); // TS-2 (after TS-1), TS-7 and TS-3 and TS-5 (after B's September one)
    expect(summary.repeatCustomers).toEqual([
      { ...B, complaints: 3, repeats: 3, inWindow: 4 },
      { ...A, complaints: 2, repeats: 1, inWindow: 2 },
    ]);
    // Two complaints registered at the same instant: the second by number is the repeat.
    const twins = [
      complaint('TS-9', { ...A, createdAt: t('2026-11-03T00:00:00Z') }),
      complaint('TS-8', { ...A, createdAt: t('2026-11-03T00:00:00Z') }),
    ];
    expect([...repeatComplaints(twins, [])]).toEqual(['id-TS-9']);
  });

  it('counts callbacks due in the month: done, done on time, overdue', () => {
    expect(summary.callbacks).toEqual({ due: 4, done: 2, doneOnTime: 1, overdue: 2, completionRate: 0.5 });
  });

  it('ranks products and cause × department, lists D4 root causes, and picks the improvement focus', () => {
    expect(summary.topProducts).toEqual([
      { productRef: 'BR-118', count: 3 },
      { productRef: 'GX-2', count: 1 },
    ]);
    expect(summary.topCauses).toEqual([
      { causeClass: 'QUALITY', ...P, count: 4 },
      { causeClass: 'NON_QUALITY', ...S, count: 2 },
    ]);
    expect(summary.rootCauses).toEqual([{ number: 'TS-1', occurrence: '定位销磨损', outflow: null }]);
    expect(summary.improvementFocus).toEqual([
      { kind: 'CAUSE_DEPARTMENT', count: 4, share: 4 / 7, causeClass: 'QUALITY', ...P },
      { kind: 'REPEAT_CUSTOMER', count: 4, share: 3 / 7, ...B },
      { kind: 'PRODUCT', count: 3, share: 3 / 7, productRef: 'BR-118' },
      { kind: 'CAUSE_DEPARTMENT', count: 2, share: 2 / 7, causeClass: 'NON_QUALITY', ...S },
      { kind: 'REPEAT_CUSTOMER', count: 2, share: 2 / 7, ...A },
    ]);
  });

  it('while the month runs, counts as of now', () => {
    const running = summariseComplaints(input({ asOf: t('2026-11-22T00:00:00Z') }));
    expect(running.overdue).toBe(1); // TS-6 only: TS-3 is not due until 11-25
    expect(running).toMatchObject({ resolvedOnTime: 1, resolvedLate: 1, onTimeResolutionRate: 1 / 3 });
    // TS-5 (registered 11-28) has not been triaged yet as of 11-22: five triage times remain.
    expect(running.averageBusinessHours.triaged).toBe(5);
    expect(running.callbacks).toEqual({ due: 1, done: 1, doneOnTime: 1, overdue: 0, completionRate: 1 });
  });

  it('counts business hours with the company calendar when given it', () => {
    // Friday 17:00 → Monday 09:30 in Shanghai: half an hour on Friday and an hour on Monday.
    const weekend = complaint('TS-10', { createdAt: t('2026-11-06T09:00:00Z'), triagedAt: t('2026-11-09T01:30:00Z') });
    const result = summariseComplaints(
      input({ complaints: [weekend], hoursBetween: (a, b) => businessHoursBetween(a, b) }),
    );
    expect(result.averageBusinessHours.toTriage).toBe(1.5);
  });

  it('an empty month: zeros, no rates, no averages, empty lists', () => {
    const empty = summariseComplaints(
      input({
        intake: [],
        previousIntake: [],
        complaints: [],
        previousComplaints: [],
        priorComplaints: [],
        callbacks: [],
      }),
    );
    expect(empty).toMatchObject({
      total: 0,
      intakeTotal: 0,
      complaintRate: null,
      totalChange: 0,
      totalChangeRate: null,
      overdue: 0,
      onTimeResolutionRate: null,
      repeatComplaints: 0,
    });
    expect(empty.intake.map((r) => r.count)).toEqual([0, 0, 0, 0]);
    expect(empty.bySeverity).toEqual([
      { severity: 'GENERAL', count: 0, previousCount: 0 },
      { severity: 'MAJOR', count: 0, previousCount: 0 },
      { severity: 'CRISIS', count: 0, previousCount: 0 },
    ]);
    expect(empty.byCauseClass.map((r) => r.causeClass)).toEqual(['QUALITY', 'NON_QUALITY']);
    expect(empty.byDepartment).toEqual([]);
    expect(empty.averageBusinessHours).toEqual({
      toTriage: null,
      toResolve: null,
      toClose: null,
      triaged: 0,
      resolved: 0,
      closed: 0,
    });
    expect(empty.callbacks).toEqual({ due: 0, done: 0, doneOnTime: 0, overdue: 0, completionRate: null });
    expect([
      empty.topProducts,
      empty.topCauses,
      empty.rootCauses,
      empty.improvementFocus,
      empty.repeatCustomers,
    ]).toEqual([[], [], [], [], []]);
  });

  it('overdue needs a due time before asOf, no resolution by then, and not a declined complaint', () => {
    const due = t('2026-11-10T00:00:00Z');
    expect(isOverdue({ status: 'INVESTIGATING', resolutionDueAt: due, resolvedAt: null }, NOVEMBER_END)).toBe(true);
    expect(isOverdue({ status: 'INVESTIGATING', resolutionDueAt: due, resolvedAt: null }, due)).toBe(false); // due exactly now
    expect(
      isOverdue({ status: 'RESOLVED', resolutionDueAt: due, resolvedAt: t('2026-11-20T00:00:00Z') }, NOVEMBER_END),
    ).toBe(false);
    expect(isOverdue({ status: 'REJECTED', resolutionDueAt: due, resolvedAt: null }, NOVEMBER_END)).toBe(false);
    expect(isOverdue({ status: 'REGISTERED', resolutionDueAt: null, resolvedAt: null }, NOVEMBER_END)).toBe(false);
  });
});

describe('business hours index', () => {
  // 11-02 (Mon) a public holiday, 11-08 (Sun) a make-up working day.
  const calendar = { ...DEFAULT_CALENDAR, holidays: new Set(['2026-11-02']), extraWorkdays: new Set(['2026-11-08']) };
  const start = november.from;
  const end = NOVEMBER_END;
  const hoursBetween = businessHoursIndex(calendar, start, end);

  it('agrees with the SLA clock on any interval inside the range, holidays and make-up days included', () => {
    const instant = fc.integer({ min: start.getTime(), max: end.getTime() - 1 }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(hoursBetween(from, to)).toBeCloseTo(businessHoursBetween(from, to, calendar), 9);
      }),
      { numRuns: 300 },
    );
  });

  it('counts by hand: the holiday is off, the make-up Sunday is on', () => {
    // Mon 11-02 (holiday) 00:00 → Tue 11-03 12:00: only Tuesday 08:30–12:00.
    expect(hoursBetween(t('2026-11-01T16:00:00Z'), t('2026-11-03T04:00:00Z'))).toBe(3.5);
    // Sat 11-07 00:00 → Mon 11-09 00:00: the make-up Sunday's nine hours.
    expect(hoursBetween(t('2026-11-06T16:00:00Z'), t('2026-11-08T16:00:00Z'))).toBe(9);
    // Outside the range it falls back to the SLA clock.
    expect(hoursBetween(t('2026-12-04T01:00:00Z'), t('2026-12-04T03:00:00Z'))).toBe(2);
  });
});
