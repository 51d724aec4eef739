import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '@/generated/prisma/client';
import { loadBusinessCalendar } from '@/graphql/complaints/business-calendar.service';
import { runEscalationSweep } from '@/graphql/complaints/escalation.service';
import { addBusinessHours } from '@/graphql/complaints/sla-clock.rules';
import { prisma } from '@/server/db';
import { startQueue, stopQueue } from '@/server/queue/boss';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { zhNotice } from '../helpers/activity';

// A pg-boss schema of this file's own: other runs on the same server database never see these jobs.
const queueSchema = `pgboss_test_${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const sh = (local: string) => new Date(`${local}+08:00`); // Asia/Shanghai, UTC+8

let seq = 0;
async function createInteraction(data: Partial<Prisma.InteractionUncheckedCreateInput> = {}) {
  seq += 1;
  return prisma.interaction.create({
    data: {
      number: `TS-ESC-${seq}`,
      type: 'COMPLAINT',
      channel: 'PHONE',
      subject: `批次 ${seq} 尺寸超差`,
      description: '外径超差 0.2 mm',
      ...data,
    },
  });
}

/** Staff mail to `email` about the record (a digest names several records in its ref). */
async function mailJobsTo(email: string, interactionNumber: string) {
  return prisma.$queryRawUnsafe<{ data: { to: string; subject: string; text: string } }[]>(
    `SELECT data FROM "${queueSchema}".job WHERE name = 'send-mail' AND data->>'to' = $1 AND (data->>'ref' LIKE $2 OR data->>'ref' LIKE $3)`,
    email,
    `${interactionNumber} %`,
    `% ${interactionNumber} %`,
  );
}

const people = {} as Record<'manager' | 'executive' | 'quality' | 'owner' | 'head', { id: string; email: string }>;
let departmentId = '';

beforeAll(async () => {
  await startQueue({ schedule: false });
  for (const [key, role] of [
    ['manager', 'SERVICE_MANAGER'],
    ['executive', 'EXECUTIVE'],
    ['quality', 'QUALITY_MANAGER'],
    ['owner', 'DEPARTMENT_HANDLER'],
    ['head', 'DEPARTMENT_HANDLER'],
  ] as const) {
    people[key] = (await createStaff(role)).user;
  }
  departmentId = (await prisma.department.create({ data: { code: 'QA-ESC', name: '质量部', headId: people.head.id } }))
    .id;
});

afterAll(async () => {
  await stopQueue();
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

describe('escalation sweep', () => {
  it('a complaint registered Friday 16:00 is TRIAGE_OVERDUE only from Monday 11:00, once', async () => {
    const calendar = await loadBusinessCalendar();
    const registeredAt = sh('2026-11-20T16:00:00');
    const triageDueAt = addBusinessHours(registeredAt, 4, calendar);
    expect(triageDueAt).toEqual(sh('2026-11-23T11:00:00'));
    const complaint = await createInteraction({ createdAt: registeredAt, triageDueAt });
    const escalations = () => prisma.escalation.findMany({ where: { interactionId: complaint.id } });

    for (const at of ['2026-11-20T17:30:00', '2026-11-21T12:00:00', '2026-11-22T23:59:00', '2026-11-23T10:59:59']) {
      await runEscalationSweep(sh(at));
      expect(await escalations()).toEqual([]);
    }
    const result = await runEscalationSweep(sh('2026-11-23T11:00:00'));
    expect(result.escalations).toBe(1);
    const [taken] = await escalations();
    expect(taken).toMatchObject({ reason: 'TRIAGE_OVERDUE', level: 1 });
    expect(new Set(taken?.notifiedUserIds)).toEqual(new Set([people.manager.id, people.quality.id]));

    const notes = await prisma.notification.findMany({ where: { entityId: complaint.id } });
    expect(notes.map((n) => n.userId).sort()).toEqual([people.manager.id, people.quality.id].sort());
    expect(zhNotice(notes[0]!)).toContain('分派超时');
    const history = await prisma.historyEntry.findMany({
      where: { entityType: 'Interaction', entityId: complaint.id },
    });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      action: 'ESCALATED',
      actorId: null,
      actorLabel: 'system',
      fromState: '0',
      toState: '1',
    });
    expect((await prisma.interaction.findUniqueOrThrow({ where: { id: complaint.id } })).escalationLevel).toBe(1);
    expect(await mailJobsTo(people.manager.email, complaint.number)).toHaveLength(1);

    // Later sweeps find nothing more to do; once triaged, nothing is due either.
    await runEscalationSweep(sh('2026-11-23T16:00:00'));
    expect(await escalations()).toHaveLength(1);
    expect(await prisma.notification.count({ where: { entityId: complaint.id } })).toBe(2);
  });

  it('a crisis notifies the executives at once (level 4) and queues their mail', async () => {
    const now = sh('2026-11-21T03:00:00'); // Saturday night: crisis does not wait for business hours
    const crisis = await createInteraction({
      status: 'TRIAGED',
      severity: 'CRISIS',
      responsibleDepartmentId: departmentId,
      ownerId: people.owner.id,
    });
    await runEscalationSweep(now);
    const taken = await prisma.escalation.findMany({ where: { interactionId: crisis.id } });
    expect(taken.map((e) => `${e.reason}:${e.level}`)).toEqual(['CRISIS:4']);
    expect(taken[0]?.notifiedUserIds).toContain(people.executive.id);
    expect(
      await prisma.notification.count({
        where: { entityId: crisis.id, userId: people.executive.id, kind: 'ESCALATION_CRISIS' },
      }),
    ).toBe(1);
    expect((await prisma.interaction.findUniqueOrThrow({ where: { id: crisis.id } })).escalationLevel).toBe(4);
    const [job] = await mailJobsTo(people.executive.email, crisis.number);
    expect(job?.data.subject).toBe(`【危机客诉】${crisis.number} 请立即关注`);
  });

  it('an overdue resolution climbs owner → department head → service manager → executive by business hours', async () => {
    const record = await createInteraction({
      status: 'INVESTIGATING',
      severity: 'GENERAL',
      responsibleDepartmentId: departmentId,
      ownerId: people.owner.id,
      resolutionDueAt: sh('2026-11-20T15:30:00'),
    });
    const expected: [string, string[]][] = [
      ['2026-11-20T16:00:00', [people.owner.id]],
      ['2026-11-23T14:30:00', [people.head.id, people.owner.id]],
      ['2026-11-24T13:30:00', [people.manager.id, people.owner.id]],
      ['2026-11-25T12:30:00', [people.executive.id, people.owner.id]],
    ];
    for (const [index, [at, recipients]] of expected.entries()) {
      await runEscalationSweep(sh(at));
      const level = index + 1;
      const row = await prisma.escalation.findUniqueOrThrow({
        where: { interactionId_reason_level: { interactionId: record.id, reason: 'RESOLUTION_OVERDUE', level } },
      });
      expect(new Set(row.notifiedUserIds)).toEqual(new Set(recipients));
      expect((await prisma.interaction.findUniqueOrThrow({ where: { id: record.id } })).escalationLevel).toBe(level);
    }
    await runEscalationSweep(sh('2026-12-31T12:00:00'));
    expect(await prisma.escalation.count({ where: { interactionId: record.id } })).toBe(4);
    expect(await prisma.historyEntry.count({ where: { entityId: record.id, action: 'ESCALATED' } })).toBe(4);
  });

  it('two sweeps running at once take every step exactly once', async () => {
    const now = sh('2026-11-24T10:00:00');
    const records = [];
    for (let i = 0; i < 8; i++) {
      records.push(
        await createInteraction({
          status: 'INVESTIGATING',
          responsibleDepartmentId: departmentId,
          ownerId: people.owner.id,
          resolutionDueAt: sh('2026-11-24T09:00:00'),
        }),
      );
    }
    records.push(await createInteraction({ status: 'REGISTERED', severity: 'CRISIS' }));
    records.push(await createInteraction({ status: 'REGISTERED', triageDueAt: sh('2026-11-24T09:30:00') }));
    const ids = records.map((r) => r.id);
    const before = await prisma.escalation.count();

    const results = await Promise.all([runEscalationSweep(now), runEscalationSweep(now)]);

    const taken = await prisma.escalation.findMany({ where: { interactionId: { in: ids } } });
    expect(taken).toHaveLength(10);
    expect(await prisma.escalation.count()).toBe(before + 10);
    expect(results[0].escalations + results[1].escalations).toBe(10);
    // Each record here has one due step: a sweep took it, lost the race on the unique index and skipped it, or — when
    // the other sweep committed between reading the record and reading its escalations (Prisma reads the relation in a
    // second query) — saw it taken and planned nothing.
    for (const r of results) expect(r.escalations + r.skipped).toBeLessThanOrEqual(r.candidates);
    const notes = await prisma.notification.groupBy({
      by: ['userId', 'entityId', 'kind'],
      where: { entityId: { in: ids } },
      _count: true,
    });
    expect(notes.every((n) => n._count === 1)).toBe(true);
    expect(await prisma.historyEntry.count({ where: { entityId: { in: ids }, action: 'ESCALATED' } })).toBe(10);
    for (const record of records.slice(0, 8))
      expect(await mailJobsTo(people.owner.email, record.number)).toHaveLength(1);
    // And a third sweep afterwards finds nothing left to do.
    expect((await runEscalationSweep(now)).escalations).toBe(0);
  });

  it('a late callback escalates a resolved record: the assignee first, the service manager a period later', async () => {
    const agent = (await createStaff('SERVICE_AGENT')).user;
    const resolved = await createInteraction({
      status: 'RESOLVED',
      responsibleDepartmentId: departmentId,
      ownerId: people.owner.id,
      resolutionDueAt: sh('2026-11-12T12:00:00'),
      resolvedAt: sh('2026-11-13T16:00:00'),
      callbackDueAt: sh('2026-11-20T16:00:00'), // SPEC §5: within 7 days of resolution
    });
    await prisma.callback.create({
      data: {
        interactionId: resolved.id,
        reason: 'POST_RESOLUTION',
        dueAt: sh('2026-11-20T16:00:00'),
        assigneeId: agent.id,
      },
    });

    await runEscalationSweep(sh('2026-11-20T15:59:00'));
    expect(await prisma.escalation.count({ where: { interactionId: resolved.id } })).toBe(0);
    await runEscalationSweep(sh('2026-11-20T16:00:00'));
    await runEscalationSweep(sh('2026-11-23T15:00:00')); // 1.5 h Friday + 6.5 h Monday = 8 business hours late
    const taken = await prisma.escalation.findMany({
      where: { interactionId: resolved.id },
      orderBy: { level: 'asc' },
    });
    expect(taken.map((e) => `${e.reason}:${e.level}`)).toEqual(['CALLBACK_OVERDUE:1', 'CALLBACK_OVERDUE:2']);
    expect(new Set(taken[0]?.notifiedUserIds)).toEqual(new Set([agent.id, people.owner.id]));
    expect(taken[1]?.notifiedUserIds).toContain(people.manager.id);
    const [job] = await mailJobsTo(agent.email, resolved.number);
    expect(job?.data.subject).toBe(`【回访逾期】${resolved.number} 回访未按期完成`);

    // Once the callback is done the record leaves the sweep.
    await prisma.callback.updateMany({
      where: { interactionId: resolved.id },
      data: { status: 'DONE', completedAt: sh('2026-11-23T16:00:00') },
    });
    await prisma.interaction.update({ where: { id: resolved.id }, data: { status: 'FOLLOW_UP_DONE' } });
    await runEscalationSweep(sh('2026-11-30T16:00:00'));
    expect(await prisma.escalation.count({ where: { interactionId: resolved.id } })).toBe(2);
  });

  it('pages through all candidates, however many wait for their next level', async () => {
    const now = sh('2026-12-01T10:00:00');
    const records = [];
    for (let i = 0; i < 5; i++) {
      records.push(
        await createInteraction({
          status: 'INVESTIGATING',
          ownerId: people.owner.id,
          resolutionDueAt: sh('2026-12-01T09:00:00'),
        }),
      );
    }
    const result = await runEscalationSweep(now, { pageSize: 2 });
    expect(result.candidates).toBeGreaterThanOrEqual(5);
    const taken = await prisma.escalation.findMany({ where: { interactionId: { in: records.map((r) => r.id) } } });
    expect(taken.map((e) => `${e.reason}:${e.level}`)).toEqual(Array(5).fill('RESOLUTION_OVERDUE:1'));
  });
});

describe('escalation rows', () => {
  it('concern exactly one record: a complaint or a callback, never neither or both (a CHECK in the database)', async () => {
    const complaint = await createInteraction();
    const callback = await prisma.callback.create({
      data: { customerId: (await createCustomerRecord()).id, reason: 'PERIODIC', dueAt: new Date() },
    });
    const row = { reason: 'TEST', level: 1, notifiedUserIds: [] };
    await expect(prisma.escalation.create({ data: row })).rejects.toThrow(/Escalation_one_subject_check/);
    await expect(
      prisma.escalation.create({ data: { ...row, interactionId: complaint.id, callbackId: callback.id } }),
    ).rejects.toThrow(/Escalation_one_subject_check/);
    await prisma.escalation.create({ data: { ...row, interactionId: complaint.id } });
    await prisma.escalation.create({ data: { ...row, callbackId: callback.id } });
    expect(await prisma.escalation.count({ where: { reason: 'TEST' } })).toBe(2);
  });
});

describe('escalation mail', () => {
  async function staffMailsTo(email: string) {
    return prisma.$queryRawUnsafe<{ data: { subject: string; text: string; ref: string } }[]>(
      `SELECT data FROM "${queueSchema}".job WHERE name = 'send-mail' AND data->>'to' = $1 ORDER BY created_on`,
      email,
    );
  }

  it('several escalations to one person in one sweep become one digest mail, on the staff queue', async () => {
    const owner = (await createStaff('DEPARTMENT_HANDLER')).user;
    const records = [];
    for (let i = 0; i < 4; i++) {
      records.push(
        await createInteraction({
          status: 'INVESTIGATING',
          responsibleDepartmentId: departmentId,
          ownerId: owner.id,
          resolutionDueAt: sh('2026-12-02T09:00:00'),
        }),
      );
    }
    const result = await runEscalationSweep(sh('2026-12-02T10:00:00'));
    expect(result.escalations).toBeGreaterThanOrEqual(4);
    const mails = await staffMailsTo(owner.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.data.subject).toBe(`【升级汇总】4 项待您关注：${[...records].map((r) => r.number).sort()[0]} 等`);
    for (const record of records)
      expect(mails[0]?.data.text).toContain(`【处理逾期·一级（负责人）升级】${record.number}`);
    expect(
      await prisma.escalation.count({ where: { interactionId: { in: records.map((r) => r.id) }, mailedAt: null } }),
    ).toBe(0);
    // Customers' queue carries none of it.
    const customerJobs = await prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${queueSchema}".job WHERE name = 'send-mail-customer' AND data->>'to' = $1`,
      owner.email,
    );
    expect(customerJobs[0]?.n).toBe(0);
  });

  it('steps a sweep took but did not mail (it died first) are mailed by the next sweep, once', async () => {
    const owner = (await createStaff('DEPARTMENT_HANDLER')).user;
    const record = await createInteraction({
      status: 'INVESTIGATING',
      ownerId: owner.id,
      resolutionDueAt: sh('2026-12-03T09:00:00'),
    });
    // What a sweep that crashed between its steps and its digests leaves: the escalation, its mail owed.
    await prisma.escalation.create({
      data: { interactionId: record.id, reason: 'RESOLUTION_OVERDUE', level: 1, notifiedUserIds: [owner.id] },
    });
    await prisma.interaction.update({ where: { id: record.id }, data: { escalationLevel: 1 } });
    await Promise.all([runEscalationSweep(sh('2026-12-03T10:00:00')), runEscalationSweep(sh('2026-12-03T10:00:00'))]);
    const mails = await staffMailsTo(owner.email);
    expect(mails.map((m) => m.data.subject)).toEqual([`【处理逾期·一级（负责人）升级】${record.number}`]);
    expect(mails[0]?.data.ref).toBe(`${record.number} RESOLUTION_OVERDUE:1`);
    expect((await prisma.escalation.findFirstOrThrow({ where: { interactionId: record.id } })).mailedAt).not.toBeNull();
  });
});
