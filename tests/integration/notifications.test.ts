import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEscalationSweep } from '@/graphql/complaints/escalation.service';
import { prisma } from '@/server/db';
import { notifyUsers } from '@/server/notify/notify';
import { startQueue, stopQueue } from '@/server/queue/boss';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import { noticeMessage } from '@/lib/activity';

// The bell's API through the real GraphQL pipeline: an escalation's notification reaches its owner, each staff user
// reads and marks only their own, pages are newest first without duplicates or gaps, and nobody but staff gets in.

const queueSchema = `pgboss_test_${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const sh = (local: string) => new Date(`${local}+08:00`); // Asia/Shanghai

const LIST = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  myNotifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id kind title body entityType entityId href readAt createdAt }
  }
}`;
const COUNT = `{ unreadNotificationCount }`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
const MARK_ALL = `mutation { markAllNotificationsRead }`;

type Node = {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  entityType: string | null;
  entityId: string | null;
  href: string | null;
  readAt: string | null;
  createdAt: string;
};
type Page = {
  myNotifications: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Node[] };
};

const list = (viewer: Viewer, variables: Record<string, unknown> = {}) =>
  gqlOk<Page>(viewer, LIST, variables).then((d) => d.myNotifications);
const unread = (viewer: Viewer) =>
  gqlOk<{ unreadNotificationCount: number }>(viewer, COUNT).then((d) => d.unreadNotificationCount);

let owner: Viewer & { kind: 'staff' };
let other: Viewer & { kind: 'staff' };
let complaintId = '';
let complaintNumber = '';

beforeAll(async () => {
  await startQueue({ schedule: false });
  owner = (await createStaff('DEPARTMENT_HANDLER')).viewer as Viewer & { kind: 'staff' };
  other = (await createStaff('SERVICE_AGENT')).viewer as Viewer & { kind: 'staff' };
  const department = await prisma.department.create({ data: { code: 'QA-NOTE', name: '质量部' } });
  const complaint = await prisma.interaction.create({
    data: {
      number: 'TS-NOTE-1',
      type: 'COMPLAINT',
      channel: 'PHONE',
      subject: '批次 7 外径超差',
      description: '外径超差 0.2 mm',
      status: 'INVESTIGATING',
      severity: 'GENERAL',
      responsibleDepartmentId: department.id,
      ownerId: owner.userId,
      resolutionDueAt: sh('2026-11-20T15:30:00'),
    },
  });
  complaintId = complaint.id;
  complaintNumber = complaint.number;
});

afterAll(async () => {
  await stopQueue();
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

describe('notifications', () => {
  it("an overdue complaint escalated by the sweep shows in its owner's notifications and unread count, linked to the workbench", async () => {
    expect(await unread(owner)).toBe(0);
    const result = await runEscalationSweep(sh('2026-11-20T16:00:00')); // half an hour overdue: level 1 → owner
    expect(result.escalations).toBeGreaterThanOrEqual(1);

    const page = await list(owner);
    const note = page.nodes.find((n) => n.entityId === complaintId);
    expect(note).toMatchObject({
      kind: 'ESCALATION_RESOLUTION_OVERDUE',
      entityType: 'Interaction',
      href: `/console/complaints/${complaintId}`,
      readAt: null,
    });
    expect(note?.title).toContain(complaintNumber);
    expect(note?.body).toContain('批次 7 外径超差');
    expect(await unread(owner)).toBe(page.nodes.filter((n) => !n.readAt).length);
    expect(await unread(owner)).toBeGreaterThanOrEqual(1);
    // The other user was not notified and sees nothing of it.
    expect((await list(other)).nodes).toEqual([]);
    expect(await unread(other)).toBe(0);
  });

  it("nobody marks or pages through someone else's notifications; their ids are ignored", async () => {
    const mine = (await list(owner)).nodes;
    const ids = mine.map((n) => n.id);
    expect(await gqlOk(other, MARK, { ids })).toEqual({ markNotificationsRead: 0 });
    expect((await list(owner)).nodes.every((n) => n.readAt === null)).toBe(true);
    // A cursor made from another user's row is refused rather than used as a position in the viewer's list.
    const foreign = await gqlAs(other, LIST, { after: Buffer.from(ids[0]!, 'utf8').toString('base64url') });
    expect(errorCodes(foreign)).toEqual(['BAD_USER_INPUT']);
  });

  it('marks some read, then all; counts follow, and the unread tab empties', async () => {
    await prisma.$transaction((tx) =>
      notifyUsers(tx, [owner.userId], {
        kind: 'TEST',
        message: noticeMessage('notice.PLAN_APPROVED', { number: 'TS-2', subject: '第二条' }),
      }),
    );
    const before = await unread(owner);
    const [newest] = (await list(owner)).nodes;
    // Marking twice counts once; a non-UUID and an unknown id are ignored like someone else's.
    expect(
      await gqlOk(owner, MARK, { ids: [newest!.id, newest!.id, 'nope', '00000000-0000-4000-8000-000000000000'] }),
    ).toEqual({ markNotificationsRead: 1 });
    expect(await gqlOk(owner, MARK, { ids: [newest!.id] })).toEqual({ markNotificationsRead: 0 });
    expect(await unread(owner)).toBe(before - 1);
    const unreadOnly = await list(owner, { unreadOnly: true });
    expect(unreadOnly.nodes.map((n) => n.id)).not.toContain(newest!.id);
    expect(unreadOnly.totalCount).toBe(before - 1);

    expect(await gqlOk(owner, MARK_ALL)).toEqual({ markAllNotificationsRead: before - 1 });
    expect(await unread(owner)).toBe(0);
    expect((await list(owner, { unreadOnly: true })).nodes).toEqual([]);
    expect((await list(owner)).nodes.every((n) => n.readAt !== null)).toBe(true);
  });

  it('refuses more than 100 ids and page sizes out of range', async () => {
    const ids = Array.from({ length: 101 }, () => '00000000-0000-4000-8000-000000000000');
    const tooMany = await gqlAs(owner, MARK, { ids });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors?.[0]?.extensions?.fields).toHaveProperty('ids');
    expect(errorCodes(await gqlAs(owner, LIST, { first: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gqlAs(owner, LIST, { first: 101 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gqlAs(owner, LIST, { after: 'garbage' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('pages newest first across pages without duplicates or gaps, also with equal timestamps', async () => {
    const reader = (await createStaff('SERVICE_MANAGER')).viewer;
    if (reader.kind !== 'staff') throw new Error('staff expected');
    // 45 rows, in groups of 5 sharing one createdAt (as one transaction's notifyUsers writes them), and 10 unread.
    const base = Date.parse('2026-11-01T00:00:00Z');
    await prisma.notification.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({
        userId: reader.userId,
        kind: 'TEST',
        title: `通知 ${i}`,
        createdAt: new Date(base + Math.floor(i / 5) * 60_000),
        readAt: i % 9 === 0 || i % 4 === 0 ? null : new Date(base),
      })),
    });
    const expectedUnread = Array.from({ length: 45 }, (_, i) => i).filter((i) => i % 9 === 0 || i % 4 === 0).length;

    for (const [unreadOnly, total] of [
      [false, 45],
      [true, expectedUnread],
    ] as const) {
      const seen: Node[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: Page['myNotifications'] = await list(reader, { unreadOnly, first: 7, after });
        expect(page.totalCount).toBe(total);
        seen.push(...page.nodes);
        pages += 1;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(Math.ceil(total / 7));
      expect(new Set(seen.map((n) => n.id)).size).toBe(total);
      const times = seen.map((n) => Date.parse(n.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      if (unreadOnly) expect(seen.every((n) => n.readAt === null)).toBe(true);
    }
    expect(await unread(reader)).toBe(expectedUnread);
  });

  it('refuses customers and API keys (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const customer = await createCustomerRecord();
    const customerViewer = (await createCustomerUser(customer.id)).viewer;
    // An API key with every scope an admin may grant: notifications belong to people, not to machine clients.
    const apiKey: Viewer = {
      kind: 'apiClient',
      apiKeyId: '00000000-0000-4000-8000-000000000001',
      name: 'crm',
      scopes: ['customers:read', 'interactions:read', 'callbacks:read', 'surveys:read'],
    };
    const ids = (await list(owner)).nodes.map((n) => n.id);
    for (const [viewer, code] of [
      [customerViewer, 'FORBIDDEN'],
      [apiKey, 'FORBIDDEN'],
      [{ kind: 'anonymous' } as Viewer, 'UNAUTHENTICATED'],
    ] as const) {
      expect(errorCodes(await gqlAs(viewer, LIST))).toEqual([code]);
      expect(errorCodes(await gqlAs(viewer, COUNT))).toEqual([code]);
      expect(errorCodes(await gqlAs(viewer, MARK, { ids }))).toEqual([code]);
      expect(errorCodes(await gqlAs(viewer, MARK_ALL))).toEqual([code]);
    }
  });
});
