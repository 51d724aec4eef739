import type { ComplaintStatus } from './complaint-workflow.rules';

/**
 * Every step of a complaint that waits on someone has a due time (SPEC §4, issue 14 item 1): counted in business hours
 * from the moment the step began, by the SLA rule of the complaint (each rule may set its own hours per step; the
 * defaults below stand where it does not). Triage keeps the rule's own `triageHours` and the callback its
 * `callbackDays`; the resolution target stays the clock of the whole complaint. Pure and client-safe.
 */
export const WAITING_STEPS = [
  'TRIAGE',
  'INVESTIGATION',
  'ACTION_PLAN',
  'APPROVAL',
  'IMPLEMENTATION',
  'VERIFICATION',
  'CUSTOMER_RESPONSE',
  'CLOSURE',
] as const;
export type WaitingStep = (typeof WAITING_STEPS)[number];

/** The steps whose hours an SLA rule sets per step (triage has the rule's `triageHours`). */
export const CONFIGURABLE_STEPS = WAITING_STEPS.filter((s) => s !== 'TRIAGE') as Exclude<WaitingStep, 'TRIAGE'>[];
export type ConfigurableStep = (typeof CONFIGURABLE_STEPS)[number];

/** Business hours per step when a rule does not say: a working day to plan or decide, a week to implement. */
export const DEFAULT_STEP_HOURS: Record<ConfigurableStep, number> = {
  INVESTIGATION: 16,
  ACTION_PLAN: 8,
  APPROVAL: 8,
  IMPLEMENTATION: 40,
  VERIFICATION: 16,
  CUSTOMER_RESPONSE: 40,
  CLOSURE: 8,
};
export const STEP_HOURS_LIMITS = { min: 1, max: 2000 } as const;

/** Who a step waits on: the desk (triage), the complaint's owner, the approvers (核决权限), quality or the customer. */
export type StepParty = 'SERVICE_DESK' | 'OWNER' | 'APPROVER' | 'QUALITY' | 'CUSTOMER';

const STEP_OF_STATUS: Partial<Record<ComplaintStatus, WaitingStep>> = {
  REGISTERED: 'TRIAGE',
  REOPENED: 'TRIAGE',
  TRIAGED: 'INVESTIGATION',
  INVESTIGATING: 'INVESTIGATION',
  ACTION_PLANNED: 'ACTION_PLAN',
  PENDING_APPROVAL: 'APPROVAL',
  IMPLEMENTING: 'IMPLEMENTATION',
  VERIFYING: 'VERIFICATION',
  RESOLVED: 'CUSTOMER_RESPONSE',
  FOLLOW_UP_DONE: 'CLOSURE',
};

export const PARTY_OF_STEP: Record<WaitingStep, StepParty> = {
  TRIAGE: 'SERVICE_DESK',
  INVESTIGATION: 'OWNER',
  ACTION_PLAN: 'OWNER',
  APPROVAL: 'APPROVER',
  IMPLEMENTATION: 'OWNER',
  VERIFICATION: 'QUALITY',
  CUSTOMER_RESPONSE: 'CUSTOMER',
  CLOSURE: 'QUALITY',
};

/** The step a complaint in this status waits on; none once closed or rejected. */
export const stepOf = (status: string): WaitingStep | null => STEP_OF_STATUS[status as ComplaintStatus] ?? null;

/** A rule's hours per step over the defaults; unknown keys and values out of range are ignored. */
export function stepHoursOf(stored: unknown): Record<ConfigurableStep, number> {
  const hours = { ...DEFAULT_STEP_HOURS };
  if (stored && typeof stored === 'object' && !Array.isArray(stored)) {
    for (const step of CONFIGURABLE_STEPS) {
      const value = (stored as Record<string, unknown>)[step];
      if (Number.isInteger(value) && Number(value) >= STEP_HOURS_LIMITS.min && Number(value) <= STEP_HOURS_LIMITS.max)
        hours[step] = Number(value);
    }
  }
  return hours;
}

/**
 * What a transition does to the step clock: a new step starts its own due time (`start` with its hours); staying in
 * the same step (TRIAGED → INVESTIGATING, a customer accepting) keeps it; leaving the last step clears it.
 */
export function stepTransition(
  from: string,
  to: string,
  hours: { triageHours: number; steps: Record<ConfigurableStep, number> },
): { kind: 'start'; step: WaitingStep; hours: number } | { kind: 'keep' } | { kind: 'clear' } {
  const next = stepOf(to);
  if (!next) return { kind: 'clear' };
  if (next === stepOf(from)) return { kind: 'keep' };
  return { kind: 'start', step: next, hours: next === 'TRIAGE' ? hours.triageHours : hours.steps[next] };
}

/** The step a record waits on now, for the workbench: the stored step due time, or at triage the triage due time. */
export function currentStepOf(record: {
  type: string;
  status: string;
  stepDueAt: Date | null;
  triageDueAt: Date | null;
}): { step: WaitingStep; dueAt: Date | null; waitsOn: StepParty } | null {
  if (record.type !== 'COMPLAINT') return null;
  const step = stepOf(record.status);
  if (!step) return null;
  const dueAt = record.stepDueAt ?? (step === 'TRIAGE' ? record.triageDueAt : null);
  return { step, dueAt, waitsOn: PARTY_OF_STEP[step] };
}
