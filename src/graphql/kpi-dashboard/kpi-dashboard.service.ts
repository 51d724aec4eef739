import 'server-only';
import { TIME_ZONE } from '@/i18n/config';
import { Prisma } from '@/generated/prisma/client';
import { InteractionType } from '@/generated/prisma/enums';
import { can, requirePermission } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { prisma } from '@/server/db';
import { badField, forbidden } from '@/server/errors';
import { isUuid } from '../cursor';
import type { Viewer } from '@/server/viewer';
import { QUEUES, sendWhenStarted } from '@/server/queue/boss';
import { surveyTrend, type PeriodIndexModel } from '../survey-analysis/survey-analysis.service';
import { refreshKpiFacts, repeatWindowSql } from './kpi-fact.service';
import {
  asOfFor,
  KPI_FACT_ON_DEMAND_LIMIT,
  parsePeriod,
  ratePer100Customers,
  ratePerContractVolume,
  MEDIAN,
  P90,
  ratio,
  REPEAT_WINDOW_DAYS,
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

/**
 * The same conditions on the rollup (ComplaintKpiFact, alias `alias`); `historyOnly` leaves out what the customer
 * fixes (customer, province), which an earlier complaint of the same customer shares anyway.
 */
function factConditions(filter: KpiFilter, alias: string, historyOnly = false): Prisma.Sql[] {
  const f = Prisma.raw(alias);
  const sql: Prisma.Sql[] = [];
  if (filter.departmentId) sql.push(Prisma.sql`${f}."departmentId" = ${filter.departmentId}::uuid`);
  if (filter.severity) sql.push(Prisma.sql`${f}."severity" = ${filter.severity}::"Severity"`);
  if (filter.causeClass) sql.push(Prisma.sql`${f}."causeClass" = ${filter.causeClass}::"CauseClass"`);
  if (typeof filter.keyAccount === 'boolean') sql.push(Prisma.sql`${f}."isKeyAccount" = ${filter.keyAccount}`);
  if (filter.productRef) sql.push(Prisma.sql`${f}."productRef" = ${filter.productRef}`);
  if (historyOnly) return sql;
  if (filter.customerId) sql.push(Prisma.sql`${f}."customerId" = ${filter.customerId}::uuid`);
  if (filter.province)
    sql.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Customer" c WHERE c."id" = ${f}."customerId" AND c."province" = ${filter.province})`,
    );
  return sql;
}

/** Every interaction type, in the enum's order (the intake statement's columns). */
const INTERACTION_TYPES = Object.values(InteractionType);

const and = (parts: Prisma.Sql[]) => (parts.length ? Prisma.join(parts, ' AND ') : Prisma.sql`TRUE`);

/** The periods as a VALUES list joined on createdAt: overlapping periods (a year's previous = last year) both count. */
const periodsSql = (periods: readonly Period[]) =>
  Prisma.sql`(VALUES ${Prisma.join(
    periods.map((p, bucket) => Prisma.sql`(${bucket}::int, ${p.from}::timestamp, ${p.to}::timestamp)`),
  )}) AS p(bucket, lo, hi)`;

/**
 * A statement that sorts or hashes a period's rows (GROUPING SETS, percentile_cont, distinct customers), given room to
 * do it in memory: the server's default work_mem (4 MB) sends a year's sorts to disk.
 */
const STATEMENT_BUDGET_MS = Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS) || 30_000;
const inMemory = <T>(query: Prisma.PrismaPromise<T>): Promise<T> =>
  prisma
    .$transaction([prisma.$executeRaw`SET LOCAL work_mem = '64MB'`, query], {
      // As long as the statement timeout gives a plain query (30 s), not the 15 s of a transaction.
      timeout: STATEMENT_BUDGET_MS,
    })
    .then(([, rows]) => rows);

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

/** Per period: durations (count, median, p90 of business hours), on-time counts per step, repeat complaints. */
type StepRow = {
  bucket: number;
  tn: number;
  tm: number | null;
  tp: number | null;
  rn: number;
  rm: number | null;
  rp: number | null;
  cn: number;
  cm: number | null;
  cp: number | null;
  t_on: number;
  t_late: number;
  t_over: number;
  r_on: number;
  r_late: number;
  r_over: number;
  repeats: number;
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
 * GROUPING SETS statement and the durations (percentile_cont), on-time counts and repeats in another, both on the
 * rollup (ComplaintKpiFact, kpi-fact.service.ts — refreshed first when few complaints changed), intake by type with
 * distinct customers served, contract volume, callbacks with count(*) FILTER, overdue now (live, the open-complaint
 * counts index), key-account health, and the survey trend (surveys:read only).
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
  // A year's previous period is last year's: it is read once and its rows copied to bucket 2 (`both`).
  const same = periods[1].from.getTime() === periods[2].from.getTime();
  const read = same ? periods.slice(0, 2) : periods;
  const both = <R extends { bucket: number }>(rows: R[]): R[] =>
    same ? [...rows, ...rows.filter((r) => r.bucket === 1).map((r) => ({ ...r, bucket: 2 }))] : rows;
  const joined = Prisma.sql`${periodsSql(read)} JOIN "Interaction" i ON i."createdAt" >= p.lo AND i."createdAt" < p.hi`;
  const factWhere = and(factConditions(filter, 'f'));
  const periodsAsOf = Prisma.sql`(VALUES ${Prisma.join(
    read.map((p, b) => Prisma.sql`(${b}::int, ${p.from}::timestamp, ${p.to}::timestamp, ${asOf[b]}::timestamp)`),
  )}) AS p(bucket, lo, hi, asof)`;
  const facts = Prisma.sql`${periodsAsOf} JOIN "ComplaintKpiFact" f ON f."createdAt" >= p.lo AND f."createdAt" < p.hi`;
  // Repeats within the filtered complaints: the stored flag when the filter cannot change it (none, customer,
  // province); else a statement of its own tests them by window functions over the filtered complaints from the
  // period starts less the window.
  const historyFiltered = factConditions(filter, 'f', true).length > 0;
  const repeat = historyFiltered ? Prisma.sql`FALSE` : Prisma.sql`f."isRepeat"`;
  const earliest = new Date(Math.min(...read.map((p) => p.from.getTime())) - REPEAT_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const latest = new Date(Math.max(...read.map((p) => p.to.getTime())));

  // The changes committed before this request, when few (else the job has them: README, KPI dashboard).
  const refresh = await refreshKpiFacts({ now, maxBacklog: KPI_FACT_ON_DEMAND_LIMIT });
  if (refresh.skipped) await sendWhenStarted(QUEUES.kpiFactRefresh, {});

  const [breakdown, intake, contracts, steps, callbacks, overdue, departments, keyAccounts, satisfaction, repeats] =
    await Promise.all([
      inMemory(prisma.$queryRaw<BreakdownRow[]>`
        SELECT p.bucket, GROUPING(f."severity", f."causeClass", f."departmentId", f."productRef", f."month")::int AS g,
               f."severity"::text AS severity, f."causeClass"::text AS "causeClass",
               f."departmentId"::text AS "departmentId", f."productRef" AS "productRef",
               to_char(f."month", 'YYYY-MM') AS month, count(*)::int AS n
        FROM ${facts}
        WHERE ${factWhere}
        GROUP BY GROUPING SETS ((p.bucket), (p.bucket, f."severity"), (p.bucket, f."causeClass"),
          (p.bucket, f."departmentId"), (p.bucket, f."productRef"), (p.bucket, f."month"))`).then(both),
      // One pass: per period and customer the count of each type (one hash aggregate), then per period the customers
      // served and the sums — a third of the time of distinct counts per type over the same rows.
      inMemory(
        prisma.$queryRaw<({ bucket: number; customers: number } & Record<string, number>)[]>`
        SELECT d.bucket, count(d."customerId")::int AS customers,
          ${Prisma.join(
            INTERACTION_TYPES.map((t) => Prisma.sql`sum(d.${Prisma.raw(`"${t}"`)})::int AS ${Prisma.raw(`"${t}"`)}`),
          )}
        FROM (
          SELECT p.bucket, i."customerId",
            ${Prisma.join(
              INTERACTION_TYPES.map(
                (t) =>
                  Prisma.sql`count(*) FILTER (WHERE i."type" = ${Prisma.raw(`'${t}'`)}) AS ${Prisma.raw(`"${t}"`)}`,
              ),
            )}
          FROM ${joined} WHERE ${intakeWhere}
          GROUP BY p.bucket, i."customerId") d
        GROUP BY d.bucket`,
      ).then((rows) =>
        both(
          rows.flatMap((r) => [
            { bucket: r.bucket, type: null as string | null, n: 0, customers: r.customers },
            ...INTERACTION_TYPES.filter((t) => r[t]! > 0).map((t) => ({
              bucket: r.bucket,
              type: t,
              n: r[t]!,
              customers: 0,
            })),
          ]),
        ),
      ),
      prisma.$queryRaw<{ bucket: number; amount: string | null }[]>`
        SELECT p.bucket, sum(ct."amount")::text AS amount
        FROM ${periodsSql(read)} JOIN "Contract" ct ON ct."signedAt" >= (p.lo AT TIME ZONE 'UTC' AT TIME ZONE ${TIME_ZONE})::date
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
      // Durations over the complaints that reached the step by asOf (percentile_cont: linear interpolation between
      // closest ranks, as quantile() in the rules); on time = done by the due time, late, overdue = due by asOf and
      // not done by then (onTime() in the rules). A step's median and p90 come from one sort (percentile_cont's array
      // form): half the time of two calls.
      inMemory(prisma.$queryRaw<StepRow[]>`
        SELECT q.*, q.tq[1] AS tm, q.tq[2] AS tp, q.rq[1] AS rm, q.rq[2] AS rp, q.cq[1] AS cm, q.cq[2] AS cp FROM (
        SELECT p.bucket,
          count(*) FILTER (WHERE f."triagedAt" <= p.asof)::int AS tn,
          percentile_cont(ARRAY[${MEDIAN}, ${P90}]::float8[]) WITHIN GROUP (ORDER BY f."triageHours") FILTER (WHERE f."triagedAt" <= p.asof) AS tq,
          count(*) FILTER (WHERE f."resolvedAt" <= p.asof)::int AS rn,
          percentile_cont(ARRAY[${MEDIAN}, ${P90}]::float8[]) WITHIN GROUP (ORDER BY f."resolveHours") FILTER (WHERE f."resolvedAt" <= p.asof) AS rq,
          count(*) FILTER (WHERE f."closedAt" <= p.asof)::int AS cn,
          percentile_cont(ARRAY[${MEDIAN}, ${P90}]::float8[]) WITHIN GROUP (ORDER BY f."closeHours") FILTER (WHERE f."closedAt" <= p.asof) AS cq,
          count(*) FILTER (WHERE f."triageDueAt" IS NOT NULL AND f."triagedAt" <= p.asof AND f."triagedAt" <= f."triageDueAt")::int AS t_on,
          count(*) FILTER (WHERE f."triageDueAt" IS NOT NULL AND f."triagedAt" <= p.asof AND f."triagedAt" > f."triageDueAt")::int AS t_late,
          count(*) FILTER (WHERE f."triageDueAt" <= p.asof AND (f."triagedAt" IS NULL OR f."triagedAt" > p.asof))::int AS t_over,
          count(*) FILTER (WHERE f."resolutionDueAt" IS NOT NULL AND f."resolvedAt" <= p.asof AND f."resolvedAt" <= f."resolutionDueAt")::int AS r_on,
          count(*) FILTER (WHERE f."resolutionDueAt" IS NOT NULL AND f."resolvedAt" <= p.asof AND f."resolvedAt" > f."resolutionDueAt")::int AS r_late,
          count(*) FILTER (WHERE f."resolutionDueAt" <= p.asof AND (f."resolvedAt" IS NULL OR f."resolvedAt" > p.asof))::int AS r_over,
          count(*) FILTER (WHERE ${repeat})::int AS repeats
        FROM ${facts}
        WHERE ${factWhere}
        GROUP BY p.bucket) q`).then(both),
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
        FROM ${periodsAsOf}
        JOIN "Callback" cb ON cb."dueAt" >= p.lo AND cb."dueAt" < p.hi AND cb."status" IN ('PENDING', 'DONE')
        WHERE cb."interactionId" IS NOT NULL
          -- A complaint's callbacks, within the filter: a semi-join (a third faster than joining the facts).
          AND EXISTS (SELECT 1 FROM "ComplaintKpiFact" f WHERE f."interactionId" = cb."interactionId" AND ${factWhere})
        GROUP BY p.bucket`.then(both),
      prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "Interaction" i
        WHERE i."isOpenComplaint" = TRUE AND ${complaintWhere}
          AND (i."resolutionDueAt" < ${now} OR (i."responsibleDepartmentId" IS NULL AND i."triageDueAt" < ${now}))`,
      prisma.department.findMany({ select: { id: true, name: true } }),
      keyAccountHealth(viewer, filter, now, current),
      can(viewer, 'surveys:read')
        ? surveyTrend(viewer, {
            provinces: filter.province ? [filter.province] : null,
            keyAccountStatuses: filter.keyAccount === true ? ['ACTIVE'] : null,
          })
        : Promise.resolve(null),
      historyFiltered
        ? inMemory(prisma.$queryRaw<{ bucket: number; n: number }[]>`
            SELECT p.bucket, count(*)::int AS n
            FROM ${periodsSql(read)}
            JOIN (
              SELECT f."createdAt", ${repeatWindowSql()} AS rep FROM "ComplaintKpiFact" f
              WHERE f."createdAt" >= ${earliest} AND f."createdAt" < ${latest} AND ${factWhere}
            ) w ON w."createdAt" >= p.lo AND w."createdAt" < p.hi
            WHERE w.rep
            GROUP BY p.bucket`).then(both)
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

  const stepOf = (b: Bucket) => steps.find((r) => r.bucket === b);
  const stats = (step: 't' | 'r' | 'c'): Triple<DurationStats> =>
    triple((b) => {
      const r = stepOf(b);
      return { median: r?.[`${step}m`] ?? null, p90: r?.[`${step}p`] ?? null, count: r?.[`${step}n`] ?? 0 };
    });
  const onTimeOf = (step: 't' | 'r'): Triple<OnTime> =>
    triple((b) => {
      const r = stepOf(b);
      const [early, late, overdueCount] = [r?.[`${step}_on`] ?? 0, r?.[`${step}_late`] ?? 0, r?.[`${step}_over`] ?? 0];
      return { onTime: early, late, overdue: overdueCount, rate: ratio(early, early + late + overdueCount) };
    });
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
    toTriage: stats('t'),
    toResolve: stats('r'),
    toClose: stats('c'),
    triageOnTime: onTimeOf('t'),
    resolutionOnTime: onTimeOf('r'),
    callbackOnTime: triple((b) => {
      const c = callbackOf(b);
      const [early, late, overdueCount] = [c?.on_time ?? 0, c?.late ?? 0, c?.overdue ?? 0];
      return { onTime: early, late, overdue: overdueCount, rate: ratio(early, early + late + overdueCount) };
    }),
    overdueNow: overdue[0]?.n ?? 0,
    repeatComplaints: triple((b) =>
      repeats ? (repeats.find((r) => r.bucket === b)?.n ?? 0) : (stepOf(b)?.repeats ?? 0),
    ),
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
