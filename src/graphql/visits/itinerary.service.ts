import 'server-only';
import { Prisma, type Itinerary } from '@/generated/prisma/client';
import type { ItineraryStatus } from '@/generated/prisma/enums';
import { now as clockNow } from '@/server/clock';
import { prisma, WRITE_TX_OPTIONS, type Tx } from '@/server/db';
import { badField, badInput, conflict, notFound } from '@/server/errors';
import { appendHistory, historyRow } from '@/server/history';
import { activeServiceManagerIds, notifyUsers } from '@/server/notify/notify';
import type { Viewer } from '@/server/viewer';
import { activityMessage, noticeMessage } from '@/lib/activity';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import { isUuid } from '../cursor';
import { readVisitRules } from './visit-cycle.service';
import {
  ITINERARY_ITEMS_MAX,
  ITINERARY_LATE,
  VISIT_TEXT_MAX,
  dueInstant,
  insideWeek,
  isLate,
  itineraryDecidable,
  itineraryDeadline,
  itineraryEditable,
  itineraryRevisable,
  nextWeekStart,
  weekdayOf,
} from './visit.rules';
import { approverOf, plannerOf, readScope, salespersonFilter } from './visit.scope';

/**
 * 客户访问行程表 (MS-S4-1904): the salesperson plans next week's visits (customer, date, purpose, contact) and submits
 * the itinerary by the deadline (Friday 18:00 by default, the working day before when that is a holiday); the service
 * manager approves it or returns it with a comment. Submitted and approved itineraries are read-only; changing an
 * approved one makes a new revision (back to draft, the approved plan kept in the history). One itinerary per
 * salesperson and week. A salesperson with customers and no submitted itinerary after the deadline is escalated by the
 * sweep (ITINERARY_LATE) to themselves and the service managers, once.
 */

const ENTITY = 'Itinerary';

export type ItineraryItemInput = {
  id?: string | null;
  customerId: string;
  plannedDate: Date;
  purpose: string;
  contactName?: string | null;
  contactPhone?: string | null;
};

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const dbDate = (date: string) => new Date(`${date}T00:00:00.000Z`);

function text(value: string | null | undefined, field: string, required: boolean): string | null {
  const t = value?.trim() ?? '';
  if (!t) {
    if (required) throw badField(field, 'validation.required');
    return null;
  }
  if (t.length > VISIT_TEXT_MAX) throw badField(field, 'validation.tooLong', { max: VISIT_TEXT_MAX });
  return t;
}

function weekOf(weekStart: Date): string {
  const week = isoDate(weekStart);
  if (weekdayOf(week) !== 1) throw badField('weekStart', 'visit.notMonday');
  return week;
}

/** The itinerary to change; `ownerId`: only that salesperson's (another's is NOT_FOUND, as it is to read). */
async function loadForWrite(tx: Tx, id: string, version: number, ownerId: string | null): Promise<Itinerary> {
  if (!isUuid(id)) throw notFound(ENTITY);
  const row = await tx.itinerary.findUnique({ where: { id } });
  if (!row || (ownerId && row.ownerId !== ownerId)) throw notFound(ENTITY);
  if (row.version !== version) throw conflict('visit.stale', { currentVersion: row.version, status: row.status });
  return row;
}

/** The version-guarded state change: of concurrent writers one matches, the others get CONFLICT. */
async function claim(tx: Tx, row: Itinerary, data: Prisma.ItineraryUncheckedUpdateManyInput) {
  const { count } = await tx.itinerary.updateMany({
    where: { id: row.id, version: row.version, status: row.status },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw conflict('visit.stale', { currentVersion: row.version + 1 });
}

const notEditable = (row: Itinerary) =>
  conflict(row.status === 'APPROVED' ? 'visit.itineraryApprovedReadOnly' : 'visit.itinerarySubmittedReadOnly', {
    currentVersion: row.version,
    status: row.status,
  });

/** Checks the plan lines: inside the week, the salesperson's own customers, texts in range. */
async function checkedItems(tx: Tx, ownerId: string, week: string, items: readonly ItineraryItemInput[]) {
  if (items.length > ITINERARY_ITEMS_MAX)
    throw badField('items', 'visit.itineraryTooLong', { max: ITINERARY_ITEMS_MAX });
  const customerIds = [...new Set(items.map((i) => i.customerId))];
  items.forEach((item, i) => {
    if (!isUuid(item.customerId)) throw badField(`items.${i}.customerId`, 'common.invalidId');
  });
  const owned = new Map(
    (await tx.customer.findMany({ where: { id: { in: customerIds } }, select: { id: true, ownerId: true } })).map(
      (c) => [c.id, c.ownerId],
    ),
  );
  const cal = await loadBusinessCalendar(tx);
  return items.map((item, i) => {
    if (!owned.has(item.customerId)) throw badField(`items.${i}.customerId`, 'visit.customerMissing');
    if (owned.get(item.customerId) !== ownerId) throw badField(`items.${i}.customerId`, 'visit.notYourCustomer');
    const date = isoDate(item.plannedDate);
    if (!insideWeek(date, week)) throw badField(`items.${i}.plannedDate`, 'visit.outsideWeek');
    return {
      id: item.id && isUuid(item.id) ? item.id : null,
      customerId: item.customerId,
      plannedAt: dueInstant(date, cal),
      purpose: text(item.purpose, `items.${i}.purpose`, true)!,
      contactName: text(item.contactName, `items.${i}.contactName`, false),
      contactPhone: text(item.contactPhone, `items.${i}.contactPhone`, false),
    };
  });
}

/** Replaces the plan lines, keeping the rows (and their visit logs) of lines that carry their id. */
async function writeItems(tx: Tx, itineraryId: string, items: Awaited<ReturnType<typeof checkedItems>>) {
  const keep = items.flatMap((i) => (i.id ? [i.id] : []));
  await tx.itineraryItem.deleteMany({ where: { itineraryId, id: { notIn: keep } } });
  for (const { id, ...data } of items) {
    if (id) {
      const { count } = await tx.itineraryItem.updateMany({ where: { id, itineraryId }, data });
      if (count > 0) continue;
    }
    await tx.itineraryItem.create({ data: { ...data, itineraryId } });
  }
}

/**
 * Creates (version null) or changes (version given) the viewer's itinerary for a week, while it is a draft or was
 * returned. A submitted or approved one is refused with CONFLICT (`visit.itinerarySubmittedReadOnly` / `…ApprovedReadOnly`).
 */
export async function saveItinerary(
  viewer: Viewer,
  input: { weekStart: Date; version?: number | null; items: readonly ItineraryItemInput[] },
): Promise<Itinerary> {
  const { userId } = plannerOf(viewer);
  const week = weekOf(input.weekStart);
  return prisma.$transaction(async (tx) => {
    const items = await checkedItems(tx, userId, week, input.items);
    const existing = await tx.itinerary.findUnique({
      where: { ownerId_weekStart: { ownerId: userId, weekStart: dbDate(week) } },
    });
    if (existing) {
      if (input.version == null) throw conflict('visit.itineraryExists', { currentVersion: existing.version });
      if (existing.version !== input.version)
        throw conflict('visit.stale', { currentVersion: existing.version, status: existing.status });
      if (!itineraryEditable(existing.status)) throw notEditable(existing);
      await claim(tx, existing, {});
      await writeItems(tx, existing.id, items);
      await appendHistory(tx, viewer, {
        entityType: ENTITY,
        entityId: existing.id,
        action: 'UPDATE',
        fromState: existing.status,
        toState: existing.status,
        message: activityMessage('visit.itinerarySaved'),
        changes: { items: items.length },
      });
      return tx.itinerary.findUniqueOrThrow({ where: { id: existing.id } });
    }
    const [{ rules }, cal] = await Promise.all([readVisitRules(tx), loadBusinessCalendar(tx)]);
    let created: Itinerary;
    try {
      created = await tx.itinerary.create({
        data: { ownerId: userId, weekStart: dbDate(week), deadlineAt: itineraryDeadline(week, rules, cal) },
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        throw conflict('visit.itineraryExists', { currentVersion: 1 });
      throw error;
    }
    await writeItems(tx, created.id, items);
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: created.id,
      action: 'CREATE',
      toState: 'DRAFT',
      message: activityMessage('visit.itineraryCreated'),
      changes: { weekStart: week, items: items.length },
    });
    return created;
  }, WRITE_TX_OPTIONS);
}

/** Submits the viewer's itinerary to the manager; flagged late after the deadline. */
export async function submitItinerary(
  viewer: Viewer,
  id: string,
  version: number,
  now: Date = clockNow(),
): Promise<Itinerary> {
  const { userId } = plannerOf(viewer);
  return prisma.$transaction(async (tx) => {
    const row = await loadForWrite(tx, id, version, userId);
    if (!itineraryEditable(row.status)) throw notEditable(row);
    const count = await tx.itineraryItem.count({ where: { itineraryId: row.id } });
    if (count === 0) throw badInput('visit.itineraryEmpty');
    const late = row.late || (row.deadlineAt ? isLate(now, row.deadlineAt) : false);
    await claim(tx, row, { status: 'SUBMITTED', submittedAt: now, late });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: row.id,
      action: 'SUBMIT',
      fromState: row.status,
      toState: 'SUBMITTED',
      message: activityMessage('visit.itinerarySubmitted', { late: late ? 'yes' : 'no' }),
    });
    const owner = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
    await notifyUsers(tx, await activeServiceManagerIds(tx), {
      kind: 'ITINERARY_SUBMITTED',
      message: noticeMessage('notice.ITINERARY_SUBMITTED', { salesperson: owner.name, week: isoDate(row.weekStart) }),
      entityType: ENTITY,
      entityId: row.id,
    });
    return tx.itinerary.findUniqueOrThrow({ where: { id: row.id } });
  }, WRITE_TX_OPTIONS);
}

/** The manager approves a submitted itinerary or returns it with a comment (required when returning). */
export async function decideItinerary(
  viewer: Viewer,
  id: string,
  version: number,
  input: { approve: boolean; comment?: string | null },
  now: Date = clockNow(),
): Promise<Itinerary> {
  const { userId } = approverOf(viewer);
  const comment = text(input.comment, 'comment', false);
  if (!input.approve && !comment) throw badField('comment', 'visit.commentRequired');
  return prisma.$transaction(async (tx) => {
    const row = await loadForWrite(tx, id, version, null);
    if (!itineraryDecidable(row.status))
      throw conflict('visit.itineraryNotDecidable', { currentVersion: row.version, status: row.status });
    const status: ItineraryStatus = input.approve ? 'APPROVED' : 'REJECTED';
    await claim(tx, row, { status, approvedById: userId, decidedAt: now, decisionComment: comment });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: row.id,
      action: input.approve ? 'APPROVE' : 'RETURN',
      fromState: row.status,
      toState: status,
      comment,
      message: activityMessage(input.approve ? 'visit.itineraryApproved' : 'visit.itineraryReturned'),
    });
    await notifyUsers(tx, [row.ownerId], {
      kind: 'ITINERARY_DECIDED',
      message: noticeMessage('notice.ITINERARY_DECIDED', { decision: status, week: isoDate(row.weekStart) }),
      entityType: ENTITY,
      entityId: row.id,
    });
    return tx.itinerary.findUniqueOrThrow({ where: { id: row.id } });
  }, WRITE_TX_OPTIONS);
}

/** Opens a new revision of the viewer's approved itinerary (a draft again; the approved plan stays in the history). */
export async function reviseItinerary(viewer: Viewer, id: string, version: number): Promise<Itinerary> {
  const { userId } = plannerOf(viewer);
  return prisma.$transaction(async (tx) => {
    const row = await loadForWrite(tx, id, version, userId);
    if (!itineraryRevisable(row.status))
      throw conflict('visit.itineraryNotRevisable', { currentVersion: row.version, status: row.status });
    const items = await tx.itineraryItem.findMany({ where: { itineraryId: row.id }, orderBy: { plannedAt: 'asc' } });
    await claim(tx, row, { status: 'DRAFT', revision: row.revision + 1, submittedAt: null, decidedAt: null });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: row.id,
      action: 'REVISE',
      fromState: 'APPROVED',
      toState: 'DRAFT',
      message: activityMessage('visit.itineraryRevised', { revision: row.revision + 1 }),
      changes: {
        approvedRevision: row.revision,
        approvedItems: items.map((i) => ({
          customerId: i.customerId,
          plannedAt: i.plannedAt.toISOString(),
          purpose: i.purpose,
          contactName: i.contactName,
        })),
      },
    });
    return tx.itinerary.findUniqueOrThrow({ where: { id: row.id } });
  }, WRITE_TX_OPTIONS);
}

// ───────────────────────────── reads ─────────────────────────────

/** One itinerary by id (a salesperson: only their own; NOT_FOUND otherwise). */
export async function getItinerary(viewer: Viewer, id: string): Promise<Itinerary> {
  const scope = readScope(viewer);
  if (!isUuid(id)) throw notFound(ENTITY);
  const row = await prisma.itinerary.findUnique({ where: { id } });
  if (!row || (scope.ownOnly && row.ownerId !== scope.ownOnly)) throw notFound(ENTITY);
  return row;
}

/**
 * A week's itineraries (the week view): a salesperson's own, or — for the manager — the whole team's (one salesperson
 * with `salespersonId`). `weekStart` defaults to next week.
 */
export async function weekItineraries(
  viewer: Viewer,
  args: { weekStart?: Date | null; salespersonId?: string | null },
  now: Date = clockNow(),
): Promise<{ weekStart: string; deadlineAt: Date; itineraries: Itinerary[] }> {
  const scope = readScope(viewer);
  const ownerId = salespersonFilter(scope, args.salespersonId);
  const [cal, { rules }] = await Promise.all([loadBusinessCalendar(), readVisitRules()]);
  const week = args.weekStart ? weekOf(args.weekStart) : nextWeekStart(now, cal.timeZone);
  const itineraries = await prisma.itinerary.findMany({
    where: { weekStart: dbDate(week), ...(ownerId ? { ownerId } : {}) },
    orderBy: [{ submittedAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    take: 500,
  });
  return { weekStart: week, deadlineAt: itineraryDeadline(week, rules, cal), itineraries };
}

// ───────────────────────────── late submissions (called by the escalation sweep) ─────────────────────────────

/**
 * After the deadline of next week's itinerary, every active salesperson (a service agent owning customers) without a
 * submitted or approved itinerary for that week is escalated once: their itinerary (a draft made for the purpose if
 * there is none) is flagged late, and they and the service managers are notified in-app.
 */
export async function sweepLateItineraries(now: Date): Promise<{ escalations: number; notifications: number }> {
  const result = { escalations: 0, notifications: 0 };
  const [cal, { rules }] = await Promise.all([loadBusinessCalendar(), readVisitRules()]);
  const week = nextWeekStart(now, cal.timeZone);
  const deadline = itineraryDeadline(week, rules, cal);
  if (now.getTime() <= deadline.getTime()) return result;
  const laggards = await prisma.user.findMany({
    where: {
      active: true,
      role: 'SERVICE_AGENT',
      ownedCustomers: { some: {} },
      NOT: {
        itineraries: {
          some: {
            weekStart: dbDate(week),
            OR: [{ status: { in: ['SUBMITTED', 'APPROVED'] } }, { escalationLevel: { gte: 1 } }],
          },
        },
      },
    },
    select: { id: true, name: true },
  });
  if (laggards.length === 0) return result;
  const managers = await activeServiceManagerIds(prisma);
  const deadlineText = new Intl.DateTimeFormat('zh-CN', {
    timeZone: cal.timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(deadline);
  for (const person of laggards) {
    try {
      const notified = await prisma.$transaction(async (tx) => {
        const itinerary = await tx.itinerary.upsert({
          where: { ownerId_weekStart: { ownerId: person.id, weekStart: dbDate(week) } },
          create: { ownerId: person.id, weekStart: dbDate(week), deadlineAt: deadline, late: true, escalationLevel: 1 },
          update: { late: true, escalationLevel: 1 },
        });
        const recipients = [...new Set([person.id, ...managers])];
        await tx.escalation.create({
          data: {
            itineraryId: itinerary.id,
            reason: ITINERARY_LATE,
            level: 1,
            notifiedUserIds: recipients,
            mailedAt: now,
          },
        });
        await tx.historyEntry.create({
          data: {
            ...historyRow({
              entityType: ENTITY,
              entityId: itinerary.id,
              action: 'ESCALATED',
              fromState: '0',
              toState: '1',
              message: activityMessage('visit.itineraryEscalated'),
              changes: { reason: ITINERARY_LATE, level: 1, notifiedUserIds: recipients },
            }),
            actorId: null,
            actorLabel: 'system',
          },
        });
        return notifyUsers(tx, recipients, {
          kind: `ESCALATION_${ITINERARY_LATE}`,
          message: noticeMessage('notice.ITINERARY_LATE', { salesperson: person.name, week, deadline: deadlineText }),
          entityType: ENTITY,
          entityId: itinerary.id,
        });
      }, WRITE_TX_OPTIONS);
      result.escalations += 1;
      result.notifications += notified;
    } catch (error) {
      // Another sweep took it first; anything else is retried by the next sweep.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'))
        console.error(`[escalation] itinerary of ${person.id} failed:`, error instanceof Error ? error.message : error);
    }
  }
  return result;
}
