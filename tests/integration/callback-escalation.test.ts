import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '@/generated/prisma/client';
import { recordCallback } from '@/graphql/callbacks/callback.service';
import { runEscalationSweep } from '@/graphql/complaints/escalation.service';
import { prisma } from '@/server/db';
import { startQueue, stopQueue } from '@/server/queue/boss';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { zhNotice } from '../helpers/activity';

// SPEC §5 callbacks on schedule, §4 overdue items escalate: a callback task that follows up no complaint (key-account,
// periodic, survey follow-up) escalates on its own Escalation rows (callbackId), through the same sweep.

// A pg-boss schema of this file's own: other runs on the same server database never see these jobs.
const queueSchema = `pgboss_cbtest_${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const sh = (local: string) => new Date(`${local}+08:00`); // Asia/Shanghai, UTC+8
const DUE = sh('2026-11-20T16:00:00'); // Friday; level 2 is due 8 business hours later: Monday 15:00

let agent: { id: string; email: string };
let agentViewer: Viewer;
let managers: { id: string; email: string }[];
let customerId: string;

async function task(data: Partial<Prisma.CallbackUncheckedCreateInput> = {}) {
  return prisma.callback.create({
    data: { customerId, reason: 'PERIODIC', dueAt: DUE, assigneeId: agent.id, ...data },
  });
}

async function mailJobs(ref: string) {
  return prisma.$queryRawUnsafe<{ data: { to: string; subject: string; text: string } }[]>(
    `SELECT data FROM "${queueSchema}".job WHERE name = 'send-mail' AND (data->>'ref' LIKE $1 OR data->>'ref' LIKE $2) ORDER BY data->>'to'`,
    `${ref} %`,
    `% ${ref} %`,
  );
}

const escalationsOf = (callbackId: string) =>
  prisma.escalation.findMany({ where: { callbackId }, orderBy: { level: 'asc' } });

beforeAll(async () => {
  await startQueue({ schedule: false });
  const a = await createStaff('SERVICE_AGENT');
  agent = a.user;
  agentViewer = a.viewer;
  managers = [(await createStaff('SERVICE_MANAGER')).user, (await createStaff('SERVICE_MANAGER')).user];
  await createStaff('EXECUTIVE');
  customerId = (await createCustomerRecord({ name: '恒信精密电子有限公司' })).id;
});

afterAll(async () => {
  await stopQueue();
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

describe('escalation of callback tasks without a complaint', () => {
  it('level 1 to the assignee at the due time, level 2 to the service managers a business period later, once each', async () => {
    const periodic = await task();
    await runEscalationSweep(sh('2026-11-20T15:59:00'));
    expect(await escalationsOf(periodic.id)).toEqual([]);

    await runEscalationSweep(sh('2026-11-20T16:00:00'));
    const [first] = await escalationsOf(periodic.id);
    expect(first).toMatchObject({
      callbackId: periodic.id,
      interactionId: null,
      reason: 'CALLBACK_OVERDUE',
      level: 1,
      notifiedUserIds: [agent.id],
    });
    const notes = await prisma.notification.findMany({ where: { entityId: periodic.id } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      userId: agent.id,
      kind: 'ESCALATION_CALLBACK_OVERDUE',
      entityType: 'Callback',
      messageKey: 'notice.ESCALATION',
    });
    expect(zhNotice(notes[0]!)).toBe('【回访逾期】恒信精密电子有限公司 回访未按期完成');
    expect(zhNotice(notes[0]!, 'body')).toContain('恒信精密电子有限公司「定期回访」的回访应于 2026-11-20 16:00 前完成');
    const [mail] = await mailJobs(`callback:${periodic.id}`);
    expect(mail?.data).toMatchObject({ to: agent.email, subject: '【回访逾期】恒信精密电子有限公司 回访未按期完成' });

    // Over the weekend nothing more is due; Monday 15:00 (1.5 h Friday + 6.5 h Monday) level 2.
    await runEscalationSweep(sh('2026-11-22T12:00:00'));
    await runEscalationSweep(sh('2026-11-23T14:59:00'));
    expect(await escalationsOf(periodic.id)).toHaveLength(1);
    await runEscalationSweep(sh('2026-11-23T15:00:00'));
    const taken = await escalationsOf(periodic.id);
    expect(taken.map((e) => e.level)).toEqual([1, 2]);
    expect(new Set(taken[1]?.notifiedUserIds)).toEqual(new Set([...managers.map((m) => m.id), agent.id]));
    expect((await mailJobs(`callback:${periodic.id}`)).map((j) => j.data.to).sort()).toEqual(
      [agent.email, agent.email, ...managers.map((m) => m.email)].sort(),
    );

    const history = await prisma.historyEntry.findMany({
      where: { entityType: 'Callback', entityId: periodic.id },
      orderBy: { toState: 'asc' },
    });
    expect(history.map((h) => [h.action, h.fromState, h.toState, h.actorLabel])).toEqual([
      ['ESCALATED', '0', '1', 'system'],
      ['ESCALATED', '1', '2', 'system'],
    ]);
    await runEscalationSweep(sh('2026-12-31T10:00:00'));
    expect(await escalationsOf(periodic.id)).toHaveLength(2);
  });

  it('an unassigned task goes to the service managers at level 1', async () => {
    const unassigned = await task({ reason: 'SURVEY_FOLLOW_UP', assigneeId: null });
    await runEscalationSweep(sh('2026-11-20T17:00:00'));
    const [first] = await escalationsOf(unassigned.id);
    expect(first?.level).toBe(1);
    expect(new Set(first?.notifiedUserIds)).toEqual(new Set(managers.map((m) => m.id)));
    expect(zhNotice(await prisma.notification.findFirstOrThrow({ where: { entityId: unassigned.id } }))).toContain(
      '回访未按期完成',
    );
  });

  it('an inactive assignee is no seat: the managers hear of it', async () => {
    const leaver = (await createStaff('SERVICE_AGENT', { active: false })).user;
    const orphan = await task({ assigneeId: leaver.id });
    await runEscalationSweep(sh('2026-11-20T17:00:00'));
    expect(new Set((await escalationsOf(orphan.id))[0]?.notifiedUserIds)).toEqual(new Set(managers.map((m) => m.id)));
  });

  it('a task recorded before its next level stops escalating; one that is done or cancelled never starts', async () => {
    const recorded = await task({ reason: 'KEY_ACCOUNT' });
    await runEscalationSweep(sh('2026-11-20T16:30:00'));
    expect(await escalationsOf(recorded.id)).toHaveLength(1);
    await recordCallback(
      agentViewer,
      recorded.id,
      recorded.version,
      { outcome: 'NO_PROBLEM', accuracyScore: 5, timelinessScore: 5, attitudeScore: 5 },
      sh('2026-11-23T09:00:00'),
    );
    const done = await task({ status: 'DONE', completedAt: DUE });
    const cancelled = await task({ status: 'CANCELLED' });
    await runEscalationSweep(sh('2026-11-25T10:00:00'));
    expect(await escalationsOf(recorded.id)).toHaveLength(1);
    expect(await escalationsOf(done.id)).toEqual([]);
    expect(await escalationsOf(cancelled.id)).toEqual([]);
  });

  it('a complaint’s callback escalates through the complaint only, not a second time on its own', async () => {
    const complaint = await prisma.interaction.create({
      data: {
        number: 'TS-CBE-1',
        type: 'COMPLAINT',
        channel: 'PHONE',
        status: 'CLOSED',
        subject: '划伤',
        description: '划伤',
        customerId,
      },
    });
    const linked = await task({ interactionId: complaint.id, reason: 'POST_RESOLUTION' });
    await runEscalationSweep(sh('2026-11-20T17:00:00'));
    expect(await escalationsOf(linked.id)).toEqual([]);
    expect(
      (await prisma.escalation.findMany({ where: { interactionId: complaint.id } })).map(
        (e) => `${e.reason}:${e.level}`,
      ),
    ).toEqual(['CALLBACK_OVERDUE:1']);
  });

  it('two sweeps running at once take every step exactly once (the unique callbackId, reason, level)', async () => {
    // Only these tasks are due in this test: the earlier ones are settled.
    await prisma.callback.updateMany({ where: { status: 'PENDING' }, data: { status: 'CANCELLED' } });
    const tasks = [];
    for (let i = 0; i < 6; i++) tasks.push(await task({ dueAt: sh('2026-12-01T09:00:00') }));
    const ids = tasks.map((t) => t.id);
    const now = sh('2026-12-01T10:00:00');

    const results = await Promise.all([runEscalationSweep(now), runEscalationSweep(now)]);

    const taken = await prisma.escalation.findMany({ where: { callbackId: { in: ids } } });
    expect(taken.map((e) => e.level)).toEqual(Array(6).fill(1));
    expect(new Set(taken.map((e) => e.callbackId)).size).toBe(6);
    expect(results[0].escalations + results[1].escalations).toBe(6);
    // Each step was lost by the other sweep — on the unique index (skipped), or already seen as taken when that sweep
    // read the task's escalations, a moment after the task itself (then not planned at all).
    expect(results[0].skipped + results[1].skipped).toBeLessThanOrEqual(6);
    expect(results[0].failed + results[1].failed).toBe(0);
    const notes = await prisma.notification.groupBy({
      by: ['userId', 'entityId'],
      where: { entityId: { in: ids } },
      _count: true,
    });
    expect(notes).toHaveLength(6);
    expect(notes.every((n) => n._count === 1)).toBe(true);
    expect(
      await prisma.historyEntry.count({
        where: { entityType: 'Callback', entityId: { in: ids }, action: 'ESCALATED' },
      }),
    ).toBe(6);
    for (const id of ids) expect(await mailJobs(`callback:${id}`)).toHaveLength(1);
    expect((await runEscalationSweep(now)).escalations).toBe(0);
  });

  it('pages through every task, however many wait for their next level', async () => {
    const tasks = [];
    for (let i = 0; i < 5; i++) tasks.push(await task({ dueAt: sh('2026-12-02T09:00:00') }));
    await runEscalationSweep(sh('2026-12-02T10:00:00'), { pageSize: 2 });
    const taken = await prisma.escalation.findMany({ where: { callbackId: { in: tasks.map((t) => t.id) } } });
    expect(taken.map((e) => `${e.reason}:${e.level}`)).toEqual(Array(5).fill('CALLBACK_OVERDUE:1'));
  });
});
