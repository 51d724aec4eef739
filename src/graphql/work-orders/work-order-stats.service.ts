import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { noticeMessage, activityMessage } from '@/lib/activity';
import { requirePermission } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import { forbidden } from '@/server/errors';
import { historyRow } from '@/server/history';
import { activeServiceManagerIds, notifyUsers } from '@/server/notify/notify';
import type { Viewer } from '@/server/viewer';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import { REPEAT_REPAIR_DAYS, weekRange } from './work-order.rules';
import { ONSITE_COMPLAINT_UNREGISTERED } from './work-order.service';

export type TechnicianWeekRow = {
  technicianId: string;
  finished: number;
  onTime: number;
  fees: string;
  partsUsed: number;
  repeatRepairs: number;
};

export type WeeklyStats = { weekStart: Date; rows: TechnicianWeekRow[] };

/**
 * Weekly statistics per technician (issue 13 §5): orders finished in the week (Monday–Sunday, Asia/Shanghai), of
 * them arrived by the requested time, the fees charged, the parts fitted, and repeat repairs — orders created in the
 * week for the same customer and equipment within REPEAT_REPAIR_DAYS of a repair this technician finished (counted
 * against the technician whose repair did not hold). Two aggregate queries over the (finishedAt, technicianId) and
 * (customerId, equipment, finishedAt) indexes. A technician sees only their own row.
 */
export async function weeklyStats(viewer: Viewer, weekOf: Date): Promise<WeeklyStats> {
  requirePermission(viewer, 'workorders:read');
  if (viewer.kind === 'customer') throw forbidden();
  const { timeZone } = await loadBusinessCalendar();
  const { monday, start, end } = weekRange(weekOf, timeZone);
  const own = viewer.kind === 'staff' && viewer.role === 'TECHNICIAN' ? viewer.userId : null;
  const onlyOwn = own ? Prisma.sql`AND w."technicianId" = ${own}::uuid` : Prisma.empty;
  const onlyOwnPrevious = own ? Prisma.sql`AND p."technicianId" = ${own}::uuid` : Prisma.empty;
  const [finished, repeats] = await Promise.all([
    prisma.$queryRaw<{ technicianId: string; finished: bigint; onTime: bigint; fees: string; partsUsed: bigint }[]>`
      SELECT w."technicianId"::text AS "technicianId",
             count(*) AS finished,
             count(*) FILTER (WHERE w."arrivedAt" IS NOT NULL
                              AND (w."requestedAt" IS NULL OR w."arrivedAt" <= w."requestedAt")) AS "onTime",
             coalesce(sum(w.fee), 0)::text AS fees,
             coalesce(sum((SELECT sum((part->>'quantity')::int) FROM jsonb_array_elements(w.parts) part
                           WHERE part->>'direction' = 'USED')), 0)::bigint AS "partsUsed"
        FROM "WorkOrder" w
       WHERE w."finishedAt" >= ${start} AND w."finishedAt" < ${end} AND w."technicianId" IS NOT NULL
             AND w.status <> 'CANCELLED' ${onlyOwn}
       GROUP BY w."technicianId"`,
    prisma.$queryRaw<{ technicianId: string; repeats: bigint }[]>`
      SELECT p."technicianId"::text AS "technicianId", count(*) AS repeats
        FROM "WorkOrder" w
        JOIN LATERAL (
          SELECT prev."technicianId" FROM "WorkOrder" prev
           WHERE prev."customerId" = w."customerId" AND prev.equipment = w.equipment AND prev.id <> w.id
             AND prev."finishedAt" < w."createdAt"
             AND prev."finishedAt" >= w."createdAt" - make_interval(days => ${REPEAT_REPAIR_DAYS})
           ORDER BY prev."finishedAt" DESC LIMIT 1) p ON true
       WHERE w."createdAt" >= ${start} AND w."createdAt" < ${end} AND w.equipment IS NOT NULL
             AND w.status <> 'CANCELLED' AND p."technicianId" IS NOT NULL ${onlyOwnPrevious}
       GROUP BY p."technicianId"`,
  ]);
  const byTechnician = new Map<string, TechnicianWeekRow>();
  const rowOf = (technicianId: string) => {
    let row = byTechnician.get(technicianId);
    if (!row) {
      row = { technicianId, finished: 0, onTime: 0, fees: '0.00', partsUsed: 0, repeatRepairs: 0 };
      byTechnician.set(technicianId, row);
    }
    return row;
  };
  for (const f of finished) {
    Object.assign(rowOf(f.technicianId), {
      finished: Number(f.finished),
      onTime: Number(f.onTime),
      fees: new Prisma.Decimal(f.fees).toFixed(2),
      partsUsed: Number(f.partsUsed),
    });
  }
  for (const r of repeats) rowOf(r.technicianId).repeatRepairs = Number(r.repeats);
  return { weekStart: monday, rows: [...byTechnician.values()] };
}

const SWEEP_PAGE = 500;

/**
 * Escalates orders whose on-site complaint was not registered within 4 working hours (003: 投诉问题应在4小时内上报):
 * once (level 1), to the order's dispatcher and the service managers, in-app. Called by the escalation sweep. The
 * Escalation row's unique key (workOrderId, reason, level) lets one of concurrent sweeps take it.
 */
export async function sweepOnSiteComplaints(now: Date): Promise<{ escalations: number; notifications: number }> {
  const result = { escalations: 0, notifications: 0 };
  const managers = await activeServiceManagerIds(prisma);
  for (let afterId: string | null = null; ;) {
    const rows: { id: string; number: string; dispatcherId: string | null; customer: { name: string } }[] =
      await prisma.workOrder.findMany({
        where: {
          ...(afterId ? { id: { gt: afterId } } : {}),
          onSiteComplaintDueAt: { lte: now },
          complaintId: null,
          escalationLevel: { lt: 1 },
          status: { not: 'CANCELLED' },
        },
        select: { id: true, number: true, dispatcherId: true, customer: { select: { name: true } } },
        orderBy: { id: 'asc' },
        take: SWEEP_PAGE,
      });
    for (const row of rows) {
      const recipients = [...new Set([...(row.dispatcherId ? [row.dispatcherId] : []), ...managers])];
      try {
        const notified = await prisma.$transaction(async (tx) => {
          await tx.escalation.create({
            data: {
              workOrderId: row.id,
              reason: ONSITE_COMPLAINT_UNREGISTERED,
              level: 1,
              notifiedUserIds: recipients,
              mailedAt: now,
            },
          });
          const count = await notifyUsers(tx, recipients, {
            kind: `ESCALATION_${ONSITE_COMPLAINT_UNREGISTERED}`,
            message: noticeMessage('notice.ONSITE_COMPLAINT_UNREGISTERED', {
              number: row.number,
              customer: row.customer.name,
            }),
            entityType: 'WorkOrder',
            entityId: row.id,
          });
          await tx.workOrder.updateMany({
            where: { id: row.id, escalationLevel: { lt: 1 } },
            data: { escalationLevel: 1 },
          });
          await tx.historyEntry.create({
            data: {
              ...historyRow({
                entityType: 'WorkOrder',
                entityId: row.id,
                action: 'ESCALATED',
                fromState: '0',
                toState: '1',
                message: activityMessage('workOrder.escalated'),
                changes: { reason: ONSITE_COMPLAINT_UNREGISTERED, notifiedUserIds: recipients },
              }),
              actorId: null,
              actorLabel: 'system',
            },
          });
          return count;
        });
        result.escalations += 1;
        result.notifications += notified;
      } catch (error) {
        // Another sweep took it first; anything else is retried by the next sweep.
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'))
          console.error(`[escalation] work order ${row.id} failed:`, error instanceof Error ? error.message : error);
      }
    }
    if (rows.length < SWEEP_PAGE) return result;
    afterId = rows[rows.length - 1]!.id;
  }
}
