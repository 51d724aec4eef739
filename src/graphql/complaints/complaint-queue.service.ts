import type { Prisma } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import { badInput, forbidden } from '@/server/errors';
import type { Viewer } from '@/server/viewer';
import type { CauseClass, InteractionStatus, Severity } from '@/generated/prisma/enums';
import { decodeCursor, encodeCursor, isUuid } from '../cursor';
import { interactionReadScope, interactionWhere, type InteractionPage } from '../interactions/interaction.service';
import { loadBusinessCalendar } from './business-calendar';
import { addBusinessHours } from './sla-clock.rules';
import { now as clockNow } from '@/server/clock';

export const COMPLAINT_QUEUES = ['MINE', 'MY_DEPARTMENT', 'UNASSIGNED', 'DUE_SOON', 'OVERDUE', 'CRISIS', 'OPEN'] as const;
export type ComplaintQueue = (typeof COMPLAINT_QUEUES)[number];

const CLOSED_STATES = ['RESOLVED', 'FOLLOW_UP_DONE', 'CLOSED', 'REJECTED'] as const;
/** Resolution due within this many business hours counts as "due soon" (the escalation job warns at the same mark). */
const DUE_SOON_HOURS = 4;

/** The open complaints of a work queue (SPEC §4), for a staff member. Every condition is backed by an index. */
export async function queueWhere(viewer: Viewer, queue: ComplaintQueue, now: Date): Promise<Prisma.InteractionWhereInput> {
  requirePermission(viewer, 'interactions:read');
  if (viewer.kind !== 'staff') throw forbidden('工作队列仅供员工使用');
  const open: Prisma.InteractionWhereInput = { AND: [interactionReadScope(viewer), { type: 'COMPLAINT', status: { notIn: [...CLOSED_STATES] } }] };
  switch (queue) {
    case 'MINE':
      return { ...open, ownerId: viewer.userId };
    case 'MY_DEPARTMENT':
      return { ...open, responsibleDepartmentId: viewer.departmentId ?? '00000000-0000-0000-0000-000000000000' };
    case 'UNASSIGNED':
      return { ...open, OR: [{ responsibleDepartmentId: null }, { ownerId: null }] };
    case 'DUE_SOON': {
      const soon = addBusinessHours(now, DUE_SOON_HOURS, await loadBusinessCalendar());
      return { ...open, resolutionDueAt: { gte: now, lte: soon } };
    }
    case 'OVERDUE':
      return { ...open, OR: [{ resolutionDueAt: { lt: now } }, { responsibleDepartmentId: null, triageDueAt: { lt: now } }] };
    case 'CRISIS':
      return { ...open, severity: 'CRISIS' };
    case 'OPEN':
      return open;
  }
}

export type ComplaintQueueFilter = {
  severity?: readonly Severity[] | null;
  causeClass?: readonly CauseClass[] | null;
  status?: readonly InteractionStatus[] | null;
  responsibleDepartmentId?: string | null;
  ownerId?: string | null;
  customerId?: string | null;
  keyAccount?: boolean | null;
  createdAt?: { from?: Date | null; to?: Date | null } | null;
  search?: string | null;
};

/** The filter's conditions (each on an indexed column); ids are checked so a typo is a field message, not a 500. */
export function complaintFilterWhere(filter: ComplaintQueueFilter = {}): Prisma.InteractionWhereInput {
  const and: Prisma.InteractionWhereInput[] = [interactionWhere({ status: filter.status, customerId: filter.customerId, createdAt: filter.createdAt, search: filter.search })];
  if (filter.severity?.length) and.push({ severity: { in: [...filter.severity] } });
  if (filter.causeClass?.length) and.push({ causeClass: { in: [...filter.causeClass] } });
  if (filter.responsibleDepartmentId) {
    if (!isUuid(filter.responsibleDepartmentId)) throw badInput('Invalid department id', { responsibleDepartmentId: '部门无效' });
    and.push({ responsibleDepartmentId: filter.responsibleDepartmentId });
  }
  if (filter.ownerId) {
    if (!isUuid(filter.ownerId)) throw badInput('Invalid owner id', { ownerId: '负责人无效' });
    and.push({ ownerId: filter.ownerId });
  }
  if (filter.keyAccount != null) and.push({ isKeyAccount: filter.keyAccount });
  return { AND: and };
}

const ORDER_BY = {
  DUE_SOONEST: [{ resolutionDueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
  // PostgreSQL sorts an enum by declaration order (GENERAL < MAJOR < CRISIS).
  SEVERITY: [{ severity: { sort: 'desc', nulls: 'last' } }, { resolutionDueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
  NEWEST: [{ createdAt: 'desc' }, { id: 'desc' }],
  OLDEST: [{ createdAt: 'asc' }, { id: 'asc' }],
} satisfies Record<string, Prisma.InteractionOrderByWithRelationInput[]>;
export type ComplaintQueueSort = keyof typeof ORDER_BY;

async function filteredQueueWhere(viewer: Viewer, queue: ComplaintQueue, filterWhere: Prisma.InteractionWhereInput | null, now: Date): Promise<Prisma.InteractionWhereInput> {
  const where = await queueWhere(viewer, queue, now);
  return filterWhere ? { AND: [where, filterWhere] } : where;
}

/** One page of a work queue, filtered, most urgent first unless another order is asked for. */
export async function listComplaintQueue(
  viewer: Viewer,
  args: { queue: ComplaintQueue; filter?: ComplaintQueueFilter | null; sort?: ComplaintQueueSort | null; first?: number | null; after?: string | null },
  now = clockNow(),
): Promise<InteractionPage> {
  const first = args.first ?? 25;
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first must be between 1 and 100', { first: '每页条数须在 1 到 100 之间' });
  const where = await filteredQueueWhere(viewer, args.queue, args.filter ? complaintFilterWhere(args.filter) : null, now);
  const rows = await prisma.interaction.findMany({
    where,
    orderBy: ORDER_BY[args.sort ?? 'DUE_SOONEST'],
    take: first + 1,
    ...(args.after ? { cursor: { id: decodeCursor(args.after) }, skip: 1 } : {}),
  });
  const hasNextPage = rows.length > first;
  const page = hasNextPage ? rows.slice(0, first) : rows;
  const last = page.at(-1);
  return { rows: page, hasNextPage, endCursor: last ? encodeCursor(last.id) : null, where, whereWithoutStatus: where };
}

/** How many complaints each queue holds (under the same filter), for the queue tabs. */
export async function complaintQueueCounts(viewer: Viewer, filter?: ComplaintQueueFilter | null, now = clockNow()) {
  const filterWhere = filter ? complaintFilterWhere(filter) : null;
  return Promise.all(
    COMPLAINT_QUEUES.map(async (queue) => ({ queue, count: await prisma.interaction.count({ where: await filteredQueueWhere(viewer, queue, filterWhere, now) }) })),
  );
}
