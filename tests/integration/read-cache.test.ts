import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetReads } from '@/server/cache/read-cache';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createStaff } from '../helpers/factories';
import { gqlOk } from '../helpers/graphql';

// The work-queue and notification counts, and the staff and departments lists name, are kept a few seconds
// (src/server/cache/read-cache.ts), off under Vitest unless a test turns them on — as this one does. A row written
// behind the app's back is not read until the TTL ends or something is written through the API; anything written
// through a mutation is read at once.

const COUNTS = `query { complaintQueueCounts { queue count } callbackQueueCounts { queue count } unreadNotificationCount }`;
const PAGE = `query($q: ComplaintQueue!) { complaintQueue(queue: $q, first: 2) { nodes { id } totalCount } }`;

type Counts = {
  complaintQueueCounts: { queue: string; count: number }[];
  callbackQueueCounts: { queue: string; count: number }[];
  unreadNotificationCount: number;
};
const countOf = (rows: { queue: string; count: number }[], queue: string) => rows.find((r) => r.queue === queue)!.count;

let manager: Viewer & { kind: 'staff' };
let customerId: string;
let n = 0;
const openComplaint = () =>
  prisma.interaction.create({
    data: {
      number: `TS-WC-${++n}`,
      type: 'COMPLAINT',
      channel: 'PHONE',
      status: 'INVESTIGATING',
      subject: `投诉${n}`,
      description: 'd',
      customerId,
    },
  });

const previous = process.env.KEFU_READ_CACHE_MS;
beforeAll(async () => {
  process.env.KEFU_READ_CACHE_MS = '600000';
  forgetReads();
  manager = (await createStaff('SERVICE_MANAGER')).viewer as Viewer & { kind: 'staff' };
  customerId = (await prisma.customer.create({ data: { name: '计数客户' } })).id;
});
afterAll(() => {
  if (previous === undefined) delete process.env.KEFU_READ_CACHE_MS;
  else process.env.KEFU_READ_CACHE_MS = previous;
  forgetReads();
});

describe('short read caches', () => {
  it('serves the counts it read until a mutation answers, then counts again', async () => {
    const before = await gqlOk<Counts>(manager, COUNTS);
    // Behind the app's back: a complaint, a pending callback, an unread notification.
    const complaint = await openComplaint();
    await prisma.callback.create({
      data: { customerId, interactionId: complaint.id, reason: 'POST_RESOLUTION', dueAt: new Date(Date.now() + 3.6e6) },
    });
    await prisma.notification.create({
      data: { userId: manager.userId, kind: 'ESCALATION', entityType: 'Interaction', entityId: complaint.id },
    });
    expect(await gqlOk<Counts>(manager, COUNTS)).toEqual(before);

    // Any mutation through the API forgets them once it has answered (this one changes nothing counted).
    await gqlOk(manager, `mutation { markNotificationsRead(ids: []) }`);
    const after = await gqlOk<Counts>(manager, COUNTS);
    expect(countOf(after.complaintQueueCounts, 'OPEN')).toBe(countOf(before.complaintQueueCounts, 'OPEN') + 1);
    expect(countOf(after.callbackQueueCounts, 'PENDING')).toBe(countOf(before.callbackQueueCounts, 'PENDING') + 1);
    expect(after.unreadNotificationCount).toBe(before.unreadNotificationCount + 1);
  });

  it('a queue page reads its rows fresh and its total from the same counts as the tab', async () => {
    const tab = countOf((await gqlOk<Counts>(manager, COUNTS)).complaintQueueCounts, 'OPEN');
    const added = await openComplaint();
    const page = await gqlOk<{ complaintQueue: { nodes: { id: string }[]; totalCount: number } }>(manager, PAGE, {
      q: 'OPEN',
    });
    expect(page.complaintQueue.totalCount).toBe(tab);
    forgetReads();
    const fresh = await gqlOk<{ complaintQueue: { totalCount: number } }>(manager, PAGE, { q: 'OPEN' });
    expect(fresh.complaintQueue.totalCount).toBe(tab + 1);
    expect(await prisma.interaction.count({ where: { id: added.id, isOpenComplaint: true } })).toBe(1);
  });

  it('keeps each viewer’s counts apart: another agent’s own queue is not served from the manager’s', async () => {
    const agent = (await createStaff('SERVICE_AGENT')).viewer as Viewer & { kind: 'staff' };
    await gqlOk<Counts>(manager, COUNTS);
    await prisma.interaction.create({
      data: {
        number: `TS-WC-${++n}`,
        type: 'COMPLAINT',
        channel: 'PHONE',
        status: 'INVESTIGATING',
        subject: '我的投诉',
        description: 'd',
        ownerId: agent.userId,
      },
    });
    const mine = await gqlOk<Counts>(agent, COUNTS);
    expect(countOf(mine.complaintQueueCounts, 'MINE')).toBe(1);
    expect(countOf((await gqlOk<Counts>(manager, COUNTS)).complaintQueueCounts, 'MINE')).toBe(0);
  });

  it('names a queue row’s owner and department from the cache until a mutation answers', async () => {
    const department = await prisma.department.create({ data: { code: 'RC1', name: '旧部门名' } });
    const owner = (await createStaff('DEPARTMENT_HANDLER', { name: '旧名', departmentId: department.id })).user;
    const complaint = await prisma.interaction.create({
      data: {
        number: `TS-WC-${++n}`,
        type: 'COMPLAINT',
        channel: 'PHONE',
        status: 'INVESTIGATING',
        subject: '命名',
        description: 'd',
        ownerId: owner.id,
        responsibleDepartmentId: department.id,
      },
    });
    const NAMES = `query($id: ID!) { interaction(id: $id) { owner { name } responsibleDepartment { name } } }`;
    type Names = { interaction: { owner: { name: string }; responsibleDepartment: { name: string } } };
    expect((await gqlOk<Names>(manager, NAMES, { id: complaint.id })).interaction).toEqual({
      owner: { name: '旧名' },
      responsibleDepartment: { name: '旧部门名' },
    });
    await prisma.user.update({ where: { id: owner.id }, data: { name: '新名' } });
    await prisma.department.update({ where: { id: department.id }, data: { name: '新部门名' } });
    expect((await gqlOk<Names>(manager, NAMES, { id: complaint.id })).interaction.owner.name).toBe('旧名');
    await gqlOk(manager, `mutation { markNotificationsRead(ids: []) }`);
    expect((await gqlOk<Names>(manager, NAMES, { id: complaint.id })).interaction).toEqual({
      owner: { name: '新名' },
      responsibleDepartment: { name: '新部门名' },
    });
  });
});
