import { beforeAll, describe, expect, it } from 'vitest';
import type { Callback, Interaction } from '@/generated/prisma/client';
import {
  callbackQueueCounts,
  cancelCallback,
  createCallback,
  listCallbacks,
  reassignCallback,
  recordCallback,
} from '@/graphql/callbacks/callback.service';
import { commandOptions, runCommand } from '@/graphql/complaints/complaint.service';
import { NUMBER_PATTERN } from '@/graphql/interactions/interaction.rules';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { zhMessage } from '../helpers/activity';
import { gqlOk } from '../helpers/graphql';

// SPEC §5: callback tasks and the callback script, through the service with a controllable clock.
const sh = (local: string) => new Date(`${local}+08:00`); // Asia/Shanghai
const NOW = sh('2026-11-25T10:00:00');
const scores = { accuracyScore: 5, timelinessScore: 4, attitudeScore: 5 };

let agent: Viewer & { kind: 'staff' };
let otherAgent: Viewer & { kind: 'staff' };
let manager: Viewer & { kind: 'staff' };
let quality: Viewer & { kind: 'staff' };
let admin: Viewer & { kind: 'staff' };
let customerViewer: Viewer;
let handlerId: string;
let departmentId: string;
let customerId: string;
let n = 0;

beforeAll(async () => {
  departmentId = (await prisma.department.create({ data: { code: 'PROD-CB', name: '生产部' } })).id;
  const staff = async (role: Parameters<typeof createStaff>[0]) =>
    (await createStaff(role)).viewer as Viewer & { kind: 'staff' };
  agent = await staff('SERVICE_AGENT');
  otherAgent = await staff('SERVICE_AGENT');
  manager = await staff('SERVICE_MANAGER');
  quality = await staff('QUALITY_MANAGER');
  admin = await staff('ADMIN');
  handlerId = (await createStaff('DEPARTMENT_HANDLER', { departmentId })).user.id;
  customerId = (await createCustomerRecord({ name: '华东精密汽配有限公司' })).id;
  customerViewer = (await createCustomerUser(customerId)).viewer;
  await prisma.slaRule.create({
    data: { interactionType: 'COMPLAINT', severity: 'GENERAL', triageHours: 4, resolutionHours: 40, callbackDays: 7 },
  });
});

/** A complaint resolved through the workflow (VERIFY): the service creates its post-resolution callback for the agent who registered it. */
async function resolvedComplaint(
  registeredBy: string | null = agent.userId,
): Promise<{ complaint: Interaction; task: Callback }> {
  n += 1;
  const verifying = await prisma.interaction.create({
    data: {
      // Not of the intake's TS-<year>-<n> form: the intake's own numbers (a year's sequence starts after the highest
      // one issued) must never meet these.
      number: `TS-CB-${n}`,
      type: 'COMPLAINT',
      channel: 'PHONE',
      status: 'VERIFYING',
      severity: 'GENERAL',
      customerId,
      contactName: '刘经理',
      contactPhone: '13800000001',
      subject: `来料表面划伤 ${n}`,
      description: '两批货表面划伤比例约 3%',
      responsibleDepartmentId: departmentId,
      ownerId: handlerId,
      registeredById: registeredBy,
    },
  });
  const complaint = await runCommand(
    quality,
    verifying.id,
    verifying.version,
    { type: 'VERIFY', effective: true },
    {},
    sh('2026-11-24T09:00:00'),
  );
  const task = await prisma.callback.findFirstOrThrow({ where: { interactionId: complaint.id, status: 'PENDING' } });
  return { complaint, task };
}

const periodic = (dueAt = sh('2026-11-28T10:00:00'), by: Viewer = agent, extra: Record<string, unknown> = {}) =>
  createCallback(by, { customerId, reason: 'PERIODIC', dueAt, ...extra }, NOW);

const historyOf = (entityId: string) =>
  prisma.historyEntry.findMany({ where: { entityId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
const complaintOf = (id: string) => prisma.interaction.findUniqueOrThrow({ where: { id } });

describe('recording a post-resolution callback', () => {
  it('NO_PROBLEM: the task is done with its script, the complaint is followed up in the same step, and quality can close it', async () => {
    const { complaint, task } = await resolvedComplaint();
    expect(task).toMatchObject({ reason: 'POST_RESOLUTION', assigneeId: agent.userId, customerId });

    // SPEC §4: follow-up done = the callback. The step itself waits for it, and says why.
    await expect(
      runCommand(agent, complaint.id, complaint.version, { type: 'COMPLETE_FOLLOW_UP' }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', key: 'workflow.callbackPending' });
    const options = await commandOptions(agent, complaint);
    expect(options.available).not.toContain('COMPLETE_FOLLOW_UP');
    expect(options.blocked).toEqual([
      {
        command: 'COMPLETE_FOLLOW_UP',
        key: 'workflow.callbackPending',
        params: null,
        reason: 'Record the callback result first.',
      },
    ]);

    const done = await recordCallback(
      agent,
      task.id,
      task.version,
      { outcome: 'NO_PROBLEM', ...scores, suggestions: '希望提供月度质量报告', notes: '刘经理确认已无划伤' },
      NOW,
    );
    expect(done).toMatchObject({
      status: 'DONE',
      outcome: 'NO_PROBLEM',
      problemFound: false,
      completedById: agent.userId,
      completedAt: NOW,
      accuracyScore: 5,
      timelinessScore: 4,
      attitudeScore: 5,
      suggestions: '希望提供月度质量报告',
      notes: '刘经理确认已无划伤',
      version: task.version + 1,
    });
    const followedUp = await complaintOf(complaint.id);
    expect(followedUp).toMatchObject({ status: 'FOLLOW_UP_DONE', version: complaint.version + 1 });

    expect((await historyOf(task.id)).map((h) => [h.action, h.fromState, h.toState])).toEqual([
      ['CREATE', null, 'PENDING'],
      ['RECORD', 'PENDING', 'DONE'],
    ]);
    const [record] = (await historyOf(task.id)).slice(1);
    expect(record).toMatchObject({
      actorId: agent.userId,
      comment: '刘经理确认已无划伤',
    });
    expect(zhMessage(record!)).toBe('准确性 5 · 及时性 4 · 服务态度 5');
    const onComplaint = await prisma.historyEntry.findMany({
      where: { entityId: complaint.id, action: { in: ['CALLBACK_RECORDED', 'COMPLETE_FOLLOW_UP'] } },
    });
    expect(onComplaint.map((h) => [h.action, h.visibleToCustomer]).sort()).toEqual([
      ['CALLBACK_RECORDED', true],
      ['COMPLETE_FOLLOW_UP', true],
    ]);
    expect(zhMessage(onComplaint.find((h) => h.action === 'CALLBACK_RECORDED')!)).toBe('回访已完成');
    expect(onComplaint.find((h) => h.action === 'COMPLETE_FOLLOW_UP')).toMatchObject({
      fromState: 'RESOLVED',
      toState: 'FOLLOW_UP_DONE',
    });

    const closed = await runCommand(quality, complaint.id, followedUp.version, { type: 'CLOSE' });
    expect(closed.status).toBe('CLOSED');
  });

  it('REOPENED: the task is done with a problem found, the complaint reopens with the reason as written', async () => {
    const { complaint, task } = await resolvedComplaint();
    const done = await recordCallback(
      agent,
      task.id,
      task.version,
      {
        outcome: 'REOPENED',
        accuracyScore: 2,
        timelinessScore: 3,
        attitudeScore: 4,
        otherDissatisfaction: '更换后的批次仍有划伤',
      },
      NOW,
    );
    expect(done).toMatchObject({
      status: 'DONE',
      outcome: 'REOPENED',
      problemFound: true,
      otherDissatisfaction: '更换后的批次仍有划伤',
    });
    const reopened = await complaintOf(complaint.id);
    expect(reopened).toMatchObject({ status: 'REOPENED', resolvedAt: null });
    const reopen = await prisma.historyEntry.findFirstOrThrow({ where: { entityId: complaint.id, action: 'REOPEN' } });
    // The comment is what the agent wrote, and only that; that the callback found the problem is the system's line,
    // stored as a key (README: comment keeps only what a person wrote).
    expect(reopen).toMatchObject({
      fromState: 'RESOLVED',
      toState: 'REOPENED',
      comment: '更换后的批次仍有划伤',
      messageKey: 'complaint.reopenedByCallback',
      actorId: agent.userId,
      visibleToCustomer: true,
    });
    expect(zhMessage(reopen)).toBe('回访发现问题，重新打开');
    // Its own task was done first, so reopening cancelled nothing.
    expect(await prisma.callback.count({ where: { interactionId: complaint.id, status: 'CANCELLED' } })).toBe(0);
  });

  it('REOPENED with its own reason, which wins over the dissatisfaction', async () => {
    const { complaint, task } = await resolvedComplaint();
    await recordCallback(
      agent,
      task.id,
      task.version,
      { outcome: 'REOPENED', ...scores, otherDissatisfaction: '交期偏长', reopenReason: '8D 报告未收到' },
      NOW,
    );
    expect(
      await prisma.historyEntry.findFirstOrThrow({ where: { entityId: complaint.id, action: 'REOPEN' } }),
    ).toMatchObject({ comment: '8D 报告未收到', messageKey: 'complaint.reopenedByCallback', messageParams: null });
  });

  it('NEW_COMPLAINT: a new complaint is registered by the viewer (phone, numbered like all intake, linked), and the old one is followed up', async () => {
    const { complaint, task } = await resolvedComplaint();
    const done = await recordCallback(
      manager,
      task.id,
      task.version,
      {
        outcome: 'NEW_COMPLAINT',
        ...scores,
        newComplaint: { subject: '包装箱破损', description: '最近一批到货包装箱破损 5 箱' },
      },
      NOW,
    );
    expect(done).toMatchObject({
      status: 'DONE',
      outcome: 'NEW_COMPLAINT',
      problemFound: true,
      completedById: manager.userId,
    });
    const created = await complaintOf(done.resultingInteractionId!);
    expect(created).toMatchObject({
      type: 'COMPLAINT',
      channel: 'PHONE',
      status: 'REGISTERED',
      customerId,
      companyName: '华东精密汽配有限公司',
      contactName: '刘经理',
      contactPhone: '13800000001',
      subject: '包装箱破损',
      registeredById: manager.userId,
      sourceInteractionId: complaint.id,
      createdAt: NOW,
    });
    expect(created.number).toMatch(NUMBER_PATTERN);
    expect(created.number.startsWith('TS-2026-')).toBe(true);
    expect(created.triageDueAt).not.toBeNull(); // the intake clock runs
    const [received] = await historyOf(created.id);
    expect(received).toMatchObject({ action: 'CREATE', visibleToCustomer: true });
    expect(zhMessage(received!)).toBe(`已受理（回访 ${complaint.number} 时发现的新问题）`);
    expect((await complaintOf(complaint.id)).status).toBe('FOLLOW_UP_DONE');
    const note = await prisma.historyEntry.findFirstOrThrow({
      where: { entityId: complaint.id, action: 'CALLBACK_RECORDED' },
    });
    expect(zhMessage(note)).toBe(`回访已完成，新问题已登记为 ${created.number}`);
  });

  it('UNREACHABLE: the task stays pending, the attempt is in the history; a later call records it', async () => {
    const { complaint, task } = await resolvedComplaint();
    const attempt = await recordCallback(
      agent,
      task.id,
      task.version,
      { outcome: 'UNREACHABLE', notes: '两次拨打无人接听' },
      NOW,
    );
    expect(attempt).toMatchObject({
      status: 'PENDING',
      outcome: 'UNREACHABLE',
      completedAt: null,
      accuracyScore: null,
      version: task.version + 1,
    });
    expect((await complaintOf(complaint.id)).status).toBe('RESOLVED');
    expect((await historyOf(task.id)).at(-1)).toMatchObject({
      action: 'UNREACHABLE',
      fromState: 'PENDING',
      toState: 'PENDING',
      comment: '两次拨打无人接听',
    });
    expect(
      await prisma.historyEntry.findFirstOrThrow({ where: { entityId: complaint.id, action: 'CALLBACK_UNREACHABLE' } }),
    ).toMatchObject({ visibleToCustomer: false });

    const done = await recordCallback(agent, task.id, attempt.version, { outcome: 'NO_PROBLEM', ...scores }, NOW);
    expect(done.status).toBe('DONE');
    expect((await complaintOf(complaint.id)).status).toBe('FOLLOW_UP_DONE');
  });

  it('refuses an incomplete script with field messages and changes nothing', async () => {
    const { complaint, task } = await resolvedComplaint();
    await expect(
      recordCallback(agent, task.id, task.version, { outcome: 'NO_PROBLEM', accuracyScore: 5 }, NOW),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { timelinessScore: { key: 'callback.scoreRequired' }, attitudeScore: { key: 'callback.scoreRequired' } },
    });
    await expect(
      recordCallback(agent, task.id, task.version, { outcome: 'NEW_COMPLAINT', ...scores }, NOW),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'newComplaint.subject': { key: 'validation.required' } },
    });
    expect(await prisma.callback.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: 'PENDING',
      version: task.version,
    });
    expect((await complaintOf(complaint.id)).version).toBe(complaint.version);
    expect(await historyOf(task.id)).toHaveLength(1);
  });
});

describe('callbacks without a complaint', () => {
  it('a periodic callback: NO_PROBLEM just completes it; REOPENED is refused on the outcome field', async () => {
    const task = await periodic();
    expect(task).toMatchObject({
      reason: 'PERIODIC',
      status: 'PENDING',
      assigneeId: agent.userId,
      interactionId: null,
    });
    await expect(
      recordCallback(agent, task.id, task.version, { outcome: 'REOPENED', ...scores, reopenReason: 'x' }, NOW),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { outcome: { key: 'callback.reopenOnlyAfterResolution' } },
    });
    const done = await recordCallback(agent, task.id, task.version, { outcome: 'NO_PROBLEM', ...scores }, NOW);
    expect(done).toMatchObject({ status: 'DONE', outcome: 'NO_PROBLEM' });
  });

  it('a key-account callback that finds a new problem registers a complaint without a source', async () => {
    const task = await createCallback(
      agent,
      { customerId, reason: 'KEY_ACCOUNT', dueAt: sh('2026-11-30T10:00:00'), notes: '季度回访' },
      NOW,
    );
    const done = await recordCallback(
      agent,
      task.id,
      task.version,
      { outcome: 'NEW_COMPLAINT', ...scores, newComplaint: { subject: '交期延误', description: '11 月订单延误 3 天' } },
      NOW,
    );
    const created = await complaintOf(done.resultingInteractionId!);
    expect(created).toMatchObject({
      type: 'COMPLAINT',
      channel: 'PHONE',
      sourceInteractionId: null,
      registeredById: agent.userId,
      subject: '交期延误',
    });
    expect(done.notes).toBe('季度回访'); // the planning notes stay when the call adds none
  });
});

describe('the version check', () => {
  it('names whom to call: the complainant for a complaint, the primary contact for a periodic task; not to an API key without customers:read', async () => {
    const { task } = await resolvedComplaint();
    await prisma.contact.create({
      data: { customerId, name: '王总', mobile: '13900000009', phone: '021-5555', email: 'w@hd.cn', isPrimary: true },
    });
    const periodicTask = await periodic();
    const query = `query($id: ID!) { callback(id: $id) { callee { company name phone email } } }`;
    const complaintCallee = await gqlOk<{ callback: { callee: unknown } }>(agent, query, { id: task.id });
    expect(complaintCallee.callback.callee).toEqual({
      company: '华东精密汽配有限公司',
      name: '刘经理',
      phone: '13800000001',
      email: null,
    });
    const periodicCallee = await gqlOk<{ callback: { callee: unknown } }>(agent, query, { id: periodicTask.id });
    expect(periodicCallee.callback.callee).toEqual({
      company: '华东精密汽配有限公司',
      name: '王总',
      phone: '13900000009',
      email: 'w@hd.cn',
    });
    const apiKey: Viewer = { kind: 'apiClient', apiKeyId: 'k', name: 'erp', scopes: ['callbacks:read'] };
    const asKey = await gqlOk<{ callback: { callee: unknown } | null }>(apiKey, query, { id: periodicTask.id });
    expect(asKey.callback?.callee ?? null).toBeNull();
  });

  it('a stale version gets CONFLICT with the current version', async () => {
    const task = await periodic();
    await reassignCallback(agent, task.id, task.version, { dueAt: sh('2026-11-29T10:00:00') }, NOW);
    await expect(
      recordCallback(agent, task.id, task.version, { outcome: 'NO_PROBLEM', ...scores }, NOW),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { currentVersion: task.version + 1 },
    });
  });

  it('N parallel recordings of one version: exactly one wins, the complaint moves once, no history is lost or doubled', async () => {
    const { complaint, task } = await resolvedComplaint();
    const outcomes = [
      'NO_PROBLEM',
      'UNREACHABLE',
      'NEW_COMPLAINT',
      'NO_PROBLEM',
      'REOPENED',
      'NO_PROBLEM',
      'UNREACHABLE',
      'NO_PROBLEM',
    ] as const;
    const results = await Promise.allSettled(
      outcomes.map((outcome, i) =>
        recordCallback(
          i % 2 ? manager : agent,
          task.id,
          task.version,
          {
            outcome,
            ...(outcome === 'UNREACHABLE' ? {} : scores),
            newComplaint: { subject: `新问题 ${i}`, description: '描述' },
            reopenReason: '仍有问题',
          },
          NOW,
        ),
      ),
    );
    const won = results.filter((r): r is PromiseFulfilledResult<Callback> => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT' });
    const winner = won[0]!.value;
    expect(winner.version).toBe(task.version + 1);

    const taskHistory = await historyOf(task.id);
    expect(taskHistory.filter((h) => h.action === 'RECORD' || h.action === 'UNREACHABLE')).toHaveLength(1);
    const complaintHistory = await prisma.historyEntry.findMany({
      where: { entityId: complaint.id, action: { in: ['CALLBACK_RECORDED', 'CALLBACK_UNREACHABLE'] } },
    });
    expect(complaintHistory).toHaveLength(1);
    // The losers rolled back everything, including any complaint they would have registered.
    expect(await prisma.interaction.count({ where: { sourceInteractionId: complaint.id } })).toBe(
      winner.outcome === 'NEW_COMPLAINT' ? 1 : 0,
    );
    const expectedStatus = {
      NO_PROBLEM: 'FOLLOW_UP_DONE',
      NEW_COMPLAINT: 'FOLLOW_UP_DONE',
      REOPENED: 'REOPENED',
      UNREACHABLE: 'RESOLVED',
    }[winner.outcome!];
    expect((await complaintOf(complaint.id)).status).toBe(expectedStatus);
  });

  it('a customer disputing the resolution cancels the pending callback (with history); recording it then gets CONFLICT', async () => {
    const { complaint, task } = await resolvedComplaint();
    await runCommand(customerViewer, complaint.id, complaint.version, {
      type: 'CUSTOMER_FEEDBACK',
      accepted: false,
      comment: '问题仍在',
    });
    const cancelled = await prisma.callback.findUniqueOrThrow({ where: { id: task.id } });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', version: task.version + 1 });
    const cancelEntry = (await historyOf(task.id)).at(-1)!;
    expect(cancelEntry).toMatchObject({ action: 'CANCEL', toState: 'CANCELLED' });
    expect(zhMessage(cancelEntry)).toBe('投诉重新打开，回访任务取消');
    await expect(
      recordCallback(agent, task.id, task.version, { outcome: 'NO_PROBLEM', ...scores }, NOW),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      recordCallback(agent, task.id, cancelled.version, { outcome: 'NO_PROBLEM', ...scores }, NOW),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { status: 'CANCELLED' },
    });
  });
});

describe('who records and manages', () => {
  it('the assignee or a service manager records; another agent, quality and the administrator do not', async () => {
    const { task } = await resolvedComplaint();
    await expect(
      recordCallback(otherAgent, task.id, task.version, { outcome: 'NO_PROBLEM', ...scores }, NOW),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      recordCallback(admin, task.id, task.version, { outcome: 'NO_PROBLEM', ...scores }, NOW),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      recordCallback(quality, task.id, task.version, { outcome: 'NO_PROBLEM', ...scores }, NOW),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const done = await recordCallback(manager, task.id, task.version, { outcome: 'NO_PROBLEM', ...scores }, NOW);
    expect(done.completedById).toBe(manager.userId);
  });

  it('an unassigned task (a portal complaint’s) is recorded by whoever of the desk takes the call', async () => {
    const { task } = await resolvedComplaint(null);
    expect(task.assigneeId).toBeNull();
    const done = await recordCallback(otherAgent, task.id, task.version, { outcome: 'NO_PROBLEM', ...scores }, NOW);
    expect(done.completedById).toBe(otherAgent.userId);
  });

  it('reassigning: the assignee hands over, a manager or the administrator moves anyone’s; another agent cannot', async () => {
    const task = await periodic();
    await expect(
      reassignCallback(otherAgent, task.id, task.version, { assigneeId: otherAgent.userId }, NOW),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const handed = await reassignCallback(agent, task.id, task.version, { assigneeId: otherAgent.userId }, NOW);
    expect(handed).toMatchObject({ assigneeId: otherAgent.userId, version: task.version + 1 });
    const moved = await reassignCallback(
      admin,
      task.id,
      handed.version,
      { dueAt: sh('2026-12-02T10:00:00'), assigneeId: manager.userId },
      NOW,
    );
    expect(moved).toMatchObject({ assigneeId: manager.userId, dueAt: sh('2026-12-02T10:00:00') });
    const changes = (await historyOf(task.id)).filter((h) => h.action === 'REASSIGN').map((h) => h.changes);
    expect(changes).toEqual([
      { assigneeId: { from: agent.userId, to: otherAgent.userId } },
      {
        assigneeId: { from: otherAgent.userId, to: manager.userId },
        dueAt: { from: task.dueAt.toISOString(), to: sh('2026-12-02T10:00:00').toISOString() },
      },
    ]);
    await expect(
      reassignCallback(manager, task.id, moved.version, { assigneeId: handlerId }, NOW),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: { assigneeId: { key: expect.any(String) } } });
    await expect(
      reassignCallback(manager, task.id, moved.version, { dueAt: sh('2026-11-20T10:00:00') }, NOW),
    ).rejects.toMatchObject({ fields: { dueAt: { key: 'callback.dueInPast' } } });
  });

  it('cancelling needs a reason; a resolved complaint’s callback cannot be cancelled, only recorded', async () => {
    const task = await periodic();
    await expect(cancelCallback(agent, task.id, task.version, '  ')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { reason: { key: 'validation.required' } },
    });
    const cancelled = await cancelCallback(agent, task.id, task.version, '客户已合并到集团账户');
    expect(cancelled.status).toBe('CANCELLED');
    expect((await historyOf(task.id)).at(-1)).toMatchObject({ action: 'CANCEL', comment: '客户已合并到集团账户' });

    const { task: followUp } = await resolvedComplaint();
    await expect(cancelCallback(manager, followUp.id, followUp.version, '不需要')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      key: 'callback.cancelBlockedByComplaint',
    });
  });

  it('creating: key-account and periodic only; the assignee is someone of the desk, by default the creator; not in the past', async () => {
    await expect(
      createCallback(agent, { customerId, reason: 'POST_RESOLUTION', dueAt: sh('2026-11-28T10:00:00') }, NOW),
    ).rejects.toMatchObject({ fields: { reason: { key: expect.any(String) } } });
    await expect(periodic(sh('2026-11-24T10:00:00'))).rejects.toMatchObject({
      fields: { dueAt: { key: 'callback.dueInPast' } },
    });
    await expect(periodic(undefined, agent, { assigneeId: handlerId })).rejects.toMatchObject({
      fields: { assigneeId: { key: 'callback.assigneeInvalid' } },
    });
    const inactive = (await createStaff('SERVICE_AGENT', { active: false })).user;
    await expect(periodic(undefined, agent, { assigneeId: inactive.id })).rejects.toMatchObject({
      fields: { assigneeId: { key: expect.any(String) } },
    });
    expect((await periodic(undefined, admin)).assigneeId).toBeNull(); // the administrator plans calls but makes none
    expect((await periodic(undefined, manager, { assigneeId: otherAgent.userId })).assigneeId).toBe(otherAgent.userId);
    const archived = await createCustomerRecord({ archivedAt: new Date() });
    await expect(
      createCallback(agent, { customerId: archived.id, reason: 'PERIODIC', dueAt: sh('2026-11-28T10:00:00') }, NOW),
    ).rejects.toMatchObject({ fields: { customerId: { key: expect.any(String) } } });
    await expect(
      createCallback(quality, { customerId, reason: 'PERIODIC', dueAt: sh('2026-11-28T10:00:00') }, NOW),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('work queues', () => {
  it('sort, page and count: mine, due soon (2 days), overdue, pending, done (90 days)', async () => {
    // A fresh clock far from the other tests' tasks, so the queues hold only these.
    await prisma.callback.deleteMany({});
    const at = sh('2027-03-01T10:00:00');
    const mk = (dueAt: Date, assigneeId: string | null, data: Partial<Callback> = {}) =>
      prisma.callback.create({ data: { customerId, reason: 'PERIODIC', dueAt, assigneeId, ...data } });
    const overdue = await mk(sh('2027-02-27T10:00:00'), agent.userId);
    const soon1 = await mk(sh('2027-03-01T12:00:00'), otherAgent.userId);
    const soon2 = await mk(sh('2027-03-03T09:00:00'), agent.userId);
    const later = await mk(sh('2027-03-10T10:00:00'), agent.userId);
    const doneRecent = await mk(sh('2027-02-20T10:00:00'), agent.userId, {
      status: 'DONE',
      completedAt: sh('2027-02-21T10:00:00'),
    });
    const doneLatest = await mk(sh('2027-02-25T10:00:00'), agent.userId, {
      status: 'DONE',
      completedAt: sh('2027-02-26T10:00:00'),
    });
    await mk(sh('2026-10-01T10:00:00'), agent.userId, { status: 'DONE', completedAt: sh('2026-10-02T10:00:00') }); // beyond 90 days
    await mk(sh('2027-03-02T10:00:00'), agent.userId, { status: 'CANCELLED' });

    const ids = async (queue: 'MINE' | 'DUE_SOON' | 'OVERDUE' | 'PENDING' | 'DONE', viewer: Viewer = agent) =>
      (await listCallbacks(viewer, { filter: { queue } }, at)).nodes.map((c) => c.id);
    expect(await ids('MINE')).toEqual([overdue.id, soon2.id, later.id]);
    expect(await ids('DUE_SOON')).toEqual([soon1.id, soon2.id]);
    expect(await ids('OVERDUE')).toEqual([overdue.id]);
    expect(await ids('PENDING')).toEqual([overdue.id, soon1.id, soon2.id, later.id]);
    expect(await ids('DONE')).toEqual([doneLatest.id, doneRecent.id]);
    expect(await ids('MINE', { kind: 'apiClient', apiKeyId: 'k', name: 'crm', scopes: ['callbacks:read'] })).toEqual(
      [],
    );

    const counts = await callbackQueueCounts(agent, at);
    expect(Object.fromEntries(counts.map((c) => [c.queue, c.count]))).toEqual({
      MINE: 3,
      DUE_SOON: 2,
      OVERDUE: 1,
      PENDING: 4,
      DONE: 2,
    });

    // Pages of 1 cover the queue once, in order, without overlap.
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof listCallbacks>> = await listCallbacks(
        agent,
        { filter: { queue: 'PENDING' }, first: 1, after },
        at,
      );
      expect(page.totalCount).toBe(4);
      seen.push(...page.nodes.map((c) => c.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([overdue.id, soon1.id, soon2.id, later.id]);

    const filtered = await listCallbacks(
      agent,
      { filter: { queue: 'PENDING', assigneeId: otherAgent.userId, reason: ['PERIODIC'], customerId } },
      at,
    );
    expect(filtered.nodes.map((c) => c.id)).toEqual([soon1.id]);
    await expect(listCallbacks(agent, { first: 101 }, at)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(listCallbacks(agent, { after: 'not-a-cursor' }, at)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('the five tab counts (one statement) agree with each queue’s own total, boundaries included; DONE pages by keyset', async () => {
    await prisma.callback.deleteMany({});
    const at = new Date(Date.UTC(2027, 3, 1, 2, 0, 0, 456)); // milliseconds: both renderings must keep them
    const mk = (dueAt: Date, assigneeId: string | null, data: Partial<Callback> = {}) =>
      prisma.callback.create({ data: { customerId, reason: 'PERIODIC', dueAt, assigneeId, ...data } });
    const day = 86_400_000;
    await mk(at, agent.userId); // due now: due soon, not overdue
    await mk(new Date(at.getTime() - 1), agent.userId); // a millisecond overdue
    await mk(new Date(at.getTime() + 2 * day), otherAgent.userId); // the last instant of "due soon"
    await mk(new Date(at.getTime() + 2 * day + 1), null);
    for (let i = 0; i < 5; i++) {
      // Done exactly 90 days ago and later, two at the same instant.
      await mk(at, agent.userId, {
        status: 'DONE',
        completedAt: new Date(at.getTime() - 90 * day + Math.min(i, 3) * 3_600_000),
      });
    }
    await mk(at, agent.userId, { status: 'DONE', completedAt: new Date(at.getTime() - 90 * day - 1) }); // a millisecond too old
    const apiClient: Viewer = { kind: 'apiClient', apiKeyId: 'k', name: 'crm', scopes: ['callbacks:read'] };
    for (const viewer of [agent, otherAgent, apiClient]) {
      const counts = Object.fromEntries((await callbackQueueCounts(viewer, at)).map((c) => [c.queue, c.count]));
      const totals: Record<string, number> = {};
      for (const queue of ['MINE', 'DUE_SOON', 'OVERDUE', 'PENDING', 'DONE'] as const)
        totals[queue] = (await listCallbacks(viewer, { filter: { queue }, first: 1 }, at)).totalCount;
      expect(counts).toEqual(totals);
    }
    expect(Object.fromEntries((await callbackQueueCounts(agent, at)).map((c) => [c.queue, c.count]))).toEqual({
      MINE: 2,
      DUE_SOON: 2,
      OVERDUE: 1,
      PENDING: 4,
      DONE: 5,
    });

    const all = (await listCallbacks(agent, { filter: { queue: 'DONE' } }, at)).nodes.map((c) => c.id);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listCallbacks>> = await listCallbacks(
        agent,
        { filter: { queue: 'DONE' }, first: 2, after },
        at,
      );
      seen.push(...page.nodes.map((c) => c.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all);
  });
});
