import { print, type DocumentNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CallbackListDocument,
  CallbackQueueCountsDocument,
  ComplaintQueueCountsDocument,
  ComplaintQueueDocument,
  DashboardNotificationsDocument,
  NotificationCountsDocument,
  NotificationListDocument,
  NotificationUnreadCountDocument,
} from '@/gql/graphql';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createStaff } from '../helpers/factories';
import { gqlOk } from '../helpers/graphql';
import { captureStatements } from '../helpers/statements';

// What the console's screens cost in statements, with the UI's own operations: the tab counts of a screen are one
// statement, and a page costs the same number of statements whatever its size (relations come through loaders).

let manager: Viewer;
let agent: Viewer;

beforeAll(async () => {
  manager = (await createStaff('SERVICE_MANAGER')).viewer;
  const managerId = (manager as Viewer & { kind: 'staff' }).userId;
  agent = (await createStaff('SERVICE_AGENT')).viewer;
  // 60 open complaints and 60 pending callbacks, each with its own customer, owner and department (so a bigger page
  // names more of them), and 60 notifications about complaints.
  for (let i = 0; i < 60; i++) {
    const department = await prisma.department.create({ data: { code: `ST${i}`, name: `部门${i}` } });
    const owner = await createStaff('DEPARTMENT_HANDLER', { departmentId: department.id });
    const customer = await prisma.customer.create({ data: { name: `客户${i}` } });
    const complaint = await prisma.interaction.create({
      data: {
        number: `TS-ST-${i}`,
        type: 'COMPLAINT',
        channel: 'PHONE',
        status: 'INVESTIGATING',
        subject: `投诉${i}`,
        description: 'd',
        severity: 'MAJOR',
        customerId: customer.id,
        ownerId: owner.user.id,
        responsibleDepartmentId: department.id,
        resolutionDueAt: new Date(Date.now() + i * 3_600_000),
      },
    });
    await prisma.callback.create({
      data: {
        customerId: customer.id,
        interactionId: complaint.id,
        reason: 'POST_RESOLUTION',
        dueAt: new Date(Date.now() + i * 3_600_000),
        assigneeId: owner.user.id,
      },
    });
    await prisma.notification.create({
      data: {
        userId: managerId,
        kind: 'ESCALATION',
        title: `投诉${i}已超期`,
        entityType: 'Interaction',
        entityId: complaint.id,
        readAt: i % 2 ? new Date() : null,
      },
    });
  }
}, 120_000);

async function statements(
  viewer: Viewer,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
): Promise<string[]> {
  return (await captureStatements(() => gqlOk(viewer, print(document), variables))).map((s) => s.text);
}

async function endCursor(
  viewer: Viewer,
  document: DocumentNode,
  variables: Record<string, unknown>,
  field: string,
): Promise<string> {
  const data = await gqlOk<Record<string, { pageInfo: { endCursor: string } }>>(viewer, print(document), variables);
  return data[field]!.pageInfo.endCursor;
}

describe('statements per screen', () => {
  it('the complaint queue: the seven counts are one statement; a page costs the same for 5 rows or 50, first or next', async () => {
    await statements(agent, ComplaintQueueCountsDocument, { filter: null }); // the business calendar, read once per process
    expect(await statements(agent, ComplaintQueueCountsDocument, { filter: null })).toHaveLength(1);
    expect(
      await statements(agent, ComplaintQueueCountsDocument, { filter: { severity: ['MAJOR'], keyAccount: false } }),
    ).toHaveLength(1);
    for (const sort of ['DUE_SOONEST', 'SEVERITY', 'NEWEST']) {
      const small = await statements(agent, ComplaintQueueDocument, { queue: 'OPEN', sort, first: 5 });
      const large = await statements(agent, ComplaintQueueDocument, { queue: 'OPEN', sort, first: 50 });
      expect(large, sort).toHaveLength(small.length);
      expect(small.length).toBeLessThanOrEqual(5); // rows, total, customers, owners, departments
      const nextSmall = await statements(agent, ComplaintQueueDocument, {
        queue: 'OPEN',
        sort,
        first: 5,
        after: await endCursor(agent, ComplaintQueueDocument, { queue: 'OPEN', sort, first: 5 }, 'complaintQueue'),
      });
      const nextLarge = await statements(agent, ComplaintQueueDocument, {
        queue: 'OPEN',
        sort,
        first: 50,
        after: await endCursor(agent, ComplaintQueueDocument, { queue: 'OPEN', sort, first: 5 }, 'complaintQueue'),
      });
      expect(nextLarge, sort).toHaveLength(nextSmall.length);
      // + the cursor row, and a later page reads its ids from the index before its rows (complaint-queue.service.ts)
      expect(nextSmall).toHaveLength(small.length + 2);
    }
  });

  it('the callback queue: the five counts are one statement; a page costs the same for 5 rows or 50', async () => {
    expect(await statements(manager, CallbackQueueCountsDocument)).toHaveLength(1);
    const small = await statements(manager, CallbackListDocument, { filter: { queue: 'PENDING' }, first: 5 });
    expect(await statements(manager, CallbackListDocument, { filter: { queue: 'PENDING' }, first: 50 })).toHaveLength(
      small.length,
    );
    const after = await endCursor(
      manager,
      CallbackListDocument,
      { filter: { queue: 'PENDING' }, first: 5 },
      'callbacks',
    );
    const next = await statements(manager, CallbackListDocument, { filter: { queue: 'PENDING' }, first: 5, after });
    expect(
      await statements(manager, CallbackListDocument, { filter: { queue: 'PENDING' }, first: 50, after }),
    ).toHaveLength(next.length);
  });

  it('notifications: both tab counts are one statement, the bell’s one; a page costs the same for 5 rows or 50', async () => {
    expect(await statements(manager, NotificationCountsDocument)).toEqual([expect.stringMatching(/COUNT/i)]);
    expect(await statements(manager, NotificationUnreadCountDocument)).toEqual([expect.stringMatching(/COUNT/i)]);
    for (const unreadOnly of [false, true]) {
      const small = await statements(manager, NotificationListDocument, { unreadOnly, first: 5 });
      expect(small).toHaveLength(3); // the page, its types for the links, the total and unread counts together
      expect(await statements(manager, NotificationListDocument, { unreadOnly, first: 50 })).toHaveLength(3);
    }
  });

  it('the 工作台: three statements of counts and one page of notifications, nothing per tile', async () => {
    const complaintCounts = await statements(manager, ComplaintQueueCountsDocument, { filter: null });
    const callbackCounts = await statements(manager, CallbackQueueCountsDocument);
    const notices = await statements(manager, DashboardNotificationsDocument, { first: 6 });
    expect([complaintCounts.length, callbackCounts.length]).toEqual([1, 1]);
    expect(notices).toHaveLength(2); // the newest six and their records' types for the links: no counts it does not show
    expect(notices.some((s) => /COUNT/i.test(s))).toBe(false);
  });
});
