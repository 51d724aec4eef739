import 'server-only';
import { Prisma, type ComplaintAction } from '@/generated/prisma/client';
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

/**
 * interactionReadScope as SQL on the complaint `i`, for the one counts statement (Prisma's `count` cannot filter
 * counts): a customer its organisation's, a department handler what is assigned to their department or to them.
 */
function readScopeSql(viewer: Viewer): Prisma.Sql {
  if (viewer.kind === 'customer') return Prisma.sql`i."customerId" = ${viewer.customerId}::uuid`;
  if (viewer.kind === 'staff' && viewer.role === 'DEPARTMENT_HANDLER')
    return viewer.departmentId
      ? Prisma.sql`(i."ownerId" = ${viewer.userId}::uuid OR i."responsibleDepartmentId" = ${viewer.departmentId}::uuid)`
      : Prisma.sql`i."ownerId" = ${viewer.userId}::uuid`;
  return Prisma.sql`TRUE`;
}

/**
 * How many actions each queue holds, for the tabs and the 工作台: one statement, `count(*) FILTER` per queue over the
 * open actions of complaints in the viewer's scope still being worked (queueWhere's conditions, written in SQL;
 * tests/integration/complaint-actions.test.ts holds the two to the same answers).
 */
export async function complaintActionCounts(
  viewer: Viewer,
  now: Date = clockNow(),
): Promise<{ queue: ActionQueue; count: number }[]> {
  requirePermission(viewer, 'interactions:read');
  // An API client owns no actions.
  const mine = viewer.kind === 'staff' ? Prisma.sql`a."ownerId" = ${viewer.userId}::uuid` : Prisma.sql`FALSE`;
  const [row] = await prisma.$queryRaw<Record<ActionQueue, number>[]>`
    SELECT count(*) FILTER (WHERE ${mine})::int AS "MINE",
           count(*) FILTER (WHERE a."dueAt" < ${now})::int AS "OVERDUE",
           count(*)::int AS "OPEN"
    FROM "ComplaintAction" a JOIN "Interaction" i ON i."id" = a."interactionId"
    WHERE a."status"::text = ANY(${[...OPEN_ACTION_STATUSES]}::text[])
      AND i."status" NOT IN ('CLOSED', 'REJECTED') AND ${readScopeSql(viewer)}`;
  return ACTION_QUEUES.map((queue) => ({ queue, count: row?.[queue] ?? 0 }));
}
