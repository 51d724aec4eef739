import 'server-only';
import { Prisma, type VisitLog } from '@/generated/prisma/client';
import type { VisitLogKind } from '@/generated/prisma/enums';
import { can, requirePermission } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { prisma, WRITE_TX_OPTIONS, type Tx } from '@/server/db';
import { badField, conflict, forbidden, notFound } from '@/server/errors';
import { appendHistory } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { activityMessage } from '@/lib/activity';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import { isUuid } from '../cursor';
import { prepareCustomerMail } from '../interactions/customer-notify.service';
import { parseRecordInput } from '../interactions/interaction.rules';
import { registerStaffInteraction } from '../interactions/interaction.service';
import { keysetPage, type OrderKey } from '../keyset';
import { pageSize } from '../pagination.rules';
import { recomputeCycles } from './visit-cycle.service';
import { VISIT_TEXT_MAX, completionRate, instantOf, monthBounds } from './visit.rules';
import { readScope, salespersonFilter } from './visit.scope';

/**
 * 工作日志表 (MS-S4-1902): after each visit or contact the salesperson records what was discussed, the customer's
 * needs, problems found and follow-ups. A VISIT moves the customer's next due visit; a phone contact does not. A problem
 * found becomes a complaint or an inquiry in one step through the staff intake (numbering, SLA clock, the CAPA path of
 * a product-quality complaint as every complaint takes), linked both ways. Monthly statistics: planned vs done.
 */

const ENTITY = 'VisitLog';

export type LogVisitInput = {
  customerId: string;
  itineraryItemId?: string | null;
  kind?: VisitLogKind | null;
  visitedAt?: Date | null;
  contactName?: string | null;
  discussed: string;
  customerNeeds?: string | null;
  problemsFound?: string | null;
  followUp?: string | null;
};

function text(value: string | null | undefined, field: string): string | null {
  const t = value?.trim() ?? '';
  if (!t) return null;
  if (t.length > VISIT_TEXT_MAX) throw badField(field, 'validation.tooLong', { max: VISIT_TEXT_MAX });
  return t;
}

/**
 * Records a visit or contact. A salesperson logs for their own customers; an API client with visits:write logs for
 * the customer's salesperson; the manager for anybody's customer (as its salesperson).
 */
export async function logVisit(viewer: Viewer, input: LogVisitInput, now: Date = clockNow()): Promise<VisitLog> {
  requirePermission(viewer, 'visits:write');
  const scope = readScope(viewer);
  if (!isUuid(input.customerId)) throw badField('customerId', 'common.invalidId');
  const discussed = text(input.discussed, 'discussed');
  if (!discussed) throw badField('discussed', 'visit.discussedRequired');
  const visitedAt = input.visitedAt ?? now;
  if (visitedAt.getTime() > now.getTime()) throw badField('visitedAt', 'visit.visitedInFuture');
  const kind = input.kind ?? 'VISIT';
  const fields = {
    contactName: text(input.contactName, 'contactName'),
    customerNeeds: text(input.customerNeeds, 'customerNeeds'),
    problemsFound: text(input.problemsFound, 'problemsFound'),
    followUp: text(input.followUp, 'followUp'),
  };
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({
      where: { id: input.customerId },
      select: { id: true, ownerId: true },
    });
    if (!customer) throw badField('customerId', 'visit.customerMissing');
    if (scope.ownOnly && customer.ownerId !== scope.ownOnly) throw badField('customerId', 'visit.notYourCustomer');
    const userId = viewer.kind === 'staff' ? viewer.userId : customer.ownerId;
    if (!userId) throw badField('customerId', 'visit.ownerNeeded');
    if (input.itineraryItemId) {
      const item = isUuid(input.itineraryItemId)
        ? await tx.itineraryItem.findUnique({
            where: { id: input.itineraryItemId },
            select: { customerId: true, itinerary: { select: { ownerId: true } } },
          })
        : null;
      if (!item || item.customerId !== customer.id || (scope.ownOnly && item.itinerary.ownerId !== scope.ownOnly))
        throw badField('itineraryItemId', 'visit.itemMismatch');
    }
    const log = await tx.visitLog.create({
      data: {
        customerId: customer.id,
        userId,
        itineraryItemId: input.itineraryItemId ?? null,
        kind,
        visitedAt,
        summary: discussed,
        ...fields,
      },
    });
    if (kind === 'VISIT') {
      // The latest visit counts (a visit logged late for an earlier date does not move the cycle back).
      await tx.visitCycle.upsert({
        where: { customerId: customer.id },
        create: { customerId: customer.id, ownerId: customer.ownerId, intervalDays: 0, lastVisitAt: visitedAt },
        update: {},
      });
      await tx.visitCycle.updateMany({
        where: {
          customerId: customer.id,
          OR: [{ lastVisitAt: null }, { lastVisitAt: { lt: visitedAt } }],
        },
        data: { lastVisitAt: visitedAt },
      });
      await recomputeCycles(tx, [customer.id]);
    }
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: log.id,
      action: 'CREATE',
      message: activityMessage('visit.logged', { kind }),
      changes: { customerId: customer.id, visitedAt: visitedAt.toISOString(), kind },
    });
    return log;
  }, WRITE_TX_OPTIONS);
}

async function readableLog(tx: Tx | typeof prisma, viewer: Viewer, id: string): Promise<VisitLog> {
  const scope = readScope(viewer);
  if (!isUuid(id)) throw notFound(ENTITY);
  const log = await tx.visitLog.findUnique({ where: { id } });
  if (!log || (scope.ownOnly && log.userId !== scope.ownOnly)) throw notFound(ENTITY);
  return log;
}

/**
 * Registers the problem found on a visit as a complaint or an inquiry through the staff intake, in one step, and links
 * the log to it. Once per log: a second attempt is CONFLICT naming the record already registered.
 */
export async function registerVisitProblem(
  viewer: Viewer,
  id: string,
  version: number,
  input: { type: 'COMPLAINT' | 'INQUIRY'; subject?: string | null },
  now: Date = clockNow(),
): Promise<VisitLog> {
  requirePermission(viewer, 'visits:write');
  requirePermission(viewer, 'interactions:write');
  if (viewer.kind !== 'staff') throw forbidden('visit.staffOnly');
  await prepareCustomerMail();
  return prisma.$transaction(async (tx) => {
    const log = await readableLog(tx, viewer, id);
    // Locked, so a double click waits and then sees the first registration.
    await tx.$queryRaw`SELECT id FROM "VisitLog" WHERE id = ${log.id}::uuid FOR UPDATE`;
    const current = await tx.visitLog.findUniqueOrThrow({
      where: { id: log.id },
      include: { interaction: { select: { number: true } } },
    });
    if (current.interaction)
      throw conflict(
        'visit.problemRegistered',
        { currentVersion: current.version },
        { number: current.interaction.number },
      );
    if (current.version !== version) throw conflict('visit.stale', { currentVersion: current.version });
    if (!current.problemsFound) throw badField('problemsFound', 'visit.noProblemFound');
    const subject = input.subject?.trim() || current.problemsFound.slice(0, 60);
    const intake = parseRecordInput({
      type: input.type,
      channel: 'VISIT',
      customerId: current.customerId,
      subject,
      description: current.problemsFound,
      contactName: current.contactName,
    });
    const created = await registerStaffInteraction(tx, viewer, intake, now, {
      message: activityMessage('visit.interactionFromVisit'),
    });
    await tx.visitLog.update({
      where: { id: current.id },
      data: { interactionId: created.id, version: { increment: 1 } },
    });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: current.id,
      action: 'REGISTER_PROBLEM',
      message: activityMessage('visit.problemRegistered', { number: created.number }),
      changes: { interactionId: created.id, type: input.type },
    });
    return tx.visitLog.findUniqueOrThrow({ where: { id: current.id } });
  }, WRITE_TX_OPTIONS);
}

// ───────────────────────────── reads ─────────────────────────────

export type VisitLogPage = {
  nodes: VisitLog[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};

const NEWEST_FIRST: readonly OrderKey<'visitedAt' | 'id'>[] = [
  { field: 'visitedAt', direction: 'desc' },
  { field: 'id', direction: 'desc' },
];

/** Work logs newest first: a salesperson's own, or (the manager) anybody's; by customer, by period. */
export async function listVisitLogs(
  viewer: Viewer,
  args: {
    filter?: { salespersonId?: string | null; customerId?: string | null; from?: Date | null; to?: Date | null } | null;
    first?: number | null;
    after?: string | null;
  },
): Promise<VisitLogPage> {
  const scope = readScope(viewer);
  const f = args.filter ?? {};
  const userId = salespersonFilter(scope, f.salespersonId);
  if (f.customerId && !isUuid(f.customerId)) throw badField('customerId', 'common.invalidId');
  const where: Prisma.VisitLogWhereInput = {
    ...(userId ? { userId } : {}),
    ...(f.customerId ? { customerId: f.customerId } : {}),
    ...(f.from || f.to ? { visitedAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
  const first = pageSize(args.first);
  return keysetPage(
    NEWEST_FIRST,
    { where, first, after: args.after },
    {
      cursor: (id, select) => prisma.visitLog.findUnique({ where: { id }, select }),
      rows: (query: Prisma.VisitLogFindManyArgs) => prisma.visitLog.findMany(query),
      count: (query) => prisma.visitLog.count(query),
    },
  );
}

export const getVisitLog = (viewer: Viewer, id: string) => readableLog(prisma, viewer, id);

/** May the viewer turn this log's problem into a complaint or inquiry here. */
export const mayRegisterProblem = (viewer: Viewer, log: VisitLog) =>
  viewer.kind === 'staff' &&
  can(viewer, 'visits:write') &&
  can(viewer, 'interactions:write') &&
  !!log.problemsFound &&
  !log.interactionId;

// ───────────────────────────── monthly statistics ─────────────────────────────

export type VisitStatsRow = {
  salespersonId: string;
  salespersonName: string;
  planned: number;
  done: number;
  visits: number;
  phoneContacts: number;
  lateItineraries: number;
  completionRate: number | null;
};

export type VisitMonthlyStats = { month: string; timeZone: string; rows: VisitStatsRow[] };

/**
 * Per salesperson for a month (local dates): visits planned on submitted or approved itineraries, of those done (a
 * visit logged against the plan line), all visits and phone contacts logged, itineraries submitted late.
 */
export async function visitMonthlyStats(viewer: Viewer, month: string): Promise<VisitMonthlyStats> {
  const scope = readScope(viewer);
  const bounds = monthBounds(month);
  if (!bounds) throw badField('month', 'visit.monthInvalid');
  const { timeZone } = await loadBusinessCalendar();
  const from = instantOf(bounds.from, '00:00', timeZone);
  const to = instantOf(bounds.to, '00:00', timeZone);
  const own = scope.ownOnly;
  const rows = await prisma.$queryRaw<
    {
      id: string;
      name: string;
      planned: number;
      done: number;
      visits: number;
      phone: number;
      late: number;
    }[]
  >`
    WITH plan AS (
      SELECT it."ownerId" AS uid, count(*)::int AS planned,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "VisitLog" l WHERE l."itineraryItemId" = ii.id AND l.kind = 'VISIT'))::int AS done
        FROM "ItineraryItem" ii JOIN "Itinerary" it ON it.id = ii."itineraryId"
       WHERE ii."plannedAt" >= ${from} AND ii."plannedAt" < ${to} AND it.status IN ('SUBMITTED', 'APPROVED')
       GROUP BY it."ownerId"),
    logged AS (
      SELECT "userId" AS uid, count(*) FILTER (WHERE kind = 'VISIT')::int AS visits,
             count(*) FILTER (WHERE kind = 'PHONE')::int AS phone
        FROM "VisitLog" WHERE "visitedAt" >= ${from} AND "visitedAt" < ${to} GROUP BY "userId"),
    late AS (
      SELECT "ownerId" AS uid, count(*)::int AS late FROM "Itinerary"
       WHERE late AND "weekStart" >= ${bounds.from}::date AND "weekStart" < ${bounds.to}::date GROUP BY "ownerId")
    SELECT u.id, u.name, coalesce(p.planned, 0) AS planned, coalesce(p.done, 0) AS done,
           coalesce(g.visits, 0) AS visits, coalesce(g.phone, 0) AS phone, coalesce(l.late, 0) AS late
      FROM "User" u
      LEFT JOIN plan p ON p.uid = u.id LEFT JOIN logged g ON g.uid = u.id LEFT JOIN late l ON l.uid = u.id
     WHERE (p.uid IS NOT NULL OR g.uid IS NOT NULL OR l.uid IS NOT NULL)
       AND (${own}::uuid IS NULL OR u.id = ${own}::uuid)
     ORDER BY u.name, u.id`;
  return {
    month,
    timeZone,
    rows: rows.map((r) => ({
      salespersonId: r.id,
      salespersonName: r.name,
      planned: r.planned,
      done: r.done,
      visits: r.visits,
      phoneContacts: r.phone,
      lateItineraries: r.late,
      completionRate: completionRate(r.planned, r.done),
    })),
  };
}
