import 'server-only';
import { TIME_ZONE } from '@/i18n/config';
import { Prisma } from '@/generated/prisma/client';
import { can, requirePermission } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { prisma } from '@/server/db';
import { badField, forbidden } from '@/server/errors';
import { isUuid } from '../cursor';
import type { Viewer } from '@/server/viewer';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import { businessHoursIndex } from '../reports/report.rules';
import { surveyTrend, type PeriodIndexModel } from '../survey-analysis/survey-analysis.service';
import {
  asOfFor,
  durationStats,
  onTime,
  parsePeriod,
  ratePer100Customers,
  ratePerContractVolume,
  ratio,
  REPEAT_WINDOW_DAYS,
  repeatComplaints,
  sameLastYear,
  shiftPeriod,
  type DurationStats,
  type OnTime,
  type Period,
} from './kpi-dashboard.rules';

export type KpiFilter = {
  departmentId?: string | null;
  severity?: 'GENERAL' | 'MAJOR' | 'CRISIS' | null;
  causeClass?: 'QUALITY' | 'NON_QUALITY' | null;
  keyAccount?: boolean | null;
  customerId?: string | null;
  province?: string | null;
  productRef?: string | null;
};

/** The three periods side by side: 0 the chosen one, 1 the previous, 2 the same period last year. */
export type Bucket = 0 | 1 | 2;
export type Triple<T> = { current: T; previous: T; lastYear: T };
export type KeyCount = { key: string | null; label: string | null; counts: Triple<number> };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The filter the viewer gets: a department handler's is pinned to their department (FORBIDDEN without one). */
export function effectiveFilter(viewer: Viewer, filter: KpiFilter): KpiFilter {
  requirePermission(viewer, 'reports:read');
  for (const field of ['departmentId', 'customerId'] as const) {
    const id = filter[field];
    if (id && !isUuid(id)) throw badField(field, 'common.invalidId');
  }
  if (viewer.kind === 'staff' && viewer.role === 'DEPARTMENT_HANDLER') {
    if (!viewer.departmentId) throw forbidden();
    return { ...filter, departmentId: viewer.departmentId };
  }
  return filter;
}

/** SQL conditions on Interaction i for a filter; `complaintOnly` false leaves out severity and cause class. */
function conditions(filter: KpiFilter, complaintOnly = true): Prisma.Sql[] {
  const sql: Prisma.Sql[] = [];
  if (filter.departmentId) sql.push(Prisma.sql`i."responsibleDepartmentId" = ${filter.departmentId}::uuid`);
  if (complaintOnly && filter.severity) sql.push(Prisma.sql`i."severity" = ${filter.severity}::"Severity"`);
  if (complaintOnly && filter.causeClass) sql.push(Prisma.sql`i."causeClass" = ${filter.causeClass}::"CauseClass"`);
  if (typeof filter.keyAccount === 'boolean') sql.push(Prisma.sql`i."isKeyAccount" = ${filter.keyAccount}`);
  if (filter.customerId) sql.push(Prisma.sql`i."customerId" = ${filter.customerId}::uuid`);
  if (filter.productRef) sql.push(Prisma.sql`i."productRef" = ${filter.productRef}`);
  if (filter.province)
    sql.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Customer" c WHERE c."id" = i."customerId" AND c."province" = ${filter.province})`,
    );
  return sql;
}

const and = (parts: Prisma.Sql[]) => (parts.length ? Prisma.join(parts, ' AND ') : Prisma.sql`TRUE`);

/** The periods as a VALUES list joined on createdAt: overlapping periods (a year's previous = last year) both count. */
const periodsSql = (periods: readonly Period[]) =>
  Prisma.sql`(VALUES ${Prisma.join(
    periods.map((p, bucket) => Prisma.sql`(${bucket}::int, ${p.from}::timestamp, ${p.to}::timestamp)`),
  )}) AS p(bucket, lo, hi)`;

const triple = <T>(make: (bucket: Bucket) => T): Triple<T> => ({
  current: make(0),
  previous: make(1),
  lastYear: make(2),
});

type BreakdownRow = {
  bucket: number;
  g: number;
  severity: string | null;
  causeClass: string | null;
  departmentId: string | null;
  productRef: string | null;
  month: string | null;
  n: number;
};

type ComplaintRow = {
  id: string;
  customerId: string | null;
  causeClass: string | null;
  productRef: string | null;
  createdAt: Date;
  triagedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  triageDueAt: Date | null;
  resolutionDueAt: Date | null;
};

export type KpiDashboardModel = {
  period: string;
  periods: Triple<{ period: string; from: Date; to: Date; asOf: Date }>;
  timeZone: string;
  filter: KpiFilter;
  total: Triple<number>;
  byType: KeyCount[];
  bySeverity: KeyCount[];
  byCauseClass: KeyCount[];
  byDepartment: KeyCount[];
  byProduct: KeyCount[];
  /** Months of the chosen period, with the month before and a year before beside each. */
  byMonth: { month: string; count: number }[];
  customersServed: Triple<number>;
  contractAmount: Triple<number>;
  ratePer100Customers: Triple<number | null>;
  ratePerContractVolume: Triple<number | null>;
  toTriage: Triple<DurationStats>;
  toResolve: Triple<DurationStats>;
  toClose: Triple<DurationStats>;
  triageOnTime: Triple<OnTime>;
  resolutionOnTime: Triple<OnTime>;
  callbackOnTime: Triple<OnTime>;
  overdueNow: number;
  repeatComplaints: Triple<number>;
  callbacks: Triple<{
    due: number;
    done: number;
    completionRate: number | null;
    accuracy: number | null;
    timeliness: number | null;
    attitude: number | null;
  }>;
  satisfaction: PeriodIndexModel[] | null;
  keyAccounts: {
    customerId: string;
    name: string;
    openComplaints: number;
    overdueObligations: number;
    lastIndex: number | null;
    lastIndexAt: Date | null;
    /** The latest visit logged with the customer (visits, issue 13), whatever the period. */
    lastVisitAt: Date | null;
    /** 三包 cost of the period: the cost of the warranty lines (returns, replacements, repairs) of the customer's work orders recorded in it. */
    warrantyCost: number;
  }[];
};

/**
 * The KPI dashboard for a period and filters (SPEC §9; definitions in kpi-dashboard.rules.ts). A fixed number of
 * set-based statements whatever the period holds, run in parallel: complaint breakdowns of the three periods in one
 * GROUPING SETS statement, intake by type with distinct customers served, contract volume, the complaint rows needed
 * for business-hour durations and repeats (their columns only), callbacks with count(*) FILTER, overdue now (the
 * open-complaint counts index), key-account health, and the survey trend (surveys:read only).
 */
export async function kpiDashboard(
  viewer: Viewer,
  args: { period: string; filter?: KpiFilter | null },
  now: Date = clockNow(),
): Promise<KpiDashboardModel> {
  const filter = effectiveFilter(viewer, args.filter ?? {});
  const current = parsePeriod(args.period, TIME_ZONE);
  if (!current) throw badField('period', 'kpiDashboard.periodInvalid');
  const periods = [current, shiftPeriod(current, -1, TIME_ZONE), sameLastYear(current, TIME_ZONE)] as const;
  const asOf = periods.map((p) => asOfFor(p, now));
  const complaintWhere = and([Prisma.sql`i."type" = 'COMPLAINT'`, ...conditions(filter)]);
  const intakeWhere = and(conditions(filter, false));
  const joined = Prisma.sql`${periodsSql(periods)} JOIN "Interaction" i ON i."createdAt" >= p.lo AND i."createdAt" < p.hi`;
  const earliest = new Date(Math.min(...periods.map((p) => p.from.getTime())) - REPEAT_WINDOW_DAYS * DAY_MS);
  const latest = new Date(Math.max(...periods.map((p) => p.to.getTime())));

  const [breakdown, intake, contracts, rows, callbacks, overdue, departments, keyAccounts, calendar, satisfaction] =
    await Promise.all([
      prisma.$queryRaw<BreakdownRow[]>`
        SELECT p.bucket, GROUPING(i."severity", i."causeClass", i."responsibleDepartmentId", i."productRef", month)::int AS g,
               i."severity"::text AS severity, i."causeClass"::text AS "causeClass",
               i."responsibleDepartmentId"::text AS "departmentId", i."productRef" AS "productRef", month, count(*)::int AS n
        FROM ${joined}
        CROSS JOIN LATERAL (SELECT to_char(i."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE ${TIME_ZONE}, 'YYYY-MM') AS month) m
        WHERE ${complaintWhere}
        GROUP BY GROUPING SETS ((p.bucket), (p.bucket, i."severity"), (p.bucket, i."causeClass"),
          (p.bucket, i."responsibleDepartmentId"), (p.bucket, i."productRef"), (p.bucket, month))`,
      prisma.$queryRaw<{ bucket: number; type: string | null; n: number; customers: number }[]>`
        SELECT p.bucket, i."type"::text AS type, count(*)::int AS n, count(DISTINCT i."customerId")::int AS customers
        FROM ${joined} WHERE ${intakeWhere}
        GROUP BY GROUPING SETS ((p.bucket, i."type"), (p.bucket))`,
      prisma.$queryRaw<{ bucket: number; amount: string | null }[]>`
        SELECT p.bucket, sum(ct."amount")::text AS amount
        FROM ${periodsSql(periods)} JOIN "Contract" ct ON ct."signedAt" >= (p.lo AT TIME ZONE 'UTC' AT TIME ZONE ${TIME_ZONE})::date
          AND ct."signedAt" < (p.hi AT TIME ZONE 'UTC' AT TIME ZONE ${TIME_ZONE})::date
        WHERE ${and(
          [
            filter.customerId ? Prisma.sql`ct."customerId" = ${filter.customerId}::uuid` : null,
            filter.province
              ? Prisma.sql`EXISTS (SELECT 1 FROM "Customer" c WHERE c."id" = ct."customerId" AND c."province" = ${filter.province})`
              : null,
            typeof filter.keyAccount === 'boolean'
              ? Prisma.sql`EXISTS (SELECT 1 FROM "Customer" c WHERE c."id" = ct."customerId" AND (c."keyAccountStatus" = 'ACTIVE') = ${filter.keyAccount})`
              : null,
          ].filter((s): s is Prisma.Sql => s !== null),
        )}
        GROUP BY p.bucket`,
      prisma.$queryRaw<ComplaintRow[]>`
        SELECT i."id", i."customerId", i."causeClass"::text AS "causeClass", i."productRef", i."createdAt",
               i."triagedAt", i."resolvedAt", i."closedAt", i."triageDueAt", i."resolutionDueAt"
        FROM "Interaction" i
        WHERE i."createdAt" >= ${earliest} AND i."createdAt" < ${latest} AND ${complaintWhere}`,
      prisma.$queryRaw<
        {
          bucket: number;
          due: number;
          done: number;
          on_time: number;
          late: number;
          overdue: number;
          accuracy: number | null;
          timeliness: number | null;
          attitude: number | null;
        }[]
      >`
        SELECT p.bucket,
          count(*) FILTER (WHERE cb."dueAt" <= p.asof OR (cb."completedAt" <= p.asof))::int AS due,
          count(*) FILTER (WHERE cb."status" = 'DONE' AND cb."completedAt" <= p.asof)::int AS done,
          count(*) FILTER (WHERE cb."status" = 'DONE' AND cb."completedAt" <= p.asof AND cb."completedAt" <= cb."dueAt")::int AS on_time,
          count(*) FILTER (WHERE cb."status" = 'DONE' AND cb."completedAt" <= p.asof AND cb."completedAt" > cb."dueAt")::int AS late,
          count(*) FILTER (WHERE cb."dueAt" <= p.asof AND NOT (cb."status" = 'DONE' AND cb."completedAt" <= p.asof))::int AS overdue,
          avg(cb."accuracyScore")::float AS accuracy, avg(cb."timelinessScore")::float AS timeliness,
          avg(cb."attitudeScore")::float AS attitude
        FROM (VALUES ${Prisma.join(
          periods.map(
            (p, b) => Prisma.sql`(${b}::int, ${p.from}::timestamp, ${p.to}::timestamp, ${asOf[b]}::timestamp)`,
          ),
        )}) AS p(bucket, lo, hi, asof)
        JOIN "Callback" cb ON cb."dueAt" >= p.lo AND cb."dueAt" < p.hi AND cb."status" IN ('PENDING', 'DONE')
        JOIN "Interaction" i ON i."id" = cb."interactionId"
        WHERE ${complaintWhere}
        GROUP BY p.bucket`,
      prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "Interaction" i
        WHERE i."isOpenComplaint" = TRUE AND ${complaintWhere}
          AND (i."resolutionDueAt" < ${now} OR (i."responsibleDepartmentId" IS NULL AND i."triageDueAt" < ${now}))`,
      prisma.department.findMany({ select: { id: true, name: true } }),
      keyAccountHealth(viewer, filter, now, current),
      loadBusinessCalendar(),
      can(viewer, 'surveys:read')
        ? surveyTrend(viewer, {
            provinces: filter.province ? [filter.province] : null,
            keyAccountStatuses: filter.keyAccount === true ? ['ACTIVE'] : null,
          })
        : Promise.resolve(null),
    ]);

  const departmentName = new Map(departments.map((d) => [d.id, d.name] as const));
  const countOf = (bucket: number, pick: (r: BreakdownRow) => boolean) =>
    breakdown.filter((r) => r.bucket === bucket && pick(r)).reduce((s, r) => s + r.n, 0);
  // GROUPING bits (severity, causeClass, department, product, month): 1 = rolled up.
  const ALL_ROLLED = 0b11111;
  const keyed = (
    bit: number,
    key: (r: BreakdownRow) => string | null,
    label: (k: string | null) => string | null = (k) => k,
  ): KeyCount[] => {
    const rowsOf = breakdown.filter((r) => r.g === (ALL_ROLLED & ~bit));
    const keys = [...new Set(rowsOf.map(key))];
    return keys
      .map((k) => ({
        key: k,
        label: label(k),
        counts: triple((b) => rowsOf.filter((r) => r.bucket === b && key(r) === k).reduce((s, r) => s + r.n, 0)),
      }))
      .sort((a, b) => b.counts.current - a.counts.current || (a.key ?? '~').localeCompare(b.key ?? '~'));
  };
  const total = triple((b) => countOf(b, (r) => r.g === ALL_ROLLED));
  const customersServed = triple((b) => intake.find((r) => r.bucket === b && r.type === null)?.customers ?? 0);
  const contractAmount = triple((b) => Number(contracts.find((r) => r.bucket === b)?.amount ?? 0));

  const inPeriod = (b: Bucket) => rows.filter((r) => r.createdAt >= periods[b].from && r.createdAt < periods[b].to);
  const hours = businessHoursIndex(calendar, earliest, new Date(Math.max(now.getTime(), latest.getTime())));
  const stats = (reached: (r: ComplaintRow) => Date | null) =>
    triple((b) =>
      durationStats(
        inPeriod(b).map((r) => ({ createdAt: r.createdAt, reachedAt: reached(r) })),
        asOf[b]!,
        hours,
      ),
    );
  const callbackOf = (b: Bucket) => callbacks.find((c) => c.bucket === b);

  return {
    period: current.period,
    periods: triple((b) => ({ period: periods[b].period, from: periods[b].from, to: periods[b].to, asOf: asOf[b]! })),
    timeZone: TIME_ZONE,
    filter,
    total,
    byType: (() => {
      const types = [...new Set(intake.flatMap((r) => (r.type ? [r.type] : [])))].sort();
      return types.map((type) => ({
        key: type,
        label: type,
        counts: triple((b) => intake.find((r) => r.bucket === b && r.type === type)?.n ?? 0),
      }));
    })(),
    bySeverity: keyed(0b10000, (r) => r.severity),
    byCauseClass: keyed(0b01000, (r) => r.causeClass),
    byDepartment: keyed(
      0b00100,
      (r) => r.departmentId,
      (k) => (k ? (departmentName.get(k) ?? null) : null),
    ),
    byProduct: keyed(0b00010, (r) => r.productRef).slice(0, 20),
    byMonth: breakdown
      .filter((r) => r.bucket === 0 && r.g === (ALL_ROLLED & ~0b00001) && r.month)
      .map((r) => ({ month: r.month!, count: r.n }))
      .sort((a, b) => a.month.localeCompare(b.month)),
    customersServed,
    contractAmount,
    ratePer100Customers: triple((b) => ratePer100Customers(total[periodKey(b)], customersServed[periodKey(b)])),
    ratePerContractVolume: triple((b) => ratePerContractVolume(total[periodKey(b)], contractAmount[periodKey(b)])),
    toTriage: stats((r) => r.triagedAt),
    toResolve: stats((r) => r.resolvedAt),
    toClose: stats((r) => r.closedAt),
    triageOnTime: triple((b) =>
      onTime(
        inPeriod(b).map((r) => ({ dueAt: r.triageDueAt, doneAt: r.triagedAt })),
        asOf[b]!,
      ),
    ),
    resolutionOnTime: triple((b) =>
      onTime(
        inPeriod(b).map((r) => ({ dueAt: r.resolutionDueAt, doneAt: r.resolvedAt })),
        asOf[b]!,
      ),
    ),
    callbackOnTime: triple((b) => {
      const c = callbackOf(b);
      const [early, late, overdueCount] = [c?.on_time ?? 0, c?.late ?? 0, c?.overdue ?? 0];
      return { onTime: early, late, overdue: overdueCount, rate: ratio(early, early + late + overdueCount) };
    }),
    overdueNow: overdue[0]?.n ?? 0,
    repeatComplaints: triple((b) => repeatComplaints(inPeriod(b), rows).length),
    callbacks: triple((b) => {
      const c = callbackOf(b);
      return {
        due: c?.due ?? 0,
        done: c?.done ?? 0,
        completionRate: ratio(c?.done ?? 0, c?.due ?? 0),
        accuracy: c?.accuracy ?? null,
        timeliness: c?.timeliness ?? null,
        attitude: c?.attitude ?? null,
      };
    }),
    satisfaction,
    keyAccounts,
  };
}

const periodKey = (b: Bucket): keyof Triple<unknown> => (b === 0 ? 'current' : b === 1 ? 'previous' : 'lastYear');

/**
 * Per active key account (within the filter's customer and province): open complaints (the filter's department,
 * severity and cause applied), overdue open obligations, the index of its latest submitted survey response, its last
 * visit, and the 三包 cost of the period (warranty lines of its work orders recorded in the chosen period).
 */
async function keyAccountHealth(
  viewer: Viewer,
  filter: KpiFilter,
  now: Date,
  period: Pick<Period, 'from' | 'to'>,
): Promise<KpiDashboardModel['keyAccounts']> {
  if (filter.keyAccount === false) return [];
  const customerWhere = and(
    [
      Prisma.sql`c."keyAccountStatus" = 'ACTIVE'`,
      filter.customerId ? Prisma.sql`c."id" = ${filter.customerId}::uuid` : null,
      filter.province ? Prisma.sql`c."province" = ${filter.province}` : null,
    ].filter((s): s is Prisma.Sql => s !== null),
  );
  const complaintWhere = and([
    Prisma.sql`i."isOpenComplaint" = TRUE`,
    ...conditions({ ...filter, customerId: null, province: null }),
  ]);
  const showNames = can(viewer, 'customers:read');
  const rows = await prisma.$queryRaw<
    {
      customerId: string;
      name: string;
      open: number;
      overdue: number;
      lastIndex: string | null;
      lastIndexAt: Date | null;
      lastVisitAt: Date | null;
      warrantyCost: string | null;
    }[]
  >`
    SELECT c."id" AS "customerId", c."name",
      (SELECT count(*)::int FROM "Interaction" i WHERE i."customerId" = c."id" AND ${complaintWhere}) AS open,
      (SELECT count(*)::int FROM "KeyAccountObligation" o WHERE o."customerId" = c."id" AND o."status" = 'OPEN' AND o."dueAt" < ${now}) AS overdue,
      s."indexScore"::text AS "lastIndex", s."submittedAt" AS "lastIndexAt",
      (SELECT max(v."visitedAt") FROM "VisitLog" v WHERE v."customerId" = c."id") AS "lastVisitAt",
      (SELECT sum(l."cost")::text FROM "WorkOrder" w JOIN "WorkOrderWarrantyLine" l ON l."workOrderId" = w."id"
        WHERE w."customerId" = c."id" AND l."createdAt" >= ${period.from} AND l."createdAt" < ${period.to}) AS "warrantyCost"
    FROM "Customer" c
    LEFT JOIN LATERAL (
      SELECT r."indexScore", r."submittedAt" FROM "SurveyResponse" r
      WHERE r."customerId" = c."id" AND r."submittedAt" IS NOT NULL
      ORDER BY r."submittedAt" DESC LIMIT 1
    ) s ON TRUE
    WHERE ${customerWhere}
    ORDER BY open DESC, overdue DESC, c."name"
    LIMIT 50`;
  return rows.map((r) => ({
    customerId: r.customerId,
    name: showNames ? r.name : '',
    openComplaints: r.open,
    overdueObligations: r.overdue,
    lastIndex: r.lastIndex === null ? null : Number(r.lastIndex),
    lastIndexAt: r.lastIndexAt,
    lastVisitAt: r.lastVisitAt,
    warrantyCost: Number(r.warrantyCost ?? 0),
  }));
}
