import { describe, expect, it } from 'vitest';
import { recipientsOf, staffNoticesOf, type StepFacts } from './complaint-staff-notify.rules';
import { DEFAULT_AUTHORITY } from './complaint-workflow.rules';

const step = (facts: Partial<StepFacts>): StepFacts => ({
  command: 'TRIAGE',
  to: 'TRIAGED',
  number: 'TS-2026-000001',
  subject: '尺寸超差',
  severity: 'GENERAL',
  ownerId: null,
  responsibleDepartmentId: null,
  serviceContactId: 'agent',
  ...facts,
});
const plans = (facts: Partial<StepFacts>) =>
  staffNoticesOf(step(facts), DEFAULT_AUTHORITY).map((p) => ({ kind: p.kind, ...p.to }));

describe('who hears of a workflow step', () => {
  it('triage: the owner, else the department head; beyond authority also the service manager', () => {
    expect(plans({ ownerId: 'h', responsibleDepartmentId: 'd' })).toEqual([
      { kind: 'COMPLAINT_ASSIGNED', userIds: ['h'], roles: [], headOfDepartmentId: null },
    ]);
    expect(plans({ responsibleDepartmentId: 'd' })).toEqual([
      { kind: 'COMPLAINT_ASSIGNED', userIds: [], roles: [], headOfDepartmentId: 'd' },
    ]);
    expect(plans({ ownerId: 'h', escalated: true }).map((p) => [p.kind, p.roles])).toEqual([
      ['COMPLAINT_ASSIGNED', []],
      ['COMPLAINT_RAISED', ['SERVICE_MANAGER']],
    ]);
    expect(staffNoticesOf(step({ ownerId: 'h' }), DEFAULT_AUTHORITY)[0]!.message).toEqual({
      key: 'notice.COMPLAINT_ASSIGNED',
      params: { number: 'TS-2026-000001', subject: '尺寸超差' },
    });
    // A department without a named owner is asked to name one, in words of its own.
    expect(staffNoticesOf(step({ responsibleDepartmentId: 'd' }), DEFAULT_AUTHORITY)[0]!.message.key).toBe(
      'notice.COMPLAINT_ASSIGNED_DEPARTMENT',
    );
  });

  it('approval goes to the 核决权限 roles of the severity; the answer to the owner', () => {
    expect(plans({ command: 'SUBMIT_FOR_APPROVAL', severity: 'CRISIS' })[0]!.roles).toEqual(['EXECUTIVE']);
    expect(plans({ command: 'SUBMIT_FOR_APPROVAL', severity: 'MAJOR' })[0]!.roles).toEqual([
      'QUALITY_MANAGER',
      'EXECUTIVE',
    ]);
    expect(plans({ command: 'APPROVE', ownerId: 'h' })).toEqual([
      { kind: 'PLAN_APPROVED', userIds: ['h'], roles: [], headOfDepartmentId: null },
    ]);
    expect(plans({ command: 'REJECT_PLAN', ownerId: 'h' })[0]!.kind).toBe('PLAN_REJECTED');
  });

  it('verification, the callback, a dispute; quiet steps stay quiet', () => {
    expect(plans({ command: 'COMPLETE_IMPLEMENTATION' })[0]!.roles).toEqual(['QUALITY_MANAGER']);
    expect(plans({ command: 'VERIFY', to: 'RESOLVED' })).toEqual([
      { kind: 'CALLBACK_CREATED', userIds: ['agent'], roles: [], headOfDepartmentId: null },
    ]);
    expect(plans({ command: 'VERIFY', to: 'INVESTIGATING', ownerId: 'h' })[0]).toMatchObject({
      kind: 'VERIFICATION_FAILED',
      userIds: ['h'],
    });
    expect(plans({ command: 'CUSTOMER_FEEDBACK', accepted: false, ownerId: 'h' })[0]).toMatchObject({
      kind: 'CUSTOMER_DISPUTED',
      userIds: ['h', 'agent'],
    });
    expect(plans({ command: 'CUSTOMER_FEEDBACK', accepted: true })).toEqual([]);
    expect(plans({ command: 'START_INVESTIGATION' })).toEqual([]);
    expect(plans({ command: 'CLOSE' })).toEqual([]);
  });

  it('reaches each user once and never the actor', () => {
    expect(
      recipientsOf(
        { userIds: ['a', null, 'b'], roles: [], headOfDepartmentId: null },
        { roleHolders: ['b', 'c'], head: 'a' },
        'c',
      ),
    ).toEqual(['a', 'b']);
  });
});
