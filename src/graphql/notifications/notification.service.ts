import type { Notification, Prisma } from '@/generated/prisma/client';
import { requireStaff } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { prisma } from '@/server/db';
import { badInput } from '@/server/errors';
import type { Viewer } from '@/server/viewer';
import { decodeCursor, encodeCursor, isUuid } from '../cursor';
import { MAX_MARK_IDS, notificationHref } from './notification.rules';

/**
 * In-app notifications: each staff user reads and marks their own, and nobody else's — every query is scoped by
 * `userId = viewer.userId` first, so another user's id, cursor or count is never reachable (their ids are ignored
 * by the mark mutations, not reported, so existence cannot be probed).
 *
 * Queries and the index @@index([userId, readAt, createdAt]): the count and the unread tab are
 * `userId = ? AND readAt IS NULL [AND (createdAt, id) < cursor] ORDER BY createdAt DESC` — an index range read
 * backwards. The all tab filters on the index's first column and sorts the user's rows; a person's notifications
 * are in the hundreds to low thousands a year, so that top-N sort stays cheap and needs no second index.
 */

export const MAX_PAGE_SIZE = 100;

export type NotificationNode = Notification & { href: string | null };
export type NotificationPage = { nodes: NotificationNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number };

/** The policy again (services do not trust their callers): only a signed-in staff user has notifications. */
function ownerOf(viewer: Viewer): string {
  requireStaff(viewer);
  return viewer.userId;
}

/** One page of the viewer's notifications, newest first; id breaks ties so pages never overlap or skip. */
export async function listMyNotifications(viewer: Viewer, args: { unreadOnly?: boolean | null; first?: number | null; after?: string | null }): Promise<NotificationPage> {
  const userId = ownerOf(viewer);
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { first: `每页条数须在 1 到 ${MAX_PAGE_SIZE} 之间` });
  }
  const where: Prisma.NotificationWhereInput = { userId, ...(args.unreadOnly ? { readAt: null } : {}) };
  let after: Prisma.NotificationWhereInput = {};
  if (args.after) {
    const cursorId = decodeCursor(args.after);
    // The cursor must be one of the viewer's own rows: someone else's id would tell the time of their notification.
    const cursor = await prisma.notification.findFirst({ where: { id: cursorId, userId }, select: { id: true, createdAt: true } });
    if (!cursor) throw badInput('Invalid cursor', { after: '游标无效' });
    after = { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
  }
  const [rows, totalCount] = await Promise.all([
    prisma.notification.findMany({ where: { AND: [where, after] }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: first + 1 }),
    prisma.notification.count({ where }),
  ]);
  const hasNextPage = rows.length > first;
  const page = hasNextPage ? rows.slice(0, first) : rows;
  const last = page.at(-1);
  return { nodes: await withHrefs(page), pageInfo: { hasNextPage, endCursor: last ? encodeCursor(last.id) : null }, totalCount };
}

/** Console links for a page of notifications: one query for the types of the interactions they name. */
async function withHrefs(rows: Notification[]): Promise<NotificationNode[]> {
  const interactionIds = [...new Set(rows.flatMap((n) => (n.entityType === 'Interaction' && n.entityId ? [n.entityId] : [])))];
  const types = interactionIds.length
    ? new Map((await prisma.interaction.findMany({ where: { id: { in: interactionIds } }, select: { id: true, type: true } })).map((i) => [i.id, i.type]))
    : new Map();
  return rows.map((n) => ({ ...n, href: notificationHref(n.entityType, n.entityId, (n.entityId && types.get(n.entityId)) ?? null) }));
}

export async function unreadNotificationCount(viewer: Viewer): Promise<number> {
  return prisma.notification.count({ where: { userId: ownerOf(viewer), readAt: null } });
}

/** Marks the viewer's own unread notifications among `ids` read; returns how many changed. */
export async function markNotificationsRead(viewer: Viewer, ids: readonly string[], now: Date = clockNow()): Promise<number> {
  const userId = ownerOf(viewer);
  if (ids.length > MAX_MARK_IDS) throw badInput(`At most ${MAX_MARK_IDS} ids at once`, { ids: `一次最多标记 ${MAX_MARK_IDS} 条` });
  // Something that is not a UUID is nobody's notification: ignored like another user's id.
  const own = [...new Set(ids.filter(isUuid))];
  if (own.length === 0) return 0;
  const { count } = await prisma.notification.updateMany({ where: { id: { in: own }, userId, readAt: null }, data: { readAt: now } });
  return count;
}

export async function markAllNotificationsRead(viewer: Viewer, now: Date = clockNow()): Promise<number> {
  const { count } = await prisma.notification.updateMany({ where: { userId: ownerOf(viewer), readAt: null }, data: { readAt: now } });
  return count;
}
