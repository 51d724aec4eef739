import { zhFields } from '@/server/error-keys.testing';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@/server/errors';
import {
  calleeOf,
  doneSince,
  dueSoonUntil,
  isOverdue,
  mayManage,
  mayRecord,
  parseCreateCallbackInput,
  parseReassignCallbackInput,
  parseRecordCallbackInput,
  planRecord,
  scoreSummary,
  type CallbackActor,
} from './callback.rules';

const agent: CallbackActor = { role: 'SERVICE_AGENT', userId: 'agent' };
const otherAgent: CallbackActor = { role: 'SERVICE_AGENT', userId: 'other' };
const manager: CallbackActor = { role: 'SERVICE_MANAGER', userId: 'manager' };
const admin: CallbackActor = { role: 'ADMIN', userId: 'admin' };
const quality: CallbackActor = { role: 'QUALITY_MANAGER', userId: 'quality' };

/** The field messages of a BAD_USER_INPUT thrown by `run`. */
function fieldsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') return zhFields(error.fields);
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT');
}

const scored = { accuracyScore: 5, timelinessScore: 4, attitudeScore: 5 };

describe('who records and manages a callback task', () => {
  it('the assignee, anyone of the desk for an unassigned task, a service manager for any', () => {
    expect(mayRecord(agent, { assigneeId: 'agent' })).toBe(true);
    expect(mayRecord(otherAgent, { assigneeId: 'agent' })).toBe(false);
    expect(mayRecord(otherAgent, { assigneeId: null })).toBe(true);
    expect(mayRecord(manager, { assigneeId: 'agent' })).toBe(true);
  });

  it('not the administrator nor quality, though the administrator may reassign and cancel', () => {
    expect(mayRecord(admin, { assigneeId: null })).toBe(false);
    expect(mayRecord(quality, { assigneeId: 'quality' })).toBe(false);
    expect(mayManage(admin, { assigneeId: 'agent' })).toBe(true);
    expect(mayManage(otherAgent, { assigneeId: 'agent' })).toBe(false);
    expect(mayManage(agent, { assigneeId: 'agent' })).toBe(true);
  });
});

describe('the callback script', () => {
  it('requires the three scores 1–5 unless the customer was not reached', () => {
    expect(fieldsOf(() => parseRecordCallbackInput({ outcome: 'NO_PROBLEM' }))).toEqual({
      accuracyScore: '请评分（1–5 分）',
      timelinessScore: '请评分（1–5 分）',
      attitudeScore: '请评分（1–5 分）',
    });
    expect(fieldsOf(() => parseRecordCallbackInput({ outcome: 'NO_PROBLEM', ...scored, timelinessScore: 6 }))).toEqual({
      timelinessScore: '请评分（1–5 分）',
    });
    expect(fieldsOf(() => parseRecordCallbackInput({ outcome: 'NO_PROBLEM', ...scored, accuracyScore: 2.5 }))).toEqual({
      accuracyScore: '请评分（1–5 分）',
    });
    expect(parseRecordCallbackInput({ outcome: 'UNREACHABLE', notes: '  无人接听  ' })).toMatchObject({
      outcome: 'UNREACHABLE',
      notes: '无人接听',
    });
  });

  it('asks for the new complaint and for the reason to reopen', () => {
    expect(fieldsOf(() => parseRecordCallbackInput({ outcome: 'NEW_COMPLAINT', ...scored }))).toEqual({
      'newComplaint.subject': '必填',
      'newComplaint.description': '必填',
    });
    expect(
      fieldsOf(() =>
        parseRecordCallbackInput({
          outcome: 'NEW_COMPLAINT',
          ...scored,
          newComplaint: { subject: ' ', description: '包装破损' },
        }),
      ),
    ).toEqual({
      'newComplaint.subject': '必填',
    });
    expect(fieldsOf(() => parseRecordCallbackInput({ outcome: 'REOPENED', ...scored }))).toEqual({
      reopenReason: '请填写重新打开的原因',
    });
    // The dissatisfaction recorded is reason enough.
    expect(
      parseRecordCallbackInput({ outcome: 'REOPENED', ...scored, otherDissatisfaction: '更换后仍有划伤' }).outcome,
    ).toBe('REOPENED');
  });

  it('turns empty texts into nothing and refuses over-long ones', () => {
    expect(parseRecordCallbackInput({ outcome: 'NO_PROBLEM', ...scored, suggestions: '   ' }).suggestions).toBeNull();
    expect(
      fieldsOf(() => parseRecordCallbackInput({ outcome: 'NO_PROBLEM', ...scored, notes: 'x'.repeat(2001) })),
    ).toEqual({ notes: '不能超过 2000 个字符' });
  });

  it('sums the scores up for the history', () => {
    expect(scoreSummary(scored)).toEqual({
      key: 'callback.scores',
      params: { accuracy: 5, timeliness: 4, attitude: 5 },
    });
    expect(scoreSummary({ ...scored, timelinessScore: null })?.params).toMatchObject({ timeliness: '—' });
    expect(scoreSummary({ accuracyScore: null, timelinessScore: null, attitudeScore: null })).toBeNull();
  });
});

describe('planning and moving tasks', () => {
  it('creates only key-account and periodic callbacks', () => {
    const base = { customerId: '6f1c1b8e-8a9b-4c39-9d1e-0c7c2b2a1f00', dueAt: new Date('2026-12-10T02:00:00Z') };
    expect(parseCreateCallbackInput({ ...base, reason: 'PERIODIC' }).reason).toBe('PERIODIC');
    expect(Object.keys(fieldsOf(() => parseCreateCallbackInput({ ...base, reason: 'POST_RESOLUTION' })))).toEqual([
      'reason',
    ]);
    expect(fieldsOf(() => parseCreateCallbackInput({ ...base, customerId: 'x', reason: 'KEY_ACCOUNT' }))).toEqual({
      customerId: '请选择客户',
    });
  });

  it('a reassignment names someone or a new due time', () => {
    expect(fieldsOf(() => parseReassignCallbackInput({}))).toEqual({ assigneeId: '请选择新的负责人或回访期限' });
    expect(parseReassignCallbackInput({ dueAt: new Date('2026-12-10T02:00:00Z') }).dueAt).toEqual(
      new Date('2026-12-10T02:00:00Z'),
    );
  });
});

describe('what an outcome does', () => {
  const postResolution = {
    reason: 'POST_RESOLUTION' as const,
    complaintStatus: 'RESOLVED' as const,
    hasCustomer: true,
  };

  it('NO_PROBLEM completes a resolved complaint’s follow-up, and only a resolved one', () => {
    expect(planRecord(postResolution, 'NO_PROBLEM')).toEqual({
      ok: true,
      plan: { status: 'DONE', problemFound: false, workflow: 'COMPLETE_FOLLOW_UP', registerComplaint: false },
    });
    expect(planRecord({ ...postResolution, complaintStatus: 'CLOSED' }, 'NO_PROBLEM')).toMatchObject({
      ok: true,
      plan: { workflow: null },
    });
    expect(planRecord({ reason: 'PERIODIC', complaintStatus: null, hasCustomer: true }, 'NO_PROBLEM')).toMatchObject({
      ok: true,
      plan: { status: 'DONE', workflow: null },
    });
  });

  it('REOPENED reopens the followed-up complaint; without one there is nothing to reopen', () => {
    expect(planRecord(postResolution, 'REOPENED')).toEqual({
      ok: true,
      plan: { status: 'DONE', problemFound: true, workflow: 'REOPEN', registerComplaint: false },
    });
    expect(planRecord({ reason: 'KEY_ACCOUNT', complaintStatus: null, hasCustomer: true }, 'REOPENED')).toMatchObject({
      ok: false,
      field: 'outcome',
    });
  });

  it('NEW_COMPLAINT registers one and still completes the old complaint’s follow-up; it needs a customer file', () => {
    expect(planRecord(postResolution, 'NEW_COMPLAINT')).toEqual({
      ok: true,
      plan: { status: 'DONE', problemFound: true, workflow: 'COMPLETE_FOLLOW_UP', registerComplaint: true },
    });
    expect(planRecord({ reason: 'PERIODIC', complaintStatus: null, hasCustomer: true }, 'NEW_COMPLAINT')).toMatchObject(
      { ok: true, plan: { workflow: null, registerComplaint: true } },
    );
    expect(planRecord({ ...postResolution, hasCustomer: false }, 'NEW_COMPLAINT')).toMatchObject({
      ok: false,
      field: 'outcome',
    });
  });

  it('UNREACHABLE leaves the task pending and the complaint alone', () => {
    expect(planRecord(postResolution, 'UNREACHABLE')).toEqual({
      ok: true,
      plan: { status: 'PENDING', problemFound: false, workflow: null, registerComplaint: false },
    });
  });
});

describe('queue windows', () => {
  const now = new Date('2026-12-01T02:00:00Z');
  it('due soon = within 2 days, done = within 90 days, overdue = pending and past due', () => {
    expect(dueSoonUntil(now)).toEqual(new Date('2026-12-03T02:00:00Z'));
    expect(doneSince(now)).toEqual(new Date('2026-09-02T02:00:00Z'));
    expect(isOverdue({ status: 'PENDING', dueAt: new Date('2026-12-01T01:59:59Z') }, now)).toBe(true);
    expect(isOverdue({ status: 'PENDING', dueAt: now }, now)).toBe(false);
    expect(isOverdue({ status: 'DONE', dueAt: new Date('2026-11-01T00:00:00Z') }, now)).toBe(false);
  });
});

describe('whom a callback calls', () => {
  const customer = { name: '华东精密', contactPerson: '李四', phone: '021-1' };
  const primary = { name: '王总', phone: '021-2', mobile: '139', email: 'w@x.cn' };
  const complaint = { companyName: '华东精密（宁波）', contactName: '刘经理', contactPhone: '138', contactEmail: null };
  it('calls the complainant first, then the primary contact (mobile first), then the file’s contact person', () => {
    expect(calleeOf(complaint, customer, [primary])).toEqual({
      company: '华东精密（宁波）',
      name: '刘经理',
      phone: '138',
      email: null,
    });
    const anonymous = { ...complaint, contactName: null, contactPhone: null };
    expect(calleeOf(anonymous, customer, [primary])).toEqual({
      company: '华东精密（宁波）',
      name: '王总',
      phone: '139',
      email: 'w@x.cn',
    });
    expect(calleeOf(null, customer, [])).toEqual({ company: '华东精密', name: '李四', phone: '021-1', email: null });
    expect(calleeOf(null, null, [])).toBeNull();
  });
});
