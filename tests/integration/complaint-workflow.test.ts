import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { recordCallback } from '@/graphql/callbacks/callback.service';
import { runCommand } from '@/graphql/complaints/complaint.service';
import { addComplaintAction, saveEightD, updateComplaintAction } from '@/graphql/complaints/complaint-work.service';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';

let agent: Viewer;
let quality: Viewer;
let handler: Viewer;
let otherHandler: Viewer;
let executive: Viewer;
let customerViewer: Viewer;
let strangerViewer: Viewer;
let departmentId: string;
let handlerId: string;
let customerId: string;
let n = 0;

async function newComplaint(createdAt = new Date('2026-11-23T02:00:00Z')) {
  n += 1;
  return prisma.interaction.create({
    data: {
      number: `TS-WF-${n}`,
      type: 'COMPLAINT',
      channel: 'PORTAL',
      subject: '批次不良',
      description: '来料尺寸超差',
      customerId,
      createdAt,
    },
  });
}

describe('complaint workflow service', () => {
  beforeAll(async () => {
    const dept = await prisma.department.create({ data: { code: 'PROD', name: '生产部' } });
    departmentId = dept.id;
    const other = await prisma.department.create({ data: { code: 'SALES', name: '销售部' } });
    agent = (await createStaff('SERVICE_AGENT')).viewer;
    quality = (await createStaff('QUALITY_MANAGER')).viewer;
    executive = (await createStaff('EXECUTIVE')).viewer;
    const h = await createStaff('DEPARTMENT_HANDLER', { departmentId });
    handler = h.viewer;
    handlerId = h.user.id;
    otherHandler = (await createStaff('DEPARTMENT_HANDLER', { departmentId: other.id })).viewer;
    customerId = (await createCustomerRecord()).id;
    customerViewer = (await createCustomerUser(customerId)).viewer;
    strangerViewer = (await createCustomerUser((await createCustomerRecord()).id)).viewer;
    await prisma.slaRule.create({
      data: { interactionType: 'COMPLAINT', severity: 'GENERAL', triageHours: 4, resolutionHours: 40, callbackDays: 7 },
    });
  });

  it('drives a general complaint to a verified closure, with due times, a 7-day callback, approvals and a chained history', async () => {
    let c = await newComplaint();
    c = await runCommand(agent, c.id, c.version, {
      type: 'TRIAGE',
      severity: 'GENERAL',
      causeClass: 'QUALITY',
      triageResult: 'WITHIN_AUTHORITY',
      responsibleDepartmentId: departmentId,
      ownerId: handlerId,
    });
    // Registered Mon 2026-11-23 10:00 Shanghai + 40 business hours (9 h/day) → Fri 2026-11-27 14:00 Shanghai.
    expect(c.resolutionDueAt?.toISOString()).toBe('2026-11-27T06:00:00.000Z');
    c = await runCommand(handler, c.id, c.version, { type: 'START_INVESTIGATION' });
    const actionDue = new Date('2026-11-27T09:59:59Z');
    const action = await addComplaintAction(handler, c.id, {
      kind: 'CORRECTIVE',
      description: '更换模具并首件确认',
      ownerId: handlerId,
      dueAt: actionDue,
    });
    c = await runCommand(handler, c.id, c.version, { type: 'PLAN_ACTIONS' });
    c = await runCommand(handler, c.id, c.version, { type: 'START_IMPLEMENTATION' });
    await expect(runCommand(handler, c.id, c.version, { type: 'COMPLETE_IMPLEMENTATION' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await updateComplaintAction(handler, action.id, action.version, {
      kind: 'CORRECTIVE',
      description: action.description,
      ownerId: handlerId,
      dueAt: actionDue,
      status: 'DONE',
    });
    c = await runCommand(handler, c.id, c.version, { type: 'COMPLETE_IMPLEMENTATION' });
    const resolvedAt = new Date('2026-11-25T03:00:00Z');
    c = await runCommand(
      quality,
      c.id,
      c.version,
      { type: 'VERIFY', effective: true },
      { warrantyOutcome: 'REPLACE' },
      resolvedAt,
    );
    expect(c).toMatchObject({ status: 'RESOLVED', warrantyOutcome: 'REPLACE' });
    const callback = await prisma.callback.findFirstOrThrow({ where: { interactionId: c.id } });
    expect(callback).toMatchObject({ reason: 'POST_RESOLUTION', status: 'PENDING' });
    expect(callback.dueAt.toISOString()).toBe('2026-12-02T03:00:00.000Z');
    c = await runCommand(customerViewer, c.id, c.version, {
      type: 'CUSTOMER_FEEDBACK',
      accepted: true,
      comment: '满意',
    });
    expect(c).toMatchObject({ customerFeedback: 'ACCEPTED', customerFeedbackComment: '满意' });
    // SPEC §4: follow-up done is the callback — recording it takes the step; the step alone is refused until then.
    await expect(runCommand(agent, c.id, c.version, { type: 'COMPLETE_FOLLOW_UP' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      key: 'workflow.callbackPending',
    });
    await recordCallback(agent, callback.id, callback.version, {
      outcome: 'NO_PROBLEM',
      accuracyScore: 5,
      timelinessScore: 5,
      attitudeScore: 5,
    });
    c = await prisma.interaction.findUniqueOrThrow({ where: { id: c.id } });
    c = await runCommand(quality, c.id, c.version, { type: 'CLOSE' });
    expect(c.status).toBe('CLOSED');
    expect(c.closedAt).not.toBeNull();
    expect(await prisma.approval.count({ where: { interactionId: c.id, stage: 'CLOSURE' } })).toBe(1);
    expect(await transitionChain(c.id)).toEqual([
      'REGISTERED→TRIAGED',
      'TRIAGED→INVESTIGATING',
      'INVESTIGATING→ACTION_PLANNED',
      'ACTION_PLANNED→IMPLEMENTING',
      'IMPLEMENTING→VERIFYING',
      'VERIFYING→RESOLVED',
      'RESOLVED→RESOLVED', // the customer's acceptance is recorded, the state stays
      'RESOLVED→FOLLOW_UP_DONE',
      'FOLLOW_UP_DONE→CLOSED',
    ]);
  });

  it('refuses a step by a role without authority, or out of order, and changes nothing', async () => {
    const c = await newComplaint();
    const before = await prisma.historyEntry.count({ where: { entityId: c.id } });
    await expect(
      runCommand(executive, c.id, c.version, {
        type: 'TRIAGE',
        severity: 'GENERAL',
        causeClass: 'QUALITY',
        triageResult: 'WITHIN_AUTHORITY',
        responsibleDepartmentId: departmentId,
        ownerId: null,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A department handler does not see an unassigned complaint at all.
    await expect(runCommand(handler, c.id, c.version, { type: 'DECLINE', reason: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(runCommand(quality, c.id, c.version, { type: 'CLOSE' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      runCommand({ kind: 'apiClient', apiKeyId: 'k', name: 'erp', scopes: ['interactions:write'] }, c.id, c.version, {
        type: 'DECLINE',
        reason: 'x',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const triaged = await runCommand(agent, c.id, c.version, {
      type: 'TRIAGE',
      severity: 'GENERAL',
      causeClass: 'QUALITY',
      triageResult: 'WITHIN_AUTHORITY',
      responsibleDepartmentId: departmentId,
      ownerId: handlerId,
    });
    // Another department's handler cannot even see it.
    await expect(
      runCommand(otherHandler, triaged.id, triaged.version, { type: 'START_INVESTIGATION' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const after = await prisma.interaction.findUniqueOrThrow({ where: { id: c.id } });
    expect(after).toMatchObject({ status: 'TRIAGED', version: 2 });
    expect(await prisma.historyEntry.count({ where: { entityId: c.id } })).toBe(before + 1);
  });

  it('a major complaint needs its 8D record before planning, and the approval of the authority', async () => {
    let c = await newComplaint();
    c = await runCommand(agent, c.id, c.version, {
      type: 'TRIAGE',
      severity: 'MAJOR',
      causeClass: 'QUALITY',
      triageResult: 'BEYOND_AUTHORITY',
      responsibleDepartmentId: departmentId,
      ownerId: handlerId,
    });
    expect(c.escalationLevel).toBe(1); // beyond the department's authority → escalated
    c = await runCommand(handler, c.id, c.version, { type: 'START_INVESTIGATION' });
    await addComplaintAction(handler, c.id, {
      kind: 'CORRECTIVE',
      description: '增加出货全检',
      ownerId: handlerId,
      dueAt: new Date('2026-12-31T09:59:59Z'),
    });
    await expect(runCommand(handler, c.id, c.version, { type: 'PLAN_ACTIONS' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    const draft = await saveEightD(handler, c.id, null, { d1Team: ['赵生产', '李品质'], d2Problem: '尺寸超差' });
    await expect(saveEightD(handler, c.id, null, { d2Problem: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await saveEightD(handler, c.id, draft.version, {
      d3Containment: '隔离库存 2,000 件',
      d4RootCauseOccurrence: '模具磨损',
      d4RootCauseOutflow: '抽检频次不足',
      d5CorrectiveActions: '更换模具',
      d6Verification: '连续三批合格',
      d7Prevention: '更新 PFMEA 与控制计划',
      fmeaUpdated: true,
    });
    c = await runCommand(handler, c.id, c.version, { type: 'PLAN_ACTIONS' });
    c = await runCommand(handler, c.id, c.version, { type: 'SUBMIT_FOR_APPROVAL' });
    await expect(runCommand(agent, c.id, c.version, { type: 'APPROVE' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    c = await runCommand(executive, c.id, c.version, { type: 'APPROVE', comment: '同意' });
    expect(c.status).toBe('IMPLEMENTING');
    expect(
      await prisma.approval.findMany({
        where: { interactionId: c.id },
        select: { stage: true, decision: true, comment: true },
      }),
    ).toEqual([{ stage: 'DISPOSITION', decision: 'APPROVED', comment: '同意' }]);
  });

  it('a customer disputes the resolution: it reopens and the callback task is cancelled; another customer cannot see it', async () => {
    const c = await newComplaint();
    await prisma.interaction.update({
      where: { id: c.id },
      data: {
        status: 'RESOLVED',
        resolvedAt: new Date(),
        ownerId: handlerId,
        responsibleDepartmentId: departmentId,
        severity: 'GENERAL',
      },
    });
    await prisma.callback.create({
      data: { interactionId: c.id, customerId, reason: 'POST_RESOLUTION', dueAt: new Date() },
    });
    await expect(
      runCommand(strangerViewer, c.id, c.version, { type: 'CUSTOMER_FEEDBACK', accepted: false, comment: '不是我的' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const reopened = await runCommand(customerViewer, c.id, c.version, {
      type: 'CUSTOMER_FEEDBACK',
      accepted: false,
      comment: '问题仍在',
    });
    expect(reopened).toMatchObject({ status: 'REOPENED', customerFeedback: 'DISPUTED', resolvedAt: null });
    expect(await prisma.callback.findFirstOrThrow({ where: { interactionId: c.id } })).toMatchObject({
      status: 'CANCELLED',
    });
    const entry = await prisma.historyEntry.findFirstOrThrow({
      where: { entityId: c.id, action: 'CUSTOMER_FEEDBACK' },
    });
    expect(entry).toMatchObject({
      visibleToCustomer: true,
      comment: '问题仍在',
      fromState: 'RESOLVED',
      toState: 'REOPENED',
    });
  });

  it('N parallel commands on one version: exactly one wins, one history row', async () => {
    const c = await newComplaint();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        runCommand(agent, c.id, c.version, {
          type: 'TRIAGE',
          severity: 'GENERAL',
          causeClass: 'NON_QUALITY',
          triageResult: 'WITHIN_AUTHORITY',
          responsibleDepartmentId: departmentId,
          ownerId: null,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT' });
    expect(await prisma.historyEntry.count({ where: { entityId: c.id, action: 'TRIAGE' } })).toBe(1);
  });
});

/** The workflow transitions of a record, from its history, checked to form one chain. */
async function transitionChain(id: string): Promise<string[]> {
  const rows = await prisma.historyEntry.findMany({
    where: {
      entityId: id,
      action: {
        in: [
          'TRIAGE',
          'START_INVESTIGATION',
          'PLAN_ACTIONS',
          'START_IMPLEMENTATION',
          'COMPLETE_IMPLEMENTATION',
          'VERIFY',
          'CUSTOMER_FEEDBACK',
          'COMPLETE_FOLLOW_UP',
          'CLOSE',
        ],
      },
    },
    orderBy: { createdAt: 'asc' },
  });
  rows.forEach((row, i) => expect(row.fromState).toBe(i === 0 ? 'REGISTERED' : rows[i - 1]!.toState));
  return rows.map((r) => `${r.fromState}→${r.toState}`);
}
