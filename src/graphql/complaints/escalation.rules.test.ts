import { describe, expect, it } from 'vitest';
import {
  dueActionEscalations,
  dueCallbackTaskEscalations,
  nextActionEscalationAt,
  dueEscalations,
  nextCallbackTaskEscalationAt,
  nextEscalationAt,
  overdueLevel,
  raisedLevel,
  recipientsFor,
  type EscalationSnapshot,
  type EscalationStep,
  type TakenStep,
} from './escalation.rules';
import { DEFAULT_CALENDAR, type BusinessCalendar } from './sla-clock.rules';

// Shanghai is UTC+8 all year; the default calendar works Monday–Friday 08:30–17:30 (9 hours a day).
const sh = (local: string) => new Date(`${local}+08:00`);
const cal = DEFAULT_CALENDAR;

const open: EscalationSnapshot = {
  status: 'INVESTIGATING',
  severity: 'GENERAL',
  responsibleDepartmentId: 'dept',
  triageDueAt: null,
  resolutionDueAt: null,
  callbackDueAt: null,
  pendingCallbackDueAts: [],
};
const reasons = (steps: EscalationStep[]) => steps.map((s) => `${s.reason}:${s.level}`);

describe('TRIAGE_OVERDUE', () => {
  // Registered Friday 2026-11-20 16:00: 1.5 h on Friday + 2.5 h from Monday 08:30 → due Monday 11:00.
  const registered: EscalationSnapshot = {
    ...open,
    status: 'REGISTERED',
    responsibleDepartmentId: null,
    triageDueAt: sh('2026-11-23T11:00:00'),
  };

  it('is not due over the weekend nor on Monday morning before 11:00', () => {
    expect(dueEscalations(registered, sh('2026-11-20T17:29:00'), cal, [])).toEqual([]);
    expect(dueEscalations(registered, sh('2026-11-22T23:00:00'), cal, [])).toEqual([]);
    expect(dueEscalations(registered, sh('2026-11-23T10:59:00'), cal, [])).toEqual([]);
  });

  it('is due on Monday from 11:00, once', () => {
    expect(reasons(dueEscalations(registered, sh('2026-11-23T11:00:00'), cal, []))).toEqual(['TRIAGE_OVERDUE:1']);
    expect(
      dueEscalations(registered, sh('2026-11-23T15:00:00'), cal, [{ reason: 'TRIAGE_OVERDUE', level: 1 }]),
    ).toEqual([]);
  });

  it('is not due once a responsible department is set, nor for a rejected record', () => {
    expect(
      dueEscalations({ ...registered, responsibleDepartmentId: 'dept' }, sh('2026-11-23T12:00:00'), cal, []),
    ).toEqual([]);
    expect(dueEscalations({ ...registered, status: 'REJECTED' }, sh('2026-11-23T12:00:00'), cal, [])).toEqual([]);
  });
});

describe('RESOLUTION_OVERDUE ladder (one level per 8 business hours overdue)', () => {
  // Due Friday 2026-11-20 15:30: 2 h overdue by Friday's close, 11 h by Monday's close, 20 h by Tuesday's close.
  const record: EscalationSnapshot = { ...open, resolutionDueAt: sh('2026-11-20T15:30:00') };
  const levelAt = (local: string) => reasons(dueEscalations(record, sh(local), cal, []));

  it('climbs through nights and weekends by working time only', () => {
    expect(levelAt('2026-11-20T15:30:00')).toEqual(['RESOLUTION_OVERDUE:1']);
    expect(levelAt('2026-11-22T10:00:00')).toEqual(['RESOLUTION_OVERDUE:1']); // Sunday: still 2 h overdue
    expect(levelAt('2026-11-23T14:29:00')).toEqual(['RESOLUTION_OVERDUE:1']); // 2 + 5.98 h
    expect(levelAt('2026-11-23T14:30:00')).toEqual(['RESOLUTION_OVERDUE:2']); // 2 + 6 = 8 h
    expect(levelAt('2026-11-24T13:29:00')).toEqual(['RESOLUTION_OVERDUE:2']);
    expect(levelAt('2026-11-24T13:30:00')).toEqual(['RESOLUTION_OVERDUE:3']); // 11 + 5 = 16 h
    expect(levelAt('2026-11-25T12:30:00')).toEqual(['RESOLUTION_OVERDUE:4']); // 20 + 4 = 24 h
    expect(levelAt('2026-12-31T12:00:00')).toEqual(['RESOLUTION_OVERDUE:4']); // never beyond 4
  });

  it('does not take a level twice, nor a lower level after a higher one', () => {
    const at = sh('2026-11-23T15:00:00');
    expect(dueEscalations(record, at, cal, [{ reason: 'RESOLUTION_OVERDUE', level: 2 }])).toEqual([]);
    expect(dueEscalations(record, at, cal, [{ reason: 'RESOLUTION_OVERDUE', level: 3 }])).toEqual([]);
    expect(reasons(dueEscalations(record, at, cal, [{ reason: 'RESOLUTION_OVERDUE', level: 1 }]))).toEqual([
      'RESOLUTION_OVERDUE:2',
    ]);
  });

  it('honours a configured period and skips holidays', () => {
    expect(
      reasons(dueEscalations(record, sh('2026-11-23T10:30:00'), cal, [], { dueSoonHours: 4, overduePeriodHours: 4 })),
    ).toEqual([
      'RESOLUTION_OVERDUE:2', // 2 + 2 = 4 h
    ]);
    const holidayMonday: BusinessCalendar = { ...cal, holidays: new Set(['2026-11-23']) };
    expect(reasons(dueEscalations(record, sh('2026-11-23T17:00:00'), holidayMonday, []))).toEqual([
      'RESOLUTION_OVERDUE:1',
    ]);
  });

  it('stops when the record is resolved, closed or rejected', () => {
    for (const status of ['RESOLVED', 'FOLLOW_UP_DONE', 'CLOSED', 'REJECTED'] as const) {
      expect(dueEscalations({ ...record, status }, sh('2026-11-25T12:30:00'), cal, [])).toEqual([]);
    }
  });

  it('overdueLevel maps hours to levels', () => {
    const policy = { dueSoonHours: 4, overduePeriodHours: 8 };
    expect([-1, 0, 7.99, 8, 16, 24, 100].map((h) => overdueLevel(h, policy))).toEqual([0, 1, 1, 2, 3, 4, 4]);
  });
});

describe('DUE_SOON (resolution due within 4 business hours)', () => {
  // Due Monday 2026-11-23 10:00: from Friday 15:00 that is 2.5 h (Friday) + 1.5 h (Monday) = 4 h of working time.
  const record: EscalationSnapshot = { ...open, resolutionDueAt: sh('2026-11-23T10:00:00') };

  it('warns across the weekend exactly when 4 working hours are left', () => {
    expect(dueEscalations(record, sh('2026-11-20T14:59:00'), cal, [])).toEqual([]);
    expect(reasons(dueEscalations(record, sh('2026-11-20T15:00:00'), cal, []))).toEqual(['DUE_SOON:0']);
    expect(reasons(dueEscalations(record, sh('2026-11-21T09:00:00'), cal, []))).toEqual(['DUE_SOON:0']);
    expect(dueEscalations(record, sh('2026-11-21T09:00:00'), cal, [{ reason: 'DUE_SOON', level: 0 }])).toEqual([]);
  });

  it('gives way to RESOLUTION_OVERDUE at the due time', () => {
    expect(reasons(dueEscalations(record, sh('2026-11-23T10:00:00'), cal, [{ reason: 'DUE_SOON', level: 0 }]))).toEqual(
      ['RESOLUTION_OVERDUE:1'],
    );
  });
});

describe('CRISIS', () => {
  it('goes to the executives at once (level 4), once, while the record is open', () => {
    const crisis: EscalationSnapshot = {
      ...open,
      status: 'REGISTERED',
      severity: 'CRISIS',
      responsibleDepartmentId: null,
    };
    const steps = dueEscalations(crisis, sh('2026-11-21T03:00:00'), cal, []);
    expect(reasons(steps)).toEqual(['CRISIS:4']);
    expect(steps[0]?.audience).toContain('EXECUTIVES');
    expect(dueEscalations(crisis, sh('2026-11-21T03:00:00'), cal, [{ reason: 'CRISIS', level: 4 }])).toEqual([]);
    expect(dueEscalations({ ...crisis, status: 'CLOSED' }, sh('2026-11-21T03:00:00'), cal, [])).toEqual([]);
  });
});

describe('CALLBACK_OVERDUE', () => {
  // Resolved on Friday 2026-11-13 16:00, callback due 7 calendar days later: Friday 2026-11-20 16:00.
  const resolved: EscalationSnapshot = { ...open, status: 'RESOLVED', callbackDueAt: sh('2026-11-20T16:00:00') };

  it('escalates a resolved record whose callback is late: level 1, then level 2 a period later', () => {
    expect(dueEscalations(resolved, sh('2026-11-20T15:59:00'), cal, [])).toEqual([]);
    expect(reasons(dueEscalations(resolved, sh('2026-11-20T16:00:00'), cal, []))).toEqual(['CALLBACK_OVERDUE:1']);
    // 1.5 h Friday + 6.5 h Monday = 8 h at Monday 15:00
    expect(
      reasons(dueEscalations(resolved, sh('2026-11-23T15:00:00'), cal, [{ reason: 'CALLBACK_OVERDUE', level: 1 }])),
    ).toEqual(['CALLBACK_OVERDUE:2']);
    expect(
      dueEscalations(resolved, sh('2026-12-31T15:00:00'), cal, [{ reason: 'CALLBACK_OVERDUE', level: 2 }]),
    ).toEqual([]);
  });

  it('counts pending callback tasks whatever the state, and not the callback once the follow-up is done', () => {
    expect(dueEscalations({ ...resolved, status: 'FOLLOW_UP_DONE' }, sh('2026-11-20T16:00:00'), cal, [])).toEqual([]);
    const closedWithTask: EscalationSnapshot = {
      ...resolved,
      status: 'CLOSED',
      pendingCallbackDueAts: [sh('2026-11-20T10:00:00')],
    };
    expect(reasons(dueEscalations(closedWithTask, sh('2026-11-20T10:00:00'), cal, []))).toEqual(['CALLBACK_OVERDUE:1']);
  });
});

describe('CALLBACK_OVERDUE of a callback task without a complaint (key-account, periodic, survey follow-up)', () => {
  // Due Friday 2026-11-20 16:00, like the resolved record above: level 2 eight business hours later, Monday 15:00.
  const task = { status: 'PENDING' as const, dueAt: sh('2026-11-20T16:00:00') };
  const at = (local: string, taken: { reason: string; level: number }[] = []) =>
    dueCallbackTaskEscalations(task, sh(local), cal, taken);

  it('level 1 to the assignee at the due time, level 2 to the service managers a period later, then nothing', () => {
    expect(at('2026-11-20T15:59:00')).toEqual([]);
    expect(at('2026-11-20T16:00:00')).toEqual([
      { reason: 'CALLBACK_OVERDUE', level: 1, audience: ['CALLBACK_ASSIGNEES'] },
    ]);
    expect(at('2026-11-22T12:00:00', [{ reason: 'CALLBACK_OVERDUE', level: 1 }])).toEqual([]); // the weekend does not count
    expect(at('2026-11-23T14:59:00', [{ reason: 'CALLBACK_OVERDUE', level: 1 }])).toEqual([]);
    expect(at('2026-11-23T15:00:00', [{ reason: 'CALLBACK_OVERDUE', level: 1 }])).toEqual([
      { reason: 'CALLBACK_OVERDUE', level: 2, audience: ['SERVICE_MANAGERS', 'CALLBACK_ASSIGNEES'] },
    ]);
    expect(at('2026-12-31T15:00:00', [{ reason: 'CALLBACK_OVERDUE', level: 2 }])).toEqual([]);
  });

  it('after a pause goes straight to level 2, and stops once the task is done or cancelled', () => {
    expect(at('2026-11-25T10:00:00').map((s) => s.level)).toEqual([2]);
    for (const status of ['DONE', 'CANCELLED'] as const)
      expect(dueCallbackTaskEscalations({ ...task, status }, sh('2026-11-25T10:00:00'), cal, [])).toEqual([]);
  });

  it('honours a configured period', () => {
    expect(
      dueCallbackTaskEscalations(task, sh('2026-11-23T11:00:00'), cal, [{ reason: 'CALLBACK_OVERDUE', level: 1 }], {
        dueSoonHours: 4,
        overduePeriodHours: 4,
      }).map((s) => s.level),
    ).toEqual([2]);
  });
});

describe('recipientsFor', () => {
  const people = {
    ownerId: 'owner',
    departmentHeadId: 'head',
    callbackAssigneeIds: ['agent'],
    serviceManagerIds: ['sm1', 'sm2'],
    executiveIds: ['ceo'],
    qualityManagerIds: ['qm'],
  };
  const step = (audience: EscalationStep['audience']): EscalationStep => ({
    reason: 'RESOLUTION_OVERDUE',
    level: 1,
    audience,
  });

  it('resolves each audience and removes duplicates', () => {
    expect(recipientsFor(step(['OWNER']), people)).toEqual(['owner']);
    expect(recipientsFor(step(['DEPARTMENT_HEAD', 'OWNER']), people)).toEqual(['head', 'owner']);
    expect(recipientsFor(step(['EXECUTIVES', 'SERVICE_MANAGERS']), people)).toEqual(['ceo', 'sm1', 'sm2']);
    expect(recipientsFor(step(['SERVICE_MANAGERS', 'OWNER']), { ...people, ownerId: 'sm1' })).toEqual(['sm1', 'sm2']);
  });

  it('falls back up the ladder when a seat is empty', () => {
    expect(recipientsFor(step(['OWNER']), { ...people, ownerId: null })).toEqual(['head']);
    expect(recipientsFor(step(['OWNER']), { ...people, ownerId: null, departmentHeadId: null })).toEqual([
      'sm1',
      'sm2',
    ]);
    expect(recipientsFor(step(['EXECUTIVES']), { ...people, executiveIds: [] })).toEqual(['sm1', 'sm2']);
  });

  it('a callback nobody is assigned to goes to the owner, and without a complaint to the service managers', () => {
    const callbackStep: EscalationStep = { reason: 'CALLBACK_OVERDUE', level: 1, audience: ['CALLBACK_ASSIGNEES'] };
    expect(recipientsFor(callbackStep, people)).toEqual(['agent']);
    expect(recipientsFor(callbackStep, { ...people, callbackAssigneeIds: [] })).toEqual(['owner']);
    const noComplaint = { ...people, ownerId: null, departmentHeadId: null, callbackAssigneeIds: [] };
    expect(recipientsFor(callbackStep, noComplaint)).toEqual(['sm1', 'sm2']);
    expect(
      recipientsFor(
        { ...callbackStep, level: 2, audience: ['SERVICE_MANAGERS', 'CALLBACK_ASSIGNEES'] },
        { ...noComplaint, callbackAssigneeIds: ['agent'] },
      ),
    ).toEqual(['sm1', 'sm2', 'agent']);
  });

  it('raisedLevel never lowers the level', () => {
    expect(raisedLevel(2, step(['OWNER']))).toBe(2);
    expect(raisedLevel(0, { reason: 'CRISIS', level: 4, audience: ['EXECUTIVES'] })).toBe(4);
    expect(raisedLevel(1, { reason: 'DUE_SOON', level: 0, audience: ['OWNER'] })).toBe(1);
  });
});

describe('nextEscalationAt (when the sweep must look at a record again)', () => {
  it('is the triage due time, then nothing once triage escalated', () => {
    const registered: EscalationSnapshot = {
      ...open,
      status: 'REGISTERED',
      responsibleDepartmentId: null,
      triageDueAt: sh('2026-11-23T11:00:00'),
    };
    expect(nextEscalationAt(registered, sh('2026-11-20T16:00:00'), cal, [])).toEqual(sh('2026-11-23T11:00:00'));
    expect(
      nextEscalationAt(registered, sh('2026-11-23T11:00:00'), cal, [{ reason: 'TRIAGE_OVERDUE', level: 1 }]),
    ).toBeNull();
  });

  it('walks the resolution ladder in business hours: DUE_SOON, level 1 at the due time, +8 working hours per level, then nothing', () => {
    const record: EscalationSnapshot = { ...open, resolutionDueAt: sh('2026-11-23T11:00:00') }; // Monday 11:00
    // 4 working hours before Monday 11:00: 2.5 h on Monday morning + 1.5 h before Friday's close → Friday 16:00.
    expect(nextEscalationAt(record, sh('2026-11-20T09:00:00'), cal, [])).toEqual(sh('2026-11-20T16:00:00'));
    const taken: TakenStep[] = [{ reason: 'DUE_SOON', level: 0 }];
    expect(nextEscalationAt(record, sh('2026-11-20T16:00:00'), cal, taken)).toEqual(sh('2026-11-23T11:00:00'));
    taken.push({ reason: 'RESOLUTION_OVERDUE', level: 1 });
    expect(nextEscalationAt(record, sh('2026-11-23T11:00:00'), cal, taken)).toEqual(sh('2026-11-24T10:00:00')); // 6.5 h Mon + 1.5 h Tue
    taken.push({ reason: 'RESOLUTION_OVERDUE', level: 4 });
    expect(nextEscalationAt(record, sh('2026-11-26T11:00:00'), cal, taken)).toBeNull();
  });

  it('is now for a step that is due and was not taken (a failed step stays due)', () => {
    const crisis: EscalationSnapshot = { ...open, severity: 'CRISIS' };
    const now = sh('2026-11-20T10:00:00');
    expect(nextEscalationAt(crisis, now, cal, [])).toEqual(now);
    expect(nextEscalationAt(crisis, now, cal, [{ reason: 'CRISIS', level: 4 }])).toBeNull();
    const overdue: EscalationSnapshot = { ...open, resolutionDueAt: sh('2026-11-20T09:00:00') };
    expect(nextEscalationAt(overdue, now, cal, [])!.getTime()).toBeLessThanOrEqual(now.getTime());
  });

  it('follows a resolved record only for its callback, and a closed one not at all', () => {
    const resolved: EscalationSnapshot = {
      ...open,
      status: 'RESOLVED',
      resolutionDueAt: sh('2026-11-10T09:00:00'),
      callbackDueAt: sh('2026-11-27T10:00:00'),
    };
    expect(nextEscalationAt(resolved, sh('2026-11-20T10:00:00'), cal, [])).toEqual(sh('2026-11-27T10:00:00'));
    expect(
      nextEscalationAt(resolved, sh('2026-11-27T10:00:00'), cal, [{ reason: 'CALLBACK_OVERDUE', level: 1 }]),
    ).toEqual(sh('2026-11-30T09:00:00')); // 7.5 h Fri + 0.5 h Mon
    expect(nextEscalationAt({ ...resolved, status: 'CLOSED' }, sh('2026-11-20T10:00:00'), cal, [])).toBeNull();
  });

  it('of a callback task: its due time, one period later level 2, then nothing', () => {
    const task = { status: 'PENDING' as const, dueAt: sh('2026-11-20T10:00:00') };
    expect(nextCallbackTaskEscalationAt(task, cal, [])).toEqual(task.dueAt);
    expect(nextCallbackTaskEscalationAt(task, cal, [{ reason: 'CALLBACK_OVERDUE', level: 1 }])).toEqual(
      sh('2026-11-23T09:00:00'),
    );
    expect(nextCallbackTaskEscalationAt(task, cal, [{ reason: 'CALLBACK_OVERDUE', level: 2 }])).toBeNull();
    expect(nextCallbackTaskEscalationAt({ ...task, status: 'DONE' }, cal, [])).toBeNull();
  });

  it('a sweep that looks only when nextEscalationAt has come takes the same steps at the same times as one that looks at every tick', () => {
    // A deterministic pseudo-random mix of records over six days with a holiday, swept every 15 minutes.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const holidayCal: BusinessCalendar = { ...cal, holidays: new Set(['2026-11-25']) };
    const start = sh('2026-11-20T07:00:00').getTime();
    const at = (minutes: number) => new Date(start + minutes * 60_000);
    const tick = 15;
    const ticks = (6 * 24 * 60) / tick;
    for (let r = 0; r < 16; r++) {
      const record: EscalationSnapshot = {
        status: pick(['REGISTERED', 'INVESTIGATING', 'RESOLVED', 'IMPLEMENTING'] as const),
        severity: pick(['GENERAL', 'MAJOR', 'CRISIS', null] as const),
        responsibleDepartmentId: pick([null, 'dept']),
        triageDueAt: random() < 0.7 ? at(Math.floor(random() * 3000)) : null,
        resolutionDueAt: random() < 0.8 ? at(Math.floor(random() * 6000)) : null,
        callbackDueAt: random() < 0.5 ? at(Math.floor(random() * 6000)) : null,
        pendingCallbackDueAts: random() < 0.3 ? [at(Math.floor(random() * 6000))] : [],
      };
      const everyTick: string[] = [];
      const takenA: TakenStep[] = [];
      for (let k = 0; k < ticks; k++) {
        for (const step of dueEscalations(record, at(k * tick), holidayCal, takenA)) {
          takenA.push(step);
          everyTick.push(`${k}:${step.reason}:${step.level}`);
        }
      }
      const whenDue: string[] = [];
      const takenB: TakenStep[] = [];
      let next = nextEscalationAt(record, at(0), holidayCal, takenB);
      for (let k = 0; k < ticks; k++) {
        const now = at(k * tick);
        if (next === null || next > now) continue;
        for (const step of dueEscalations(record, now, holidayCal, takenB)) {
          takenB.push(step);
          whenDue.push(`${k}:${step.reason}:${step.level}`);
        }
        next = nextEscalationAt(record, now, holidayCal, takenB);
        // Looked at and nothing left due now: the next time is in the future (or never), so the record is not re-read.
        if (next !== null) expect(next.getTime()).toBeGreaterThan(now.getTime());
      }
      expect(whenDue, JSON.stringify(record)).toEqual(everyTick);
    }
  });
});

describe('ACTION_OVERDUE ladder (owner → department head → quality, one level per 8 business hours)', () => {
  const due = sh('2026-11-23T10:00:00'); // Monday
  const action = { status: 'OPEN' as const, dueAt: due };

  it('starts at the due time and climbs by working time only, to level 3 at most', () => {
    expect(dueActionEscalations(action, sh('2026-11-23T09:59:59'), cal, [])).toEqual([]);
    expect(reasons(dueActionEscalations(action, due, cal, []))).toEqual(['ACTION_OVERDUE:1']);
    expect(dueActionEscalations(action, due, cal, [])[0]?.audience).toEqual(['OWNER']);
    // 8 business hours after Monday 10:00 is Tuesday 09:00 (08:30–17:30 days).
    const taken1: TakenStep[] = [{ reason: 'ACTION_OVERDUE', level: 1 }];
    expect(dueActionEscalations(action, sh('2026-11-24T08:59:00'), cal, taken1)).toEqual([]);
    const second = dueActionEscalations(action, sh('2026-11-24T09:00:00'), cal, taken1);
    expect(reasons(second)).toEqual(['ACTION_OVERDUE:2']);
    expect(second[0]?.audience).toEqual(['DEPARTMENT_HEAD', 'OWNER']);
    const late = dueActionEscalations(action, sh('2026-12-10T09:00:00'), cal, taken1);
    expect(reasons(late)).toEqual(['ACTION_OVERDUE:3']);
    expect(late[0]?.audience).toEqual(['QUALITY_MANAGERS', 'OWNER']);
    expect(
      dueActionEscalations(action, sh('2026-12-30T09:00:00'), cal, [{ reason: 'ACTION_OVERDUE', level: 3 }]),
    ).toEqual([]);
  });

  it('a finished action, or one without a due date, never escalates; the next time follows the ladder', () => {
    for (const status of ['DONE', 'VERIFIED', 'CANCELLED'] as const) {
      expect(dueActionEscalations({ status, dueAt: due }, sh('2026-12-10T09:00:00'), cal, [])).toEqual([]);
      expect(nextActionEscalationAt({ status, dueAt: due }, cal, [])).toBeNull();
    }
    expect(dueActionEscalations({ status: 'IN_PROGRESS', dueAt: null }, due, cal, [])).toEqual([]);
    expect(nextActionEscalationAt(action, cal, [])).toEqual(due);
    expect(nextActionEscalationAt(action, cal, [{ reason: 'ACTION_OVERDUE', level: 1 }])).toEqual(
      sh('2026-11-24T09:00:00'),
    );
    expect(nextActionEscalationAt(action, cal, [{ reason: 'ACTION_OVERDUE', level: 3 }])).toBeNull();
  });
});
