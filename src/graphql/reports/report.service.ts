import 'server-only';
import { TIME_ZONE } from '@/i18n/config';
import type { Prisma } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { prisma } from '@/server/db';
import { badField } from '@/server/errors';
import type { Viewer } from '@/server/viewer';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import { interactionReadScope, mayReadCustomerRecords } from '../interactions/interaction.scope';
import {
  asOfFor,
  businessHoursIndex,
  monthRange,
  REPEAT_WINDOW_DAYS,
  shiftMonth,
  summariseComplaints,
  type ComplaintMonthlySummary,
  type MonthRange,
} from './report.rules';

const DAY_MS = 24 * 60 * 60 * 1000;

export type ComplaintMonthlySummaryResult = ComplaintMonthlySummary & { timeZone: string };

/**
 * Which complaints a report counts: all of them for reports:read (an API key with reports:read alone included), but a
 * department handler's reports cover what they may read — their department's and their own (interactionReadScope).
 */
export function reportScope(viewer: Viewer): Prisma.InteractionWhereInput {
  requirePermission(viewer, 'reports:read');
  return viewer.kind === 'staff' && viewer.role === 'DEPARTMENT_HANDLER' ? interactionReadScope(viewer) : {};
}

/** The month's range, or BAD_USER_INPUT on the `month` field. */
export function parseMonthParam(month: string | null | undefined): MonthRange {
  const range = month ? monthRange(month, TIME_ZONE) : null;
  if (!range) throw badField('month', 'report.monthInvalid');
  return range;
}

/**
 * 月度投诉汇总与分析 [002 C9 5.9] for the viewer's read scope. A fixed number of queries whatever the month holds (no
 * N+1), run in parallel: intake by type for the month and the previous month (groupBy), the month's complaints (their
 * columns only), the D4 texts of their 8D records, the previous month's complaints grouped by severity × cause ×
 * department, the 90 days before the month (customer and time only, for repeat complaints), the month's callbacks,
 * the departments and the business calendar; then the names of the month's customers. The month filters use
 * Interaction's (type, status) and createdAt indexes and Callback's (status, dueAt) index. The maths is
 * report.rules.ts.
 */
export async function complaintMonthlySummary(
  viewer: Viewer,
  month: string,
  now: Date = clockNow(),
): Promise<ComplaintMonthlySummaryResult> {
  requirePermission(viewer, 'reports:read');
  const range = parseMonthParam(month);
  return complaintSummaryFor(viewer, range, monthRange(shiftMonth(range.month, -1), TIME_ZONE)!, now);
}

/**
 * The summary's figures for any range (a month, a quarter or a year: periodic-report.service.ts) against the range
 * before it. The caller has checked reports:read.
 */
export async function complaintSummaryFor(
  viewer: Viewer,
  range: MonthRange,
  previousRange: MonthRange,
  now: Date,
): Promise<ComplaintMonthlySummaryResult> {
  const asOf = asOfFor(range, now);
  const scope = reportScope(viewer);
  const registered = (r: { from: Date; to: Date }): Prisma.InteractionWhereInput => ({
    createdAt: { gte: r.from, lt: r.to },
  });
  const complaintsIn = (r: { from: Date; to: Date }): Prisma.InteractionWhereInput => ({
    AND: [scope, { type: 'COMPLAINT' }, registered(r)],
  });

  const [intake, previousIntake, complaints, eightDs, previousGroups, prior, callbacks, departments, calendar] =
    await Promise.all([
      prisma.interaction.groupBy({
        by: ['type'],
        where: { AND: [scope, registered(range)] },
        _count: { _all: true },
        orderBy: { type: 'asc' },
      }),
      prisma.interaction.groupBy({
        by: ['type'],
        where: { AND: [scope, registered(previousRange)] },
        _count: { _all: true },
        orderBy: { type: 'asc' },
      }),
      // Columns only: nested selects of the customer, department and 8D made this query three times slower (5,000 rows:
      // ~630 ms against ~190 ms); their few names and the D4 texts come from the small queries beside it.
      prisma.interaction.findMany({
        where: complaintsIn(range),
        select: {
          id: true,
          number: true,
          customerId: true,
          companyName: true,
          status: true,
          severity: true,
          causeClass: true,
          responsibleDepartmentId: true,
          productRef: true,
          createdAt: true,
          triagedAt: true,
          resolvedAt: true,
          closedAt: true,
          resolutionDueAt: true,
        },
      }),
      prisma.eightDReport.findMany({
        where: {
          interaction: complaintsIn(range),
          OR: [{ d4RootCauseOccurrence: { not: null } }, { d4RootCauseOutflow: { not: null } }],
        },
        select: { interactionId: true, d4RootCauseOccurrence: true, d4RootCauseOutflow: true },
      }),
      prisma.interaction.groupBy({
        by: ['severity', 'causeClass', 'responsibleDepartmentId'],
        where: complaintsIn(previousRange),
        _count: { _all: true },
        orderBy: [{ severity: 'asc' }, { causeClass: 'asc' }, { responsibleDepartmentId: 'asc' }],
      }),
      prisma.interaction.findMany({
        where: {
          AND: [
            complaintsIn({ from: new Date(range.from.getTime() - REPEAT_WINDOW_DAYS * DAY_MS), to: range.from }),
            { customerId: { not: null } },
          ],
        },
        select: { customerId: true, createdAt: true },
      }),
      prisma.callback.findMany({
        // Listing the two live statuses lets the (status, dueAt) index serve the range; cancelled ones do not count.
        where: {
          status: { in: ['PENDING', 'DONE'] },
          dueAt: { gte: range.from, lt: range.to },
          interaction: { AND: [scope, { type: 'COMPLAINT' }] },
        },
        select: { status: true, dueAt: true, completedAt: true },
      }),
      // The department table is the organisation chart: a few dozen rows, cheaper whole than by the ids in use.
      prisma.department.findMany({ select: { id: true, name: true } }),
      loadBusinessCalendar(),
    ]);

  // Customer names only for who may read customer records (an API key with interactions:read alone gets ids).
  const showCustomers = mayReadCustomerRecords(viewer);
  const customerIds = [...new Set(complaints.flatMap((c) => (c.customerId ? [c.customerId] : [])))];
  const customerNames = new Map(
    showCustomers && customerIds.length
      ? (await prisma.customer.findMany({ where: { id: { in: customerIds } }, select: { id: true, name: true } })).map(
          (c) => [c.id, c.name] as const,
        )
      : [],
  );
  const departmentName = new Map(departments.map((d) => [d.id, d.name] as const));
  const rootCauseOf = new Map(
    eightDs.map(
      (e) => [e.interactionId, { occurrence: e.d4RootCauseOccurrence, outflow: e.d4RootCauseOutflow }] as const,
    ),
  );
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
      customerName: showCustomers ? (c.customerId ? (customerNames.get(c.customerId) ?? null) : c.companyName) : null,
      status: c.status,
      severity: c.severity,
      causeClass: c.causeClass,
      departmentId: c.responsibleDepartmentId,
      departmentName: c.responsibleDepartmentId ? (departmentName.get(c.responsibleDepartmentId) ?? null) : null,
      productRef: c.productRef,
      createdAt: c.createdAt,
      triagedAt: c.triagedAt,
      resolvedAt: c.resolvedAt,
      closedAt: c.closedAt,
      resolutionDueAt: c.resolutionDueAt,
      rootCause: rootCauseOf.get(c.id) ?? null,
    })),
    previousComplaints: previousGroups.map((g) => ({
      severity: g.severity,
      causeClass: g.causeClass,
      departmentId: g.responsibleDepartmentId,
      departmentName: g.responsibleDepartmentId ? (departmentName.get(g.responsibleDepartmentId) ?? null) : null,
      count: g._count._all,
    })),
    priorComplaints: prior.flatMap((p) => (p.customerId ? [{ customerId: p.customerId, createdAt: p.createdAt }] : [])),
    callbacks,
    // Every duration starts at a registration inside the month and ends by asOf.
    hoursBetween: businessHoursIndex(calendar, range.from, asOf),
  });
  return { ...summary, timeZone: TIME_ZONE };
}
