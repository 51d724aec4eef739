import 'server-only';
import type { ComplaintAction, Prisma } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { prisma } from '@/server/db';

import type { Viewer } from '@/server/viewer';
import { now as clockNow } from '@/server/clock';

import { keysetPage, type OrderKey } from '../keyset';
import { pageSize } from '../pagination.rules';
import { interactionReadScope } from '../interactions/interaction.scope';
import { ACTION_QUEUES, OPEN_ACTION_STATUSES, type ActionQueue } from './complaint-action-queue.rules';

export type ActionPage = {
  nodes: ComplaintAction[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};

// Earliest due first (every action has a due date; rows written before it was required sort last).
const EARLIEST_DUE_FIRST: readonly OrderKey<'dueAt' | 'id'>[] = [
  { field: 'dueAt', direction: 'asc', nullsLast: true },
  { field: 'id', direction: 'asc' },
];

/** The open actions of a queue the viewer may see: of complaints in their read scope that are still being worked. */
function queueWhere(viewer: Viewer, queue: ActionQueue, now: Date): Prisma.ComplaintActionWhereInput {
  const base: Prisma.ComplaintActionWhereInput = {
    status: { in: [...OPEN_ACTION_STATUSES] },
    interaction: { AND: [interactionReadScope(viewer), { status: { notIn: ['CLOSED', 'REJECTED'] } }] },
  };
  switch (queue) {
    case 'MINE':
      // An API client owns no actions.
      return viewer.kind === 'staff' ? { ...base, ownerId: viewer.userId } : { id: { in: [] } };
    case 'OVERDUE':
      return { ...base, dueAt: { lt: now } };
    case 'OPEN':
      return base;
  }
}

export async function listComplaintActions(
  viewer: Viewer,
  args: { queue: ActionQueue; first?: number | null; after?: string | null },
  now: Date = clockNow(),
): Promise<ActionPage> {
  requirePermission(viewer, 'interactions:read');
  const first = pageSize(args.first);
  const where = queueWhere(viewer, args.queue, now);
  return keysetPage(
    EARLIEST_DUE_FIRST,
    { where, first, after: args.after },
    {
      cursor: (id, select) => prisma.complaintAction.findUnique({ where: { id }, select }),
      rows: (query: Prisma.ComplaintActionFindManyArgs) => prisma.complaintAction.findMany(query),
      count: (query) => prisma.complaintAction.count(query),
    },
  );
}

/** How many actions each queue holds, for the tabs and the 工作台 (three index-backed counts). */
export async function complaintActionCounts(
  viewer: Viewer,
  now: Date = clockNow(),
): Promise<{ queue: ActionQueue; count: number }[]> {
  requirePermission(viewer, 'interactions:read');
  return Promise.all(
    ACTION_QUEUES.map(async (queue) => ({
      queue,
      count: await prisma.complaintAction.count({ where: queueWhere(viewer, queue, now) }),
    })),
  );
}
