import 'server-only';
import { now as clockNow } from '@/server/clock';
import { prisma } from '@/server/db';
import { conflict, forbidden, notFound } from '@/server/errors';
import { appendHistory } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { activityMessage } from '@/lib/activity';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import { localDate } from '../complaints/sla-clock.rules';
import { isUuid } from '../cursor';
import { dueInstant } from './visit.rules';

/**
 * The customer's side of a planned visit (SPEC §7, issue 13: "customers … can confirm the visit in the portal"): a
 * customer account sees the visits planned for its own company on approved itineraries, from today on, and confirms
 * one — once. Another company's line is NOT_FOUND, so ids cannot be probed; staff and API keys are FORBIDDEN (the
 * confirmation is the customer's word). The confirmation goes into the itinerary's history.
 */

const ENTITY = 'ItineraryItem';
const SELECT = {
  id: true,
  itineraryId: true,
  plannedAt: true,
  purpose: true,
  contactName: true,
  customerConfirmedAt: true,
  itinerary: { select: { owner: { select: { name: true } } } },
} as const;

export type ScheduledVisit = {
  id: string;
  plannedDate: string;
  purpose: string;
  contactName: string | null;
  salespersonName: string | null;
  confirmedAt: Date | null;
};

function customerOf(viewer: Viewer): string {
  if (viewer.kind !== 'customer') throw forbidden('visit.customerOnly');
  return viewer.customerId;
}

async function present(
  rows: {
    id: string;
    plannedAt: Date;
    purpose: string;
    contactName: string | null;
    customerConfirmedAt: Date | null;
    itinerary: { owner: { name: string } | null };
  }[],
): Promise<ScheduledVisit[]> {
  const { timeZone } = await loadBusinessCalendar();
  return rows.map((r) => ({
    id: r.id,
    plannedDate: localDate(r.plannedAt, timeZone),
    purpose: r.purpose,
    contactName: r.contactName,
    salespersonName: r.itinerary.owner?.name ?? null,
    confirmedAt: r.customerConfirmedAt,
  }));
}

/** The visits planned for the viewer's company on approved itineraries, from today on, earliest first. */
export async function myScheduledVisits(viewer: Viewer, now: Date = clockNow()): Promise<ScheduledVisit[]> {
  const customerId = customerOf(viewer);
  const cal = await loadBusinessCalendar();
  const rows = await prisma.itineraryItem.findMany({
    where: {
      customerId,
      plannedAt: { gte: dueInstant(localDate(now, cal.timeZone), cal) },
      itinerary: { status: 'APPROVED' },
    },
    select: SELECT,
    orderBy: [{ plannedAt: 'asc' }, { id: 'asc' }],
    take: 50,
  });
  return present(rows);
}

/** The customer confirms one planned visit of its own company (once: a second confirmation is a CONFLICT). */
export async function confirmScheduledVisit(
  viewer: Viewer,
  id: string,
  now: Date = clockNow(),
): Promise<ScheduledVisit> {
  const customerId = customerOf(viewer);
  if (!isUuid(id)) throw notFound(ENTITY);
  const row = await prisma.$transaction(async (tx) => {
    const item = await tx.itineraryItem.findFirst({
      where: { id, customerId, itinerary: { status: 'APPROVED' } },
      select: SELECT,
    });
    if (!item) throw notFound(ENTITY);
    // Guarded write: of two confirmations at once exactly one finds the line unconfirmed.
    const { count } = await tx.itineraryItem.updateMany({
      where: { id, customerConfirmedAt: null },
      data: { customerConfirmedAt: now },
    });
    if (count === 0) throw conflict('visit.alreadyConfirmed');
    await appendHistory(tx, viewer, {
      entityType: 'Itinerary',
      entityId: item.itineraryId,
      action: 'CUSTOMER_CONFIRMED',
      message: activityMessage('visit.customerConfirmed', { purpose: item.purpose }),
      changes: { itineraryItemId: id },
    });
    return { ...item, customerConfirmedAt: now };
  });
  return (await present([row]))[0]!;
}
