import { TIME_ZONE } from '@/i18n/config';
import type { Prisma } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { prisma } from '@/server/db';
import { badInput } from '@/server/errors';
import type { Viewer } from '@/server/viewer';
import { loadBusinessCalendar } from '../complaints/business-calendar';
import { businessHoursBetween } from '../complaints/sla-clock.rules';
import { interactionReadScope, mayReadCustomerRecords } from '../interactions/interaction.service';
import { asOfFor, monthRange, REPEAT_WINDOW_DAYS, shiftMonth, summariseComplaints, type ComplaintMonthlySummary, type MonthRange } from './report.rules';

const DAY_MS = 24 * 60 * 60 * 1000;

export type ComplaintMonthlySummaryResult = ComplaintMonthlySummary & { timeZone: string };

/** The month's range, or BAD_USER_INPUT on the `month` field. */
export function parseMonthParam(month: string | null | undefined): MonthRange {
  const range = month ? monthRange(month, TIME_ZONE) : null;
  if (!range) throw badInput(`Invalid month: ${month ?? ''} (YYYY-MM expected)`, { month: '月份格式须为 YYYY-MM，例如 2026-11' });
  return range;
}

/**
 * 月度投诉汇总与分析 [002 C9 5.9] for the viewer's read scope. A fixed number of queries whatever the month holds, run
 * in parallel: intake by type for the month and the previous month (groupBy), the month's complaints (one narrow
 * select with the customer's and department's names and the 8D D4 — no N+1), the previous month's complaints grouped by
 * severity × cause × department, the 90 days before the month (customer and time only, for repeat complaints), the
 * month's callbacks, and the business calendar; then department names the previous month alone needs. Filters use
 * Interaction's createdAt index and Callback's (status, dueAt) index. The maths is report.rules.ts.
 */
export async function complaintMonthlySummary(viewer: Viewer, month: string, now: Date = clockNow()): Promise<ComplaintMonthlySummaryResult> {
  requirePermission(viewer, 'interactions:read');
  const range = parseMonthParam(month);
  const previousRange = monthRange(shiftMonth(range.month, -1), TIME_ZONE)!;
  const asOf = asOfFor(range, now);
  const scope = interactionReadScope(viewer);
  const registered = (r: { from: Date; to: Date }): Prisma.InteractionWhereInput => ({ createdAt: { gte: r.from, lt: r.to } });
  const complaintsIn = (r: { from: Date; to: Date }): Prisma.InteractionWhereInput => ({ AND: [scope, { type: 'COMPLAINT' }, registered(r)] });

  const [intake, previousIntake, complaints, previousGroups, prior, callbacks, calendar] = await Promise.all([
    prisma.interaction.groupBy({ by: ['type'], where: { AND: [scope, registered(range)] }, _count: { _all: true }, orderBy: { type: 'asc' } }),
    prisma.interaction.groupBy({ by: ['type'], where: { AND: [scope, registered(previousRange)] }, _count: { _all: true }, orderBy: { type: 'asc' } }),
    prisma.interaction.findMany({
      where: complaintsIn(range),
      select: {
        id: true,
        number: true,
        customerId: true,
        customer: { select: { name: true } },
        companyName: true,
        status: true,
        severity: true,
        causeClass: true,
        responsibleDepartmentId: true,
        responsibleDepartment: { select: { name: true } },
        productRef: true,
        createdAt: true,
        triagedAt: true,
        resolvedAt: true,
        closedAt: true,
        resolutionDueAt: true,
        eightD: { select: { d4RootCauseOccurrence: true, d4RootCauseOutflow: true } },
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
    prisma.interaction.groupBy({
      by: ['severity', 'causeClass', 'responsibleDepartmentId'],
      where: complaintsIn(previousRange),
      _count: { _all: true },
      orderBy: [{ severity: 'asc' }, { causeClass: 'asc' }, { responsibleDepartmentId: 'asc' }],
    }),
    prisma.interaction.findMany({
      where: { AND: [complaintsIn({ from: new Date(range.from.getTime() - REPEAT_WINDOW_DAYS * DAY_MS), to: range.from }), { customerId: { not: null } }] },
      select: { customerId: true, createdAt: true },
    }),
    prisma.callback.findMany({
      // Listing the two live statuses lets the (status, dueAt) index serve the range; cancelled ones do not count.
      where: { status: { in: ['PENDING', 'DONE'] }, dueAt: { gte: range.from, lt: range.to }, interaction: { AND: [scope, { type: 'COMPLAINT' }] } },
      select: { status: true, dueAt: true, completedAt: true },
    }),
    loadBusinessCalendar(),
  ]);

  const named = new Map(complaints.flatMap((c) => (c.responsibleDepartmentId ? [[c.responsibleDepartmentId, c.responsibleDepartment?.name ?? null] as const] : [])));
  const missing = [...new Set(previousGroups.flatMap((g) => (g.responsibleDepartmentId && !named.has(g.responsibleDepartmentId) ? [g.responsibleDepartmentId] : [])))];
  if (missing.length) for (const d of await prisma.department.findMany({ where: { id: { in: missing } }, select: { id: true, name: true } })) named.set(d.id, d.name);

  // Customer names only for who may read customer records (an API key with interactions:read alone gets ids).
  const showCustomers = mayReadCustomerRecords(viewer);
  const summary = summariseComplaints({
    range,
    previousRange,
    asOf,
    intake: intake.map((g) => ({ type: g.type, count: g._count._all })),
    previousIntake: previousIntake.map((g) => ({ type: g.type, count: g._count._all })),
    complaints: complaints.map((c) => ({
      id: c.id,
      number: c.number,
      customerId: c.customerId,
      customerName: showCustomers ? (c.customer?.name ?? c.companyName) : null,
      status: c.status,
      severity: c.severity,
      causeClass: c.causeClass,
      departmentId: c.responsibleDepartmentId,
      departmentName: c.responsibleDepartment?.name ?? null,
      productRef: c.productRef,
      createdAt: c.createdAt,
      triagedAt: c.triagedAt,
      resolvedAt: c.resolvedAt,
      closedAt: c.closedAt,
      resolutionDueAt: c.resolutionDueAt,
      rootCause: c.eightD ? { occurrence: c.eightD.d4RootCauseOccurrence, outflow: c.eightD.d4RootCauseOutflow } : null,
    })),
    previousComplaints: previousGroups.map((g) => ({
      severity: g.severity,
      causeClass: g.causeClass,
      departmentId: g.responsibleDepartmentId,
      departmentName: g.responsibleDepartmentId ? (named.get(g.responsibleDepartmentId) ?? null) : null,
      count: g._count._all,
    })),
    priorComplaints: prior.flatMap((p) => (p.customerId ? [{ customerId: p.customerId, createdAt: p.createdAt }] : [])),
    callbacks,
    hoursBetween: (from, to) => businessHoursBetween(from, to, calendar),
  });
  return { ...summary, timeZone: TIME_ZONE };
}
