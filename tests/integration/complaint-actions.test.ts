import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBusinessCalendar } from '@/graphql/complaints/business-calendar.service';
import { addComplaintAction, updateComplaintAction } from '@/graphql/complaints/complaint-work.service';
import { runEscalationSweep } from '@/graphql/complaints/escalation.service';
import { addBusinessHours } from '@/graphql/complaints/sla-clock.rules';
import { prisma } from '@/server/db';
import { startQueue, stopQueue } from '@/server/queue/boss';
import type { Viewer } from '@/server/viewer';
import { zhNotice } from '../helpers/activity';
import { createApiKeyRow, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import { captureStatements } from '../helpers/statements';
import { complaintActionCounts, listComplaintActions } from '@/graphql/complaints/complaint-action-queue.service';
import { ACTION_QUEUES } from '@/graphql/complaints/complaint-action-queue.rules';

// SPEC §4 "every step has a due time": a complaint's actions have an owner and a due date, the owner is told, and an
// overdue action escalates owner → department head → quality manager, once per level.

const queueSchema = `pgboss_test_${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const sh = (local: string) => new Date(`${local}+08:00`); // Asia/Shanghai

type Person = { id: string; viewer: Viewer };
const people = {} as Record<'owner' | 'other' | 'head' | 'quality' | 'outsider', Person>;
let departmentId = '';
let customerId = '';
let seq = 0;

async function investigatingComplaint() {
  seq += 1;
  return prisma.interaction.create({
    data: {
      number: `TS-ACT-${seq}`,
      type: 'COMPLAINT',
      channel: 'PHONE',
      subject: `批次 ${seq} 外观不良`,
      description: '表面划伤',
      status: 'INVESTIGATING',
      severity: 'GENERAL',
      customerId,
      responsibleDepartmentId: departmentId,
      ownerId: people.owner.id,
    },
  });
}

const ADD = `mutation($id: ID!, $input: ComplaintActionInput!) { addComplaintAction(interactionId: $id, input: $input) { id } }`;
const QUEUE = `query($q: ActionQueue!) { complaintActions(queue: $q) { totalCount nodes { id description escalationLevel complaint { number } owner { id } } } complaintActionCounts { queue count } }`;

beforeAll(async () => {
  await startQueue({ schedule: false });
  for (const [key, role] of [
    ['owner', 'DEPARTMENT_HANDLER'],
    ['other', 'DEPARTMENT_HANDLER'],
    ['head', 'DEPARTMENT_HANDLER'],
    ['quality', 'QUALITY_MANAGER'],
    ['outsider', 'DEPARTMENT_HANDLER'],
  ] as const) {
    const { user } = await createStaff(role);
    people[key] = { id: user.id, viewer: { kind: 'staff', userId: user.id, role, departmentId: null } };
  }
  const department = await prisma.department.create({ data: { code: 'ACT', name: '生产部', headId: people.head.id } });
  const elsewhere = await prisma.department.create({ data: { code: 'ACT-X', name: '销售部' } });
  departmentId = department.id;
  for (const key of ['owner', 'other', 'head'] as const) {
    await prisma.user.update({ where: { id: people[key].id }, data: { departmentId } });
    people[key].viewer = { ...people[key].viewer, departmentId } as Viewer;
  }
  await prisma.user.update({ where: { id: people.outsider.id }, data: { departmentId: elsewhere.id } });
  people.outsider.viewer = { ...people.outsider.viewer, departmentId: elsewhere.id } as Viewer;
  customerId = (await createCustomerRecord()).id;
});

afterAll(async () => {
  await stopQueue();
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

describe('an action has an owner and a due date', () => {
  it('is refused without them, field by field; an owner that is not active staff is refused too', async () => {
    const c = await investigatingComplaint();
    const missing = await gqlAs(people.owner.viewer, ADD, {
      id: c.id,
      input: { kind: 'CORRECTIVE', description: '更换模具', ownerId: '', dueAt: '2026-12-31T09:59:59Z' },
    });
    expect(errorCodes(missing)).toEqual(['BAD_USER_INPUT']);
    expect(Object.keys((missing.errors?.[0]?.extensions?.fields as object) ?? {})).toEqual(['ownerId']);

    const customer = await createCustomerUser(customerId);
    await expect(
      addComplaintAction(people.owner.viewer, c.id, {
        kind: 'CORRECTIVE',
        description: '更换模具',
        ownerId: customer.user.id,
        dueAt: new Date('2026-12-31T09:59:59Z'),
      }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', key: 'complaint.actionOwnerInvalid' });
    expect(await prisma.complaintAction.count({ where: { interactionId: c.id } })).toBe(0);
  });

  it('tells a new owner (not someone who takes it on themselves)', async () => {
    const c = await investigatingComplaint();
    const due = new Date('2026-12-31T09:59:59Z');
    const own = await addComplaintAction(people.owner.viewer, c.id, {
      kind: 'CONTAINMENT',
      description: '隔离在库品',
      ownerId: people.owner.id,
      dueAt: due,
    });
    expect(await prisma.notification.count({ where: { userId: people.owner.id, kind: 'ACTION_ASSIGNED' } })).toBe(0);
    await addComplaintAction(people.owner.viewer, c.id, {
      kind: 'CORRECTIVE',
      description: '更换模具并首件确认',
      ownerId: people.other.id,
      dueAt: due,
    });
    const [note] = await prisma.notification.findMany({ where: { userId: people.other.id, kind: 'ACTION_ASSIGNED' } });
    expect(note).toMatchObject({ entityType: 'Interaction', entityId: c.id });
    expect(zhNotice(note!)).toContain(`措施已指派给您：${c.number}「更换模具并首件确认」`);
    // Handing one's own action to someone else tells them.
    await updateComplaintAction(people.owner.viewer, own.id, own.version, {
      kind: 'CONTAINMENT',
      description: own.description,
      ownerId: people.other.id,
      dueAt: due,
    });
    expect(await prisma.notification.count({ where: { userId: people.other.id, kind: 'ACTION_ASSIGNED' } })).toBe(2);
  });
});

describe('an overdue action escalates owner → department head → quality, once per level', () => {
  it('with two sweeps at once, one escalation row per level; done, it stops', async () => {
    const calendar = await loadBusinessCalendar();
    const due = sh('2026-11-23T10:00:00'); // a Monday
    const c = await investigatingComplaint();
    const action = await addComplaintAction(people.owner.viewer, c.id, {
      kind: 'CORRECTIVE',
      description: '加严出货检验',
      ownerId: people.owner.id,
      dueAt: due,
    });
    const taken = async () =>
      (await prisma.escalation.findMany({ where: { actionId: action.id }, orderBy: { level: 'asc' } })).map(
        (e) => `${e.reason}:${e.level}`,
      );

    await runEscalationSweep(sh('2026-11-23T09:59:00'));
    expect(await taken()).toEqual([]);

    await Promise.all([runEscalationSweep(due), runEscalationSweep(due)]);
    expect(await taken()).toEqual(['ACTION_OVERDUE:1']);
    const level1 = await prisma.escalation.findFirstOrThrow({ where: { actionId: action.id, level: 1 } });
    expect(level1.notifiedUserIds).toEqual([people.owner.id]);

    const second = addBusinessHours(due, 8, calendar);
    await Promise.all([runEscalationSweep(second), runEscalationSweep(second)]);
    expect(await taken()).toEqual(['ACTION_OVERDUE:1', 'ACTION_OVERDUE:2']);
    const level2 = await prisma.escalation.findFirstOrThrow({ where: { actionId: action.id, level: 2 } });
    expect(new Set(level2.notifiedUserIds)).toEqual(new Set([people.head.id, people.owner.id]));

    const third = addBusinessHours(due, 16, calendar);
    await Promise.all([runEscalationSweep(third), runEscalationSweep(third)]);
    expect(await taken()).toEqual(['ACTION_OVERDUE:1', 'ACTION_OVERDUE:2', 'ACTION_OVERDUE:3']);
    const level3 = await prisma.escalation.findFirstOrThrow({ where: { actionId: action.id, level: 3 } });
    expect(new Set(level3.notifiedUserIds)).toEqual(new Set([people.quality.id, people.owner.id]));
    // The top of the ladder: nothing more to look at.
    expect((await prisma.complaintAction.findUniqueOrThrow({ where: { id: action.id } })).nextEscalationAt).toBeNull();

    const headNote = await prisma.notification.findFirstOrThrow({
      where: { userId: people.head.id, kind: 'ESCALATION_ACTION_OVERDUE' },
    });
    expect(headNote).toMatchObject({ entityType: 'Interaction', entityId: c.id });
    expect(zhNotice(headNote)).toContain('措施逾期');
    const history = await prisma.historyEntry.findMany({
      where: { entityType: 'Interaction', entityId: c.id, action: 'ESCALATED' },
    });
    expect(history).toHaveLength(3);

    // A second action, done before its second level: it escalates no further.
    const done = await addComplaintAction(people.owner.viewer, c.id, {
      kind: 'PREVENTIVE',
      description: '更新 PFMEA',
      ownerId: people.owner.id,
      dueAt: due,
    });
    await runEscalationSweep(addBusinessHours(due, 1, calendar));
    const finished = await updateComplaintAction(people.owner.viewer, done.id, done.version, {
      kind: 'PREVENTIVE',
      description: done.description,
      ownerId: people.owner.id,
      dueAt: due,
      status: 'DONE',
    });
    expect(finished.nextEscalationAt).toBeNull();
    await runEscalationSweep(addBusinessHours(due, 30, calendar));
    expect(
      (await prisma.escalation.findMany({ where: { actionId: done.id } })).map((e) => `${e.reason}:${e.level}`),
    ).toEqual(['ACTION_OVERDUE:1']);
  });
});

describe('an overdue step escalates owner → department head → quality, once per level', () => {
  it('with two sweeps at once, one STEP_OVERDUE row per level; a closed complaint never does', async () => {
    const calendar = await loadBusinessCalendar();
    const due = sh('2026-11-24T10:00:00'); // a Tuesday
    const c = await investigatingComplaint();
    // The investigation's due time has passed; the resolution is far off (no RESOLUTION_OVERDUE in the way).
    await prisma.interaction.update({
      where: { id: c.id },
      data: { stepDueAt: due, resolutionDueAt: sh('2027-03-01T10:00:00') },
    });
    const closed = await investigatingComplaint();
    await prisma.interaction.update({ where: { id: closed.id }, data: { status: 'CLOSED', stepDueAt: due } });
    const taken = async (id: string) =>
      (await prisma.escalation.findMany({ where: { interactionId: id }, orderBy: { level: 'asc' } })).map(
        (e) => `${e.reason}:${e.level}`,
      );

    await runEscalationSweep(sh('2026-11-24T09:59:00'));
    expect(await taken(c.id)).toEqual([]);

    await Promise.all([runEscalationSweep(due), runEscalationSweep(due)]);
    expect(await taken(c.id)).toEqual(['STEP_OVERDUE:1']);
    const level1 = await prisma.escalation.findFirstOrThrow({ where: { interactionId: c.id, level: 1 } });
    expect(level1.notifiedUserIds).toEqual([people.owner.id]);

    const second = addBusinessHours(due, 8, calendar);
    await Promise.all([runEscalationSweep(second), runEscalationSweep(second)]);
    expect(await taken(c.id)).toEqual(['STEP_OVERDUE:1', 'STEP_OVERDUE:2']);
    const level2 = await prisma.escalation.findFirstOrThrow({ where: { interactionId: c.id, level: 2 } });
    expect(new Set(level2.notifiedUserIds)).toEqual(new Set([people.head.id, people.owner.id]));

    const third = addBusinessHours(due, 16, calendar);
    await Promise.all([runEscalationSweep(third), runEscalationSweep(third)]);
    expect(await taken(c.id)).toEqual(['STEP_OVERDUE:1', 'STEP_OVERDUE:2', 'STEP_OVERDUE:3']);
    const level3 = await prisma.escalation.findFirstOrThrow({ where: { interactionId: c.id, level: 3 } });
    expect(new Set(level3.notifiedUserIds)).toEqual(new Set([people.quality.id, people.owner.id]));
    expect((await prisma.interaction.findUniqueOrThrow({ where: { id: c.id } })).escalationLevel).toBe(3);

    const headNote = await prisma.notification.findFirstOrThrow({
      where: { userId: people.head.id, kind: 'ESCALATION_STEP_OVERDUE' },
    });
    expect(headNote).toMatchObject({ entityType: 'Interaction', entityId: c.id });
    expect(zhNotice(headNote)).toContain('环节逾期');
    // A sweep later still takes nothing more; the closed complaint took nothing at all.
    await runEscalationSweep(addBusinessHours(due, 40, calendar));
    expect(await taken(c.id)).toHaveLength(3);
    expect(await taken(closed.id)).toEqual([]);
  });

  it('a step that changes its due time is looked at again by the next sweep (the trigger marks it)', async () => {
    const c = await investigatingComplaint();
    await prisma.$executeRaw`UPDATE "Interaction" SET "escalationChangedAt" = NULL WHERE id = ${c.id}::uuid`;
    await prisma.interaction.update({ where: { id: c.id }, data: { stepDueAt: sh('2026-11-30T10:00:00') } });
    expect((await prisma.interaction.findUniqueOrThrow({ where: { id: c.id } })).escalationChangedAt).not.toBeNull();
  });
});

describe('the action queues', () => {
  it('MINE and OVERDUE, scoped like the complaints; customers and keys without interactions:read are refused', async () => {
    const c = await investigatingComplaint();
    await addComplaintAction(people.owner.viewer, c.id, {
      kind: 'CORRECTIVE',
      description: '逾期的纠正措施',
      ownerId: people.other.id,
      dueAt: new Date('2026-01-05T09:59:59Z'),
    });
    await addComplaintAction(people.owner.viewer, c.id, {
      kind: 'PREVENTIVE',
      description: '未到期的预防措施',
      ownerId: people.other.id,
      dueAt: new Date('2099-01-05T09:59:59Z'),
    });
    type Queue = {
      complaintActions: { totalCount: number; nodes: { description: string; complaint: { number: string } | null }[] };
      complaintActionCounts: { queue: string; count: number }[];
    };
    const mine = await gqlOk<Queue>(people.other.viewer, QUEUE, { q: 'MINE' });
    const mineHere = mine.complaintActions.nodes.filter((n) => n.complaint?.number === c.number);
    expect(mineHere.map((n) => n.description)).toEqual(['逾期的纠正措施', '未到期的预防措施']); // earliest due first
    const overdue = await gqlOk<Queue>(people.quality.viewer, QUEUE, { q: 'OVERDUE' });
    const overdueHere = overdue.complaintActions.nodes.filter((n) => n.complaint?.number === c.number);
    expect(overdueHere.map((n) => n.description)).toEqual(['逾期的纠正措施']);
    const counts = Object.fromEntries(overdue.complaintActionCounts.map((x) => [x.queue, x.count]));
    expect(counts.OVERDUE).toBe(overdue.complaintActions.totalCount);

    // A handler of another department sees none of this department's actions.
    const outsider = await gqlOk<Queue>(people.outsider.viewer, QUEUE, { q: 'OPEN' });
    expect(outsider.complaintActions.totalCount).toBe(0);

    // The three counts are one statement, and each equals its queue's own total, for every kind of viewer.
    for (const viewer of [people.other.viewer, people.quality.viewer, people.owner.viewer, people.outsider.viewer]) {
      let counts: { queue: string; count: number }[] = [];
      const statements = await captureStatements(async () => {
        counts = await complaintActionCounts(viewer);
      });
      expect(statements).toHaveLength(1);
      for (const queue of ACTION_QUEUES)
        expect(counts.find((x) => x.queue === queue)!.count, queue).toBe(
          (await listComplaintActions(viewer, { queue })).totalCount,
        );
    }
    expect((await complaintActionCounts(people.other.viewer)).find((x) => x.queue === 'MINE')!.count).toBeGreaterThan(
      1,
    );

    const customer = await createCustomerUser(customerId);
    expect(errorCodes(await gqlAs(customer.viewer, QUEUE, { q: 'OPEN' }))).toContain('FORBIDDEN');
    const { row } = await createApiKeyRow(['customers:read']);
    const keyViewer: Viewer = { kind: 'apiClient', apiKeyId: row.id, name: row.name, scopes: ['customers:read'] };
    expect(errorCodes(await gqlAs(keyViewer, QUEUE, { q: 'OPEN' }))).toContain('FORBIDDEN');
  });
});
