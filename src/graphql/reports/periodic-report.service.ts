import 'server-only';
import { TIME_ZONE } from '@/i18n/config';
import type { Prisma } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { prisma } from '@/server/db';
import { badField } from '@/server/errors';
import type { Viewer } from '@/server/viewer';
import { complaintSummaryFor, reportScope, type ComplaintMonthlySummaryResult } from './report.service';
import { asOfFor } from './report.rules';
import { periodRange, shiftPeriod, type PeriodRange, type ReportPeriodKind } from './report-period.rules';
import {
  pareto,
  satisfactionSummary,
  topCausesWithActions,
  type ParetoRow,
  type SatisfactionSummary,
  type TopCauseRow,
} from './periodic-report.rules';

export type ComplaintPeriodReport = {
  kind: ReportPeriodKind;
  period: string;
  previousPeriod: string;
  summary: ComplaintMonthlySummaryResult;
  pareto: ParetoRow[];
  topCauses: TopCauseRow[];
  satisfaction: SatisfactionSummary;
};

/** The period's range, or BAD_USER_INPUT on the `period` field. */
export function parsePeriodParam(kind: ReportPeriodKind, period: string | null | undefined): PeriodRange {
  const range = period ? periodRange(kind, period, TIME_ZONE) : null;
  if (!range) throw badField('period', 'report.periodInvalid');
  return range;
}

/**
 * 月度/季度/年度投诉与服务报告 (SPEC §9) for the viewer's read scope: the monthly summary's figures for the period
 * against the one before it, plus the Pareto of causes, the status of the top causes' actions and satisfaction beside
 * complaints. Four more queries, whatever the period holds: causes grouped by the database, the period's complaint
 * actions (status, due time, the complaint's cause), the survey responses' sums (SurveyResponse.submittedAt index)
 * and the scores of callbacks completed in the period (Callback (status, completedAt) index).
 */
export async function complaintPeriodReport(
  viewer: Viewer,
  kind: ReportPeriodKind,
  period: string,
  now: Date = clockNow(),
): Promise<ComplaintPeriodReport> {
  requirePermission(viewer, 'reports:read');
  const range = parsePeriodParam(kind, period);
  const previousRange = periodRange(kind, shiftPeriod(kind, range.period, -1), TIME_ZONE)!;
  const asOf = asOfFor(range, now);
  const complaintsIn: Prisma.InteractionWhereInput = {
    AND: [reportScope(viewer), { type: 'COMPLAINT' }, { createdAt: { gte: range.from, lt: range.to } }],
  };
  const submitted = { submittedAt: { gte: range.from, lt: range.to } };

  const [summary, causes, actions, responses, lowScores, callbacks] = await Promise.all([
    complaintSummaryFor(viewer, range, previousRange, now),
    prisma.interaction.groupBy({
      by: ['causeClass', 'responsibleDepartmentId'],
      where: complaintsIn,
      _count: { _all: true },
      orderBy: [{ causeClass: 'asc' }, { responsibleDepartmentId: 'asc' }],
    }),
    prisma.complaintAction.findMany({
      where: { interaction: complaintsIn },
      select: {
        status: true,
        dueAt: true,
        interaction: { select: { causeClass: true, responsibleDepartmentId: true } },
      },
    }),
    prisma.surveyResponse.aggregate({
      where: submitted,
      _count: { _all: true },
      _avg: { indexScore: true },
      _sum: { npsPromoters: true, npsPassives: true, npsDetractors: true },
    }),
    prisma.surveyResponse.count({ where: { ...submitted, lowScore: true } }),
    prisma.callback.findMany({
      where: { status: 'DONE', completedAt: { gte: range.from, lt: range.to } },
      select: { accuracyScore: true, timelinessScore: true, attitudeScore: true },
    }),
  ]);

  const departmentName = new Map(summary.byDepartment.map((d) => [d.departmentId, d.departmentName] as const));
  const rows = pareto(
    causes.map((g) => ({
      causeClass: g.causeClass,
      departmentId: g.responsibleDepartmentId,
      departmentName: departmentName.get(g.responsibleDepartmentId) ?? null,
      count: g._count._all,
    })),
    summary.total,
  );
  return {
    kind,
    period: range.period,
    previousPeriod: previousRange.period,
    summary,
    pareto: rows,
    topCauses: topCausesWithActions(
      rows,
      actions.map((a) => ({
        causeClass: a.interaction.causeClass,
        departmentId: a.interaction.responsibleDepartmentId,
        status: a.status,
        dueAt: a.dueAt,
      })),
      asOf,
    ),
    satisfaction: satisfactionSummary(
      {
        responses: responses._count._all,
        averageIndex: responses._avg.indexScore === null ? null : Number(responses._avg.indexScore),
        lowScores,
        npsPromoters: responses._sum.npsPromoters ?? 0,
        npsPassives: responses._sum.npsPassives ?? 0,
        npsDetractors: responses._sum.npsDetractors ?? 0,
      },
      callbacks,
    ),
  };
}
