import 'server-only';
import { Prisma, type Interaction } from '@/generated/prisma/client';
import { Severity, type CauseClass, type InteractionStatus } from '@/generated/prisma/enums';
import { requirePermission } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import { badField, forbidden } from '@/server/errors';
import type { Viewer } from '@/server/viewer';
import { decodeCursor, isUuid } from '../cursor';
import { afterCursor, keysetSelect, orderByOf, orderBySql, selectedColumnsSql, type OrderKey } from '../keyset';
import { interactionReadScope } from '../interactions/interaction.scope';
import { createdAtBounds, type InteractionPage } from '../interactions/interaction.service';
import { loadBusinessCalendar } from './business-calendar.service';
import { loadApprovalAuthority } from './complaint.service';
import { addBusinessHours } from './sla-clock.rules';
import { CLOSURE_QUEUE, COMPLAINT_QUEUES, type ComplaintQueue } from './complaint-workflow.rules';
import { now as clockNow } from '@/server/clock';
import { readCached } from '@/server/cache/read-cache';
import { pageOf, pageSize } from '../pagination.rules';

/**
 * The complaint work queues (SPEC §4): open complaints only, each queue a condition on them, filtered, in one of four
 * orders. Open complaints are a few percent of the history, so every query starts from `isOpenComplaint` — a boolean
 * PostgreSQL derives from type and status — and reads one of the partial indexes on open complaints
 * (schema.prisma, Interaction_open_complaint_*_idx); tests/integration/open-work-plans.test.ts checks the plans.
 *
 * Each condition is written twice, side by side: as a Prisma `where` (the page and its total, which Prisma builds)
 * and as SQL (the tab counts in one statement with `count(*) FILTER (WHERE …)`, which Prisma cannot express).
 * tests/integration/complaint-queues.test.ts holds the two to the same answers.
 *
 * One queue, 待关闭 (AWAITING_CLOSURE), holds complaints outside the open ones: those whose follow-up is done and that
 * wait for quality to confirm the closure. It starts from `isAwaitingClosure` instead (generated the same way) and reads
 * the partial indexes on it (Interaction_awaiting_closure_*_idx); its count is a sub-select of the same statement.
 */

// The queues themselves are listed in complaint-workflow.rules.ts, where the console's tabs read them too.
export { COMPLAINT_QUEUES, type ComplaintQueue };

/** Resolution due within this many business hours counts as "due soon" (the escalation job warns at the same mark). */
const DUE_SOON_HOURS = 4;
const NOWHERE = '00000000-0000-0000-0000-000000000000';

type Condition = { where: Prisma.InteractionWhereInput; sql: Prisma.Sql };
type StaffViewer = Extract<Viewer, { kind: 'staff' }>;

const ALWAYS = Prisma.sql`TRUE`;
/** Complaints not yet resolved, closed or rejected: the generated column, so the partial indexes apply. */
const OPEN_COMPLAINTS: Condition = { where: { isOpenComplaint: true }, sql: Prisma.sql`"isOpenComplaint"` };
/** Complaints whose follow-up is done, awaiting quality's closure (FOLLOW_UP_DONE): the 待关闭 queue's rows. */
const AWAITING_CLOSURE: Condition = { where: { isAwaitingClosure: true }, sql: Prisma.sql`"isAwaitingClosure"` };
/** The complaints a queue is drawn from. */
const rowsOf = (queue: ComplaintQueue): Condition => (queue === CLOSURE_QUEUE ? AWAITING_CLOSURE : OPEN_COMPLAINTS);

function staffOnly(viewer: Viewer): StaffViewer {
  requirePermission(viewer, 'interactions:read');
  if (viewer.kind !== 'staff') throw forbidden('complaint.queuesStaffOnly');
  return viewer;
}

/** interactionReadScope for staff: a department handler sees what is assigned to their department or to them. */
function readScope(viewer: StaffViewer): Condition {
  const where = interactionReadScope(viewer);
  if (viewer.role !== 'DEPARTMENT_HANDLER') return { where, sql: ALWAYS };
  const sql = viewer.departmentId
    ? Prisma.sql`("ownerId" = ${viewer.userId}::uuid OR "responsibleDepartmentId" = ${viewer.departmentId}::uuid)`
    : Prisma.sql`"ownerId" = ${viewer.userId}::uuid`;
  return { where, sql };
}

async function queueCondition(viewer: StaffViewer, queue: ComplaintQueue, now: Date): Promise<Condition> {
  switch (queue) {
    case 'MINE':
      return { where: { ownerId: viewer.userId }, sql: Prisma.sql`"ownerId" = ${viewer.userId}::uuid` };
    case 'MY_DEPARTMENT': {
      const department = viewer.departmentId ?? NOWHERE;
      return {
        where: { responsibleDepartmentId: department },
        sql: Prisma.sql`"responsibleDepartmentId" = ${department}::uuid`,
      };
    }
    case 'UNASSIGNED':
      return {
        where: { OR: [{ responsibleDepartmentId: null }, { ownerId: null }] },
        sql: Prisma.sql`("responsibleDepartmentId" IS NULL OR "ownerId" IS NULL)`,
      };
    case 'DUE_SOON': {
      const soon = addBusinessHours(now, DUE_SOON_HOURS, await loadBusinessCalendar());
      return {
        where: { resolutionDueAt: { gte: now, lte: soon } },
        sql: Prisma.sql`("resolutionDueAt" >= ${now} AND "resolutionDueAt" <= ${soon})`,
      };
    }
    case 'OVERDUE':
      return {
        where: { OR: [{ resolutionDueAt: { lt: now } }, { responsibleDepartmentId: null, triageDueAt: { lt: now } }] },
        sql: Prisma.sql`("resolutionDueAt" < ${now} OR ("responsibleDepartmentId" IS NULL AND "triageDueAt" < ${now}))`,
      };
    case 'CRISIS':
      return { where: { severity: 'CRISIS' }, sql: Prisma.sql`"severity" = 'CRISIS'` };
    case 'MY_APPROVAL': {
      // The severities whose plans the viewer's role may approve (核决权限, configurable): none → an empty queue.
      const authority = await loadApprovalAuthority();
      const severities = Object.values(Severity).filter((s) => authority[s].approve.includes(viewer.role));
      if (severities.length === 0) return { where: { severity: { in: [] } }, sql: Prisma.sql`FALSE` };
      return {
        where: { status: 'PENDING_APPROVAL', severity: { in: severities } },
        sql: Prisma.sql`("status" = 'PENDING_APPROVAL' AND ${oneOf('severity', severities)})`,
      };
    }
    case 'VERIFICATION':
      return { where: { status: 'VERIFYING' }, sql: Prisma.sql`"status" = 'VERIFYING'` };
    case 'AWAITING_CLOSURE':
      // Every complaint awaiting closure (rowsOf): the queue is its rows, not a condition on the open ones.
      return { where: {}, sql: ALWAYS };
    case 'OPEN':
      return { where: {}, sql: ALWAYS };
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

/** An enum column in a list of values (compared as text: a filter, never an index predicate). */
const oneOf = (column: string, values: readonly string[]) =>
  Prisma.sql`${Prisma.raw(`"${column}"`)}::text = ANY(${[...values]}::text[])`;
/** Prisma's `contains` with `mode: 'insensitive'`, as it writes it (ILIKE, wildcards in the text not escaped). */
const containsText = (column: string, text: string) =>
  Prisma.sql`${Prisma.raw(`"${column}"`)} ILIKE ('%' || ${text} || '%')`;

/**
 * The filter's conditions, as the interactions list reads its own (interactionWhere: status, customer, days in
 * Asia/Shanghai, number/subject search) plus the queue's. Ids are checked, so a typo is a field message, not a 500.
 */
function filterConditions(filter: ComplaintQueueFilter): Condition[] {
  const conditions: Condition[] = [];
  if (filter.status?.length)
    conditions.push({ where: { status: { in: [...filter.status] } }, sql: oneOf('status', filter.status) });
  if (filter.customerId) {
    if (!isUuid(filter.customerId)) throw badField('customerId', 'common.invalidId');
    conditions.push({
      where: { customerId: filter.customerId },
      sql: Prisma.sql`"customerId" = ${filter.customerId}::uuid`,
    });
  }
  const { gte, lt } = createdAtBounds(filter.createdAt);
  if (gte) conditions.push({ where: { createdAt: { gte } }, sql: Prisma.sql`"createdAt" >= ${gte}` });
  if (lt) conditions.push({ where: { createdAt: { lt } }, sql: Prisma.sql`"createdAt" < ${lt}` });
  const search = filter.search?.trim();
  if (search) {
    conditions.push({
      where: {
        OR: [
          { number: { contains: search, mode: 'insensitive' } },
          { subject: { contains: search, mode: 'insensitive' } },
        ],
      },
      sql: Prisma.sql`(${containsText('number', search)} OR ${containsText('subject', search)})`,
    });
  }
  if (filter.severity?.length)
    conditions.push({ where: { severity: { in: [...filter.severity] } }, sql: oneOf('severity', filter.severity) });
  if (filter.causeClass?.length)
    conditions.push({
      where: { causeClass: { in: [...filter.causeClass] } },
      sql: oneOf('causeClass', filter.causeClass),
    });
  if (filter.responsibleDepartmentId) {
    if (!isUuid(filter.responsibleDepartmentId)) throw badField('responsibleDepartmentId', 'common.invalidId');
    conditions.push({
      where: { responsibleDepartmentId: filter.responsibleDepartmentId },
      sql: Prisma.sql`"responsibleDepartmentId" = ${filter.responsibleDepartmentId}::uuid`,
    });
  }
  if (filter.ownerId) {
    if (!isUuid(filter.ownerId)) throw badField('ownerId', 'common.invalidId');
    conditions.push({ where: { ownerId: filter.ownerId }, sql: Prisma.sql`"ownerId" = ${filter.ownerId}::uuid` });
  }
  if (filter.keyAccount != null)
    conditions.push({
      where: { isKeyAccount: filter.keyAccount },
      sql: Prisma.sql`"isKeyAccount" = ${filter.keyAccount}`,
    });
  return conditions;
}

type SortField = 'resolutionDueAt' | 'severity' | 'createdAt' | 'id';
const SORTS = {
  // Each order is the leading columns of a partial index on open complaints, id last (it breaks ties, so pages
  // never overlap). PostgreSQL sorts an enum by declaration order (GENERAL < MAJOR < CRISIS); untriaged (no
  // severity, no due time) last.
  DUE_SOONEST: [
    { field: 'resolutionDueAt', direction: 'asc', nullsLast: true },
    { field: 'id', direction: 'asc' },
  ],
  SEVERITY: [
    { field: 'severity', direction: 'desc', nullsLast: true, enumOrder: Object.values(Severity) },
    { field: 'resolutionDueAt', direction: 'asc', nullsLast: true },
    { field: 'id', direction: 'asc' },
  ],
  NEWEST: [
    { field: 'createdAt', direction: 'desc' },
    { field: 'id', direction: 'desc' },
  ],
  OLDEST: [
    { field: 'createdAt', direction: 'asc' },
    { field: 'id', direction: 'asc' },
  ],
} satisfies Record<string, readonly OrderKey<SortField>[]>;
export type ComplaintQueueSort = keyof typeof SORTS;

/** A `select` of columns only (no relations): what the raw first page can answer. */
const isColumnSelection = (select?: Prisma.InteractionSelect): select is Prisma.InteractionSelect =>
  !!select && Object.values(select).every((on) => typeof on === 'boolean' || on === undefined);

/** One page of a work queue, filtered, most urgent first unless another order is asked for. */
export async function listComplaintQueue(
  viewer: Viewer,
  args: {
    queue: ComplaintQueue;
    filter?: ComplaintQueueFilter | null;
    sort?: ComplaintQueueSort | null;
    first?: number | null;
    after?: string | null;
  },
  now = clockNow(),
  /** The columns the operation asks for (INTERACTION_SELECTION); every column when undefined. */
  select?: Prisma.InteractionSelect,
): Promise<InteractionPage> {
  const first = pageSize(args.first);
  const staff = staffOnly(viewer);
  const scope = readScope(staff);
  const conditions = [
    rowsOf(args.queue),
    scope,
    await queueCondition(staff, args.queue, now),
    ...(args.filter ? filterConditions(args.filter) : []),
  ];
  const where: Prisma.InteractionWhereInput = { AND: conditions.map((c) => c.where) };
  const keys: readonly OrderKey<SortField>[] = SORTS[args.sort ?? 'DUE_SOONEST'];
  let after: Prisma.InteractionWhereInput | null = null;
  if (args.after) {
    // The cursor row may have left the queue since (closed, reassigned): its place in the order still holds. It must
    // be one the viewer may read, or its due time would leak through the page it starts.
    const cursor = await prisma.interaction.findFirst({
      where: { AND: [scope.where, { id: decodeCursor(args.after) }] },
      select: keysetSelect(keys),
    });
    if (!cursor) throw badField('after', 'pagination.invalidCursor');
    after = afterCursor(keys, cursor);
  }
  const orderBy = orderByOf(keys) as Prisma.InteractionOrderByWithRelationInput[];
  let page: ReturnType<typeof pageOf<Interaction>>;
  if (!after) {
    // The first page — what nearly every visit reads — in one statement: the order's partial index, stopping after one
    // page (a round trip to the database is a good part of what a page costs). Written as SQL from the same conditions
    // the tab counts use: Prisma's query building and row mapping cost about twice the CPU of the raw statement, and
    // this is the busiest read of the console (the Interaction columns are text, enums, times, integers and booleans,
    // which the raw query returns as findMany would; complaint-queues.test.ts compares the two).
    const rows = isColumnSelection(select)
      ? await prisma.$queryRaw<Interaction[]>`
          SELECT ${Prisma.raw(selectedColumnsSql(select))} FROM "Interaction"
          WHERE ${Prisma.join(
            conditions.map((c) => c.sql),
            ' AND ',
          )}
          ORDER BY ${Prisma.raw(orderBySql(keys))} LIMIT ${first + 1}`
      : await prisma.interaction.findMany({ where, orderBy, take: first + 1, ...(select ? { select } : {}) });
    page = pageOf(rows as Interaction[], first);
  } else {
    // A later page's ids first (read from the order's index alone, stopping after one page), then those rows by primary
    // key. Asked for whole rows at once, the planner misjudges a later page: it takes the keyset condition to leave a
    // few percent of the open complaints (its statistics cover the whole history), so it fetches and sorts all of them.
    const ids = pageOf(
      await prisma.interaction.findMany({
        where: { AND: [where, after] },
        orderBy,
        take: first + 1,
        select: { id: true },
      }),
      first,
    );
    const pageIds = ids.rows.map((r) => r.id);
    const rows = pageIds.length
      ? ((await prisma.interaction.findMany({
          where: { id: { in: pageIds } },
          ...(select ? { select } : {}),
        })) as Interaction[])
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    page = { ...ids, rows: pageIds.flatMap((id) => byId.get(id) ?? []) };
  }
  // The queue's total is its tab count under the same filter: read with the tabs, through their cache.
  const total = async () =>
    (await complaintQueueCounts(viewer, args.filter, now)).find((c) => c.queue === args.queue)?.count ?? 0;
  return {
    ...page,
    where,
    whereWithoutStatus: where,
    total,
  };
}

/**
 * How many complaints each queue holds under the same filter, for the queue tabs: one statement for all of them, kept a
 * few seconds per viewer and filter (src/server/cache/read-cache.ts).
 */
export async function complaintQueueCounts(
  viewer: Viewer,
  filter?: ComplaintQueueFilter | null,
  now = clockNow(),
): Promise<{ queue: ComplaintQueue; count: number }[]> {
  const filters = filter ? filterConditions(filter) : [];
  const staff = staffOnly(viewer);
  const key = `${staff.userId}|${staff.role}|${staff.departmentId ?? ''}|${JSON.stringify(filter ?? null)}`;
  return readCached('complaintQueueCounts', key, () => countQueues(staff, filters, now));
}

async function countQueues(staff: StaffViewer, filters: Condition[], now: Date) {
  const queues = await Promise.all(
    COMPLAINT_QUEUES.filter((queue) => queue !== CLOSURE_QUEUE).map(async (queue) => ({
      queue,
      condition: await queueCondition(staff, queue, now),
    })),
  );
  const counts = queues.map(
    ({ queue, condition }) => Prisma.sql`count(*) FILTER (WHERE ${condition.sql}) AS ${Prisma.raw(`"${queue}"`)}`,
  );
  const where = (rows: Condition) =>
    Prisma.join(
      [rows, readScope(staff), ...filters].map((c) => c.sql),
      ' AND ',
    );
  // The open queues in one pass over the open complaints; 待关闭 in a sub-select over those awaiting closure (each from
  // its own counts index alone), in the same statement.
  const [row] = await prisma.$queryRaw<Record<ComplaintQueue, bigint>[]>`
    SELECT ${Prisma.join(counts)},
      (SELECT count(*) FROM "Interaction" WHERE ${where(AWAITING_CLOSURE)}) AS ${Prisma.raw(`"${CLOSURE_QUEUE}"`)}
    FROM "Interaction" WHERE ${where(OPEN_COMPLAINTS)}`;
  return COMPLAINT_QUEUES.map((queue) => ({ queue, count: Number(row![queue]) }));
}
