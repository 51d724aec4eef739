import 'server-only';
import type DataLoader from 'dataloader';
import type { Notification, Prisma } from '@/generated/prisma/client';
import { requireStaff } from '@/server/auth/policies';
import { readCached, readCachedMany } from '@/server/cache/read-cache';
import { now as clockNow } from '@/server/clock';
import { prisma } from '@/server/db';
import { badField } from '@/server/errors';
import type { Viewer } from '@/server/viewer';
import { decodeCursor, isUuid } from '../cursor';
import { rowsByKey } from '../loader-utils';
import { MAX_MARK_IDS, notificationHref } from './notification.rules';
import { pageOf, pageSize } from '../pagination.rules';

/**
 * In-app notifications: each staff user reads and marks their own, and nobody else's — every query is scoped by
 * `userId = viewer.userId` first, so another user's id, cursor or count is never reachable (their ids are ignored
 * by the mark mutations, not reported, so existence cannot be probed).
 *
 * Queries and indexes: the unread count and the unread tab read (userId, readAt, createdAt) —
 * `userId = ? AND readAt IS NULL ORDER BY createdAt DESC` is a range read backwards; the all tab reads
 * (userId, createdAt, id) backwards (a service manager collects tens of thousands of escalations a year, so sorting
 * them all per page is not an option). The counts a request asks for (the 全部 and 未读 tabs, the bell) are one
 * statement: they go through the request's counter (notifications.loaders.ts, countNotifications).
 */

export type NotificationNode = Notification & { href: string | null };
/**
 * A page as the GraphQL connection reads it: the rows are read when `nodes` or `pageInfo` is asked for, the total when
 * `totalCount` is — so a request asking only for counts reads no rows, and its counts meet in one statement.
 */
export type NotificationPage = {
  page: () => Promise<{ nodes: NotificationNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>;
  totalCount: () => Promise<number>;
};

export type NotificationCountKey = { userId: string; unreadOnly: boolean };
export type NotificationCounter = DataLoader<NotificationCountKey, number, string>;

/** The policy again (services do not trust their callers): only a signed-in staff user has notifications. */
function ownerOf(viewer: Viewer): string {
  requireStaff(viewer);
  return viewer.userId;
}

/**
 * The counts a request asks for (the list's total, the bell's unread count: a person's own), kept a few seconds per set
 * of counts asked (src/server/cache/read-cache.ts): the bell polls, and a total reads every row a person was sent.
 */
export function countNotifications(keys: readonly NotificationCountKey[]): Promise<number[]> {
  const asked = keys.map((k) => `${k.userId}|${k.unreadOnly}`).join(',');
  return readCached('notificationCounts', asked, () => countNow(keys));
}

/**
 * The counts asked for in one request, in one statement: only unread ones (the bell's poll reads the unread rows of the
 * index alone), or all with their unread part (`count(*)` and `count("readAt")` grouped by user).
 */
async function countNow(keys: readonly NotificationCountKey[]): Promise<number[]> {
  const userIds = [...new Set(keys.map((k) => k.userId))];
  if (keys.every((k) => k.unreadOnly)) {
    const groups = await prisma.notification.groupBy({
      by: ['userId'],
      where: { userId: { in: userIds }, readAt: null },
      _count: { _all: true },
    });
    const unread = new Map(groups.map((g) => [g.userId, g._count._all]));
    return keys.map((k) => unread.get(k.userId) ?? 0);
  }
  const groups = await prisma.notification.groupBy({
    by: ['userId'],
    where: { userId: { in: userIds } },
    _count: { _all: true, readAt: true },
  });
  const counts = new Map(
    groups.map((g) => [g.userId, { all: g._count._all, unread: g._count._all - g._count.readAt }]),
  );
  return keys.map((k) => (k.unreadOnly ? counts.get(k.userId)?.unread : counts.get(k.userId)?.all) ?? 0);
}

/** One page of the viewer's notifications, newest first; id breaks ties so pages never overlap or skip. */
export function listMyNotifications(
  viewer: Viewer,
  args: { unreadOnly?: boolean | null; first?: number | null; after?: string | null },
  counter: NotificationCounter,
): NotificationPage {
  const userId = ownerOf(viewer);
  const first = pageSize(args.first, 20);
  const cursorId = args.after ? decodeCursor(args.after) : null;
  const unreadOnly = Boolean(args.unreadOnly);
  const where: Prisma.NotificationWhereInput = { userId, ...(unreadOnly ? { readAt: null } : {}) };
  let read: ReturnType<NotificationPage['page']> | undefined;
  const page = () =>
    (read ??= (async () => {
      let after: Prisma.NotificationWhereInput = {};
      if (cursorId) {
        // The cursor must be one of the viewer's own rows: someone else's id would tell the time of their notification.
        const cursor = await prisma.notification.findFirst({
          where: { id: cursorId, userId },
          select: { id: true, createdAt: true },
        });
        if (!cursor) throw badField('after', 'pagination.invalidCursor');
        after = {
          OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
        };
      }
      const rows = await prisma.notification.findMany({
        where: { AND: [where, after] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: first + 1,
      });
      const { rows: nodes, hasNextPage, endCursor } = pageOf(rows, first);
      return { nodes: await withHrefs(nodes), pageInfo: { hasNextPage, endCursor } };
    })());
  return { page, totalCount: () => counter.load({ userId, unreadOnly }) };
}

/** Console links for a page of notifications: one query for the types of the interactions they name. */
async function withHrefs(rows: Notification[]): Promise<NotificationNode[]> {
  const interactionIds = [
    ...new Set(rows.flatMap((n) => (n.entityType === 'Interaction' && n.entityId ? [n.entityId] : []))),
  ];
  // The same few records' types on every visit to the 工作台: through the short read cache.
  const types = new Map(
    interactionIds.length
      ? (
          await readCachedMany('interactionTypes', interactionIds, async (missing) =>
            (
              await rowsByKey('id', missing, (where) =>
                prisma.interaction.findMany({ where, select: { id: true, type: true } }),
              )
            ).map((row) => row?.type ?? null),
          )
        ).map((type, i) => [interactionIds[i]!, type])
      : [],
  );
  return rows.map((n) => ({
    ...n,
    href: notificationHref(n.entityType, n.entityId, (n.entityId ? types.get(n.entityId) : null) ?? null),
  }));
}

export function unreadNotificationCount(viewer: Viewer, counter: NotificationCounter): Promise<number> {
  return counter.load({ userId: ownerOf(viewer), unreadOnly: true });
}

/** Marks the viewer's own unread notifications among `ids` read; returns how many changed. */
export async function markNotificationsRead(
  viewer: Viewer,
  ids: readonly string[],
  now: Date = clockNow(),
): Promise<number> {
  const userId = ownerOf(viewer);
  if (ids.length > MAX_MARK_IDS) throw badField('ids', 'notification.tooManyIds', { max: MAX_MARK_IDS });
  // Something that is not a UUID is nobody's notification: ignored like another user's id.
  const own = [...new Set(ids.filter(isUuid))];
  if (own.length === 0) return 0;
  const { count } = await prisma.notification.updateMany({
    where: { id: { in: own }, userId, readAt: null },
    data: { readAt: now },
  });
  return count;
}

export async function markAllNotificationsRead(viewer: Viewer, now: Date = clockNow()): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { userId: ownerOf(viewer), readAt: null },
    data: { readAt: now },
  });
  return count;
}
