import type { ComplaintStatus } from './complaint-workflow.rules';
import { addBusinessHours, businessHoursBefore, businessHoursBetween, type BusinessCalendar } from './sla-clock.rules';

/**
 * Escalation of due and overdue records (SPEC §4 处理逾期反应): which steps are due for one interaction at `now`.
 * Pure: the sweep (escalation.service.ts) loads the snapshot, the calendar and the steps already taken, and writes what
 * this returns. Each step is identified by (reason, level) — the unique key of the Escalation table — so a step is
 * taken at most once however many sweeps run.
 */
export type EscalationReason =
  | 'TRIAGE_OVERDUE'
  | 'DUE_SOON'
  | 'RESOLUTION_OVERDUE'
  | 'CALLBACK_OVERDUE'
  | 'ACTION_OVERDUE'
  | 'STEP_OVERDUE'
  | 'CRISIS';

/** Who a step goes to, before it is resolved to user ids (see `recipientsFor`). */
export const AUDIENCES = [
  'OWNER',
  'DEPARTMENT_HEAD',
  'SERVICE_MANAGERS',
  'EXECUTIVES',
  'QUALITY_MANAGERS',
  'CALLBACK_ASSIGNEES',
] as const;
export type Audience = (typeof AUDIENCES)[number];

export type EscalationStep = { reason: EscalationReason; level: number; audience: readonly Audience[] };

export type EscalationPolicy = {
  /** DUE_SOON when the resolution is due within this many business hours. */
  dueSoonHours: number;
  /** One RESOLUTION_OVERDUE / CALLBACK_OVERDUE level per this many business hours overdue. */
  overduePeriodHours: number;
};

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = { dueSoonHours: 4, overduePeriodHours: 8 };

/** The ladder of RESOLUTION_OVERDUE: level 1 owner → 2 department head → 3 service manager(s) → 4 executive(s). */
export const RESOLUTION_LADDER: Readonly<Record<1 | 2 | 3 | 4, readonly Audience[]>> = {
  1: ['OWNER'],
  2: ['DEPARTMENT_HEAD', 'OWNER'],
  3: ['SERVICE_MANAGERS', 'OWNER'],
  4: ['EXECUTIVES', 'OWNER'],
};
export const MAX_LEVEL = 4;

/** The workflow's states (one list: the state machine's). */
export type InteractionStatusLike = ComplaintStatus;

/** Records in these states are finished with (or waiting only for the callback): no triage/resolution escalation. */
export function isSettled(status: InteractionStatusLike): boolean {
  switch (status) {
    case 'RESOLVED':
    case 'FOLLOW_UP_DONE':
    case 'CLOSED':
    case 'REJECTED':
      return true;
    case 'REGISTERED':
    case 'TRIAGED':
    case 'INVESTIGATING':
    case 'ACTION_PLANNED':
    case 'PENDING_APPROVAL':
    case 'IMPLEMENTING':
    case 'VERIFYING':
    case 'REOPENED':
      return false;
  }
}

export type EscalationSnapshot = {
  status: InteractionStatusLike;
  severity: 'GENERAL' | 'MAJOR' | 'CRISIS' | null;
  responsibleDepartmentId: string | null;
  triageDueAt: Date | null;
  resolutionDueAt: Date | null;
  /** The post-resolution callback (SPEC §5: within 7 days of resolution); counts while the record is RESOLVED. */
  callbackDueAt: Date | null;
  /** Due times of the record's callback tasks still PENDING. */
  pendingCallbackDueAts: readonly Date[];
  /** Due time of the step the complaint waits on now (complaint-steps.rules.ts); null when none. */
  stepDueAt?: Date | null;
};

export type TakenStep = { reason: string; level: number };

const hasTaken = (taken: readonly TakenStep[], reason: EscalationReason, level: number) =>
  taken.some((t) => t.reason === reason && t.level >= level);

/** The overdue level after `overdueHours` business hours overdue: level 1 at the due time, +1 per period, at most 4. */
export function overdueLevel(overdueHours: number, policy: EscalationPolicy): number {
  if (overdueHours < 0) return 0;
  return Math.min(MAX_LEVEL, 1 + Math.floor(overdueHours / policy.overduePeriodHours));
}

/**
 * The steps due at `now` that are not yet taken. For a ladder, only the current level is returned: a sweep that runs
 * after a pause (a weekend without workers) goes straight to the level the elapsed time calls for instead of
 * notifying every level on the way at once.
 */
export function dueEscalations(
  record: EscalationSnapshot,
  now: Date,
  cal: BusinessCalendar,
  taken: readonly TakenStep[],
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): EscalationStep[] {
  const steps: EscalationStep[] = [];
  const open = !isSettled(record.status);

  // SPEC §4: crisis → executive notified at once.
  if (open && record.severity === 'CRISIS' && !hasTaken(taken, 'CRISIS', MAX_LEVEL)) {
    steps.push({ reason: 'CRISIS', level: MAX_LEVEL, audience: ['EXECUTIVES', 'SERVICE_MANAGERS'] });
  }

  // SPEC §4: responsible department decided within 4 (business) hours of registration, else a meeting/escalation.
  if (
    open &&
    record.responsibleDepartmentId === null &&
    record.triageDueAt &&
    now >= record.triageDueAt &&
    !hasTaken(taken, 'TRIAGE_OVERDUE', 1)
  ) {
    steps.push({ reason: 'TRIAGE_OVERDUE', level: 1, audience: ['SERVICE_MANAGERS', 'QUALITY_MANAGERS'] });
  }

  if (open && record.resolutionDueAt) {
    if (now < record.resolutionDueAt) {
      // Strictly before the due time and within the warning window (the window counts working time only).
      if (
        businessHoursBetween(now, record.resolutionDueAt, cal) <= policy.dueSoonHours &&
        !hasTaken(taken, 'DUE_SOON', 0)
      ) {
        steps.push({ reason: 'DUE_SOON', level: 0, audience: ['OWNER'] });
      }
    } else {
      const level = overdueLevel(businessHoursBetween(record.resolutionDueAt, now, cal), policy);
      if (!hasTaken(taken, 'RESOLUTION_OVERDUE', level)) {
        steps.push({ reason: 'RESOLUTION_OVERDUE', level, audience: RESOLUTION_LADDER[level as 1 | 2 | 3 | 4] });
      }
    }
  }

  // SPEC §4 every step has a due time: the step the open complaint waits on (investigation, plan, approval, …) past its
  // due time climbs the action ladder, owner → department head → quality, once per level.
  if (open && record.stepDueAt && now >= record.stepDueAt) {
    const level = Math.min(STEP_TOP, overdueLevel(businessHoursBetween(record.stepDueAt, now, cal), policy)) as
      1 | 2 | 3;
    if (!hasTaken(taken, 'STEP_OVERDUE', level))
      steps.push({ reason: 'STEP_OVERDUE', level, audience: ACTION_LADDER[level] });
  }

  // Callbacks escalate whatever the record's state: a resolved record still owes its customer the callback.
  const callbackDue = earliest([
    ...(record.status === 'RESOLVED' && record.callbackDueAt ? [record.callbackDueAt] : []),
    ...record.pendingCallbackDueAts,
  ]);
  if (callbackDue && now >= callbackDue) {
    const level = callbackOverdueLevel(callbackDue, now, cal, policy);
    if (!hasTaken(taken, 'CALLBACK_OVERDUE', level)) {
      steps.push({
        reason: 'CALLBACK_OVERDUE',
        level,
        audience: level === 1 ? ['CALLBACK_ASSIGNEES', 'OWNER'] : ['SERVICE_MANAGERS', 'CALLBACK_ASSIGNEES', 'OWNER'],
      });
    }
  }
  return steps;
}

/** Level 1 at the callback's due time — whoever owes the call; one period later level 2 — the service manager(s). */
function callbackOverdueLevel(dueAt: Date, now: Date, cal: BusinessCalendar, policy: EscalationPolicy): number {
  return Math.min(2, overdueLevel(businessHoursBetween(dueAt, now, cal), policy));
}

/** A callback task that follows up no complaint (key-account, periodic, survey follow-up): it escalates on its own. */
export type CallbackTaskSnapshot = { status: 'PENDING' | 'DONE' | 'CANCELLED'; dueAt: Date };

/**
 * CALLBACK_OVERDUE of such a task (SPEC §5 callbacks on schedule; §4 overdue items escalate), on the same clock as a
 * complaint's callback: level 1 to its assignee (the service managers when nobody is assigned), one overdue period
 * later level 2 to the service managers, the assignee kept informed. A task done or cancelled no longer escalates.
 */
export function dueCallbackTaskEscalations(
  task: CallbackTaskSnapshot,
  now: Date,
  cal: BusinessCalendar,
  taken: readonly TakenStep[],
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): EscalationStep[] {
  if (task.status !== 'PENDING' || now < task.dueAt) return [];
  const level = callbackOverdueLevel(task.dueAt, now, cal, policy);
  if (hasTaken(taken, 'CALLBACK_OVERDUE', level)) return [];
  return [
    {
      reason: 'CALLBACK_OVERDUE',
      level,
      audience: level === 1 ? ['CALLBACK_ASSIGNEES'] : ['SERVICE_MANAGERS', 'CALLBACK_ASSIGNEES'],
    },
  ];
}

function earliest(dates: readonly Date[]): Date | null {
  let first: Date | null = null;
  for (const d of dates) if (!first || d < first) first = d;
  return first;
}

/** A containment, corrective or preventive action of a complaint (ComplaintAction) as the sweep sees it. */
export type ActionSnapshot = { status: 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'VERIFIED' | 'CANCELLED'; dueAt: Date | null };

/**
 * ACTION_OVERDUE's ladder (SPEC §4: every step has a due time; overdue corrective actions escalate): level 1 at the due
 * time to the action's owner, one overdue period later level 2 to the head of the complaint's responsible department,
 * one more and level 3 to the quality managers — the owner kept informed at each level.
 */
export const ACTION_LADDER: Readonly<Record<1 | 2 | 3, readonly Audience[]>> = {
  1: ['OWNER'],
  2: ['DEPARTMENT_HEAD', 'OWNER'],
  3: ['QUALITY_MANAGERS', 'OWNER'],
};
const ACTION_TOP = 3;
/** STEP_OVERDUE climbs the same ladder (owner → department head → quality). */
const STEP_TOP = ACTION_TOP;

const actionOpen = (action: ActionSnapshot) => action.status === 'OPEN' || action.status === 'IN_PROGRESS';

/** The step of an open action's overdue ladder due at `now` and not yet taken (only the current level, as above). */
export function dueActionEscalations(
  action: ActionSnapshot,
  now: Date,
  cal: BusinessCalendar,
  taken: readonly TakenStep[],
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): EscalationStep[] {
  if (!actionOpen(action) || !action.dueAt || now < action.dueAt) return [];
  const level = Math.min(ACTION_TOP, overdueLevel(businessHoursBetween(action.dueAt, now, cal), policy)) as 1 | 2 | 3;
  if (hasTaken(taken, 'ACTION_OVERDUE', level)) return [];
  return [{ reason: 'ACTION_OVERDUE', level, audience: ACTION_LADDER[level] }];
}

/** When the action's next step falls due (ComplaintAction.nextEscalationAt); null when closed or at the top. */
export function nextActionEscalationAt(
  action: ActionSnapshot,
  cal: BusinessCalendar,
  taken: readonly TakenStep[],
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): Date | null {
  if (!actionOpen(action) || !action.dueAt) return null;
  return nextLadderTime(action.dueAt, levelReached(taken, 'ACTION_OVERDUE'), ACTION_TOP, cal, policy);
}

/** The highest level of `reason` already taken (0: none). */
function levelReached(taken: readonly TakenStep[], reason: EscalationReason): number {
  let reached = 0;
  for (const t of taken) if (t.reason === reason && t.level > reached) reached = t.level;
  return reached;
}

/** When the next level of an overdue ladder is due: level 1 at the due time, level n+1 n periods (business hours) later. */
function nextLadderTime(
  dueAt: Date,
  reached: number,
  top: number,
  cal: BusinessCalendar,
  policy: EscalationPolicy,
): Date | null {
  if (reached >= top) return null;
  return reached === 0 ? dueAt : addBusinessHours(dueAt, reached * policy.overduePeriodHours, cal);
}

function earliestOf(times: readonly (Date | null)[]): Date | null {
  return earliest(times.filter((t): t is Date => t !== null));
}

/**
 * When `dueEscalations` will next return a step for this record, if nothing about it changes: a time at or before
 * `now` when a step is due already (one that failed, say), null when no step can fall due until the record changes
 * (settled with no callback owed, every ladder at its top). The sweep stores it (Interaction.nextEscalationAt) and
 * reads only records whose time has come or that changed since, so an idle sweep reads nothing. `taken` must include
 * the steps this sweep has just taken.
 */
export function nextEscalationAt(
  record: EscalationSnapshot,
  now: Date,
  cal: BusinessCalendar,
  taken: readonly TakenStep[],
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): Date | null {
  const open = !isSettled(record.status);
  const times: (Date | null)[] = [];
  if (open && record.severity === 'CRISIS' && !hasTaken(taken, 'CRISIS', MAX_LEVEL)) times.push(now);
  if (open && record.responsibleDepartmentId === null && record.triageDueAt && !hasTaken(taken, 'TRIAGE_OVERDUE', 1))
    times.push(record.triageDueAt);
  if (open && record.resolutionDueAt) {
    const reached = levelReached(taken, 'RESOLUTION_OVERDUE');
    times.push(nextLadderTime(record.resolutionDueAt, reached, MAX_LEVEL, cal, policy));
    // DUE_SOON warns strictly before the due time; once it has passed, the overdue ladder takes over.
    if (now < record.resolutionDueAt && !hasTaken(taken, 'DUE_SOON', 0))
      times.push(businessHoursBefore(record.resolutionDueAt, policy.dueSoonHours, cal));
  }
  if (open && record.stepDueAt)
    times.push(nextLadderTime(record.stepDueAt, levelReached(taken, 'STEP_OVERDUE'), STEP_TOP, cal, policy));
  const callbackDue = earliest([
    ...(record.status === 'RESOLVED' && record.callbackDueAt ? [record.callbackDueAt] : []),
    ...record.pendingCallbackDueAts,
  ]);
  if (callbackDue) times.push(nextLadderTime(callbackDue, levelReached(taken, 'CALLBACK_OVERDUE'), 2, cal, policy));
  return earliestOf(times);
}

/** The same for a callback task that follows up no complaint (Callback.nextEscalationAt). */
export function nextCallbackTaskEscalationAt(
  task: CallbackTaskSnapshot,
  cal: BusinessCalendar,
  taken: readonly TakenStep[],
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): Date | null {
  if (task.status !== 'PENDING') return null;
  return nextLadderTime(task.dueAt, levelReached(taken, 'CALLBACK_OVERDUE'), 2, cal, policy);
}

export type People = {
  ownerId: string | null;
  departmentHeadId: string | null;
  callbackAssigneeIds: readonly string[];
  serviceManagerIds: readonly string[];
  executiveIds: readonly string[];
  qualityManagerIds: readonly string[];
};

/**
 * User ids to notify for a step, without duplicates. Nobody is left out because a seat is empty: a missing owner falls
 * back to the department head, a missing head to the service managers, missing executives to the service managers,
 * a callback nobody is assigned to to the owner (and so on up; a task without a complaint has no owner or head, so it
 * reaches the service managers).
 */
export function recipientsFor(step: EscalationStep, people: People): string[] {
  const out = new Set<string>();
  const serviceManagers = people.serviceManagerIds;
  const head = people.departmentHeadId ? [people.departmentHeadId] : serviceManagers;
  const owner = people.ownerId ? [people.ownerId] : head;
  for (const audience of step.audience) {
    const ids: readonly string[] = (() => {
      switch (audience) {
        case 'OWNER':
          return owner;
        case 'DEPARTMENT_HEAD':
          return head;
        case 'SERVICE_MANAGERS':
          return serviceManagers;
        case 'EXECUTIVES':
          return people.executiveIds.length ? people.executiveIds : serviceManagers;
        case 'QUALITY_MANAGERS':
          return people.qualityManagerIds;
        case 'CALLBACK_ASSIGNEES':
          return people.callbackAssigneeIds.length ? people.callbackAssigneeIds : owner;
      }
    })();
    for (const id of ids) out.add(id);
  }
  return [...out];
}

/** The level the record has reached once `step` is taken (DUE_SOON, level 0, raises nothing). */
export function raisedLevel(current: number, step: EscalationStep): number {
  return Math.max(current, step.level);
}
