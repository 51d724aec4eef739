import { describe, expect, it } from 'vitest';
import { DEFAULT_STEP_HOURS, PARTY_OF_STEP, stepHoursOf, stepOf, stepTransition } from './complaint-steps.rules';

const hours = { triageHours: 4, steps: { ...DEFAULT_STEP_HOURS, APPROVAL: 2 } };

describe('complaint step clock', () => {
  it('names the step each open status waits on, and none once closed or rejected', () => {
    expect(stepOf('REGISTERED')).toBe('TRIAGE');
    expect(stepOf('PENDING_APPROVAL')).toBe('APPROVAL');
    expect(stepOf('FOLLOW_UP_DONE')).toBe('CLOSURE');
    expect(stepOf('CLOSED')).toBeNull();
    expect(stepOf('REJECTED')).toBeNull();
    expect(PARTY_OF_STEP[stepOf('VERIFYING')!]).toBe('QUALITY');
    expect(PARTY_OF_STEP[stepOf('RESOLVED')!]).toBe('CUSTOMER');
  });

  it('starts a new step with its own hours, keeps the clock within a step, clears it at the end', () => {
    expect(stepTransition('ACTION_PLANNED', 'PENDING_APPROVAL', hours)).toEqual({
      kind: 'start',
      step: 'APPROVAL',
      hours: 2,
    });
    expect(stepTransition('TRIAGED', 'INVESTIGATING', hours)).toEqual({ kind: 'keep' });
    expect(stepTransition('RESOLVED', 'RESOLVED', hours)).toEqual({ kind: 'keep' });
    // A rejected plan or an ineffective fix sends the complaint back: the investigation starts again.
    expect(stepTransition('PENDING_APPROVAL', 'INVESTIGATING', hours)).toEqual({
      kind: 'start',
      step: 'INVESTIGATION',
      hours: 16,
    });
    // Reopening starts a new triage on the rule's triage hours.
    expect(stepTransition('RESOLVED', 'REOPENED', hours)).toEqual({ kind: 'start', step: 'TRIAGE', hours: 4 });
    expect(stepTransition('FOLLOW_UP_DONE', 'CLOSED', hours)).toEqual({ kind: 'clear' });
  });

  it('reads a rule’s stored hours over the defaults, ignoring what is not a whole number in range', () => {
    expect(stepHoursOf(null)).toEqual(DEFAULT_STEP_HOURS);
    expect(stepHoursOf({ APPROVAL: 4, CLOSURE: 0, VERIFICATION: 2.5, IMPLEMENTATION: '8', TRIAGE: 1 })).toEqual({
      ...DEFAULT_STEP_HOURS,
      APPROVAL: 4,
    });
  });
});
