import 'server-only';
import { Prisma, type VisitCycle } from '@/generated/prisma/client';
import { now as clockNow } from '@/server/clock';
import { prisma, WRITE_TX_OPTIONS, type Tx } from '@/server/db';
import { badField, conflict, notFound } from '@/server/errors';
import { appendHistory } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { activityMessage } from '@/lib/activity';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import { localDate, type BusinessCalendar } from '../complaints/sla-clock.rules';
import { isUuid } from '../cursor';
import { keysetPage, type OrderKey } from '../keyset';
import { pageSize } from '../pagination.rules';
import { derivedEntityId } from '../service-rules/service-rules.service';
import {
  DUE_HORIZON_DAYS_DEFAULT,
  DUE_HORIZON_DAYS_MAX,
  VISIT_INTERVAL_MAX,
  VISIT_INTERVAL_MIN,
  VISIT_RECOMPUTE_SETTING,
  VISIT_RULES_SETTING,
  addDaysTo,
  recomputeStateOf,
  type RecomputeStatus,
  dueInstant,
  intervalDaysFor,
  nextDueDate,
  visitRulesOf,
  visitRulesProblem,
  type GradeName,
  type VisitRules,
} from './visit.rules';
import { approverOf, readScope, salespersonFilter } from './visit.scope';
import { enqueueInTransaction, QUEUES } from '@/server/queue/boss';

/**
 * 客户访问周期表 (MS-S4-1903): one VisitCycle row per customer holds its salesperson (the customer's owner), its
 * interval (the customer's own, or the segment rule of the `visitCycles` setting), its last visit and its next due
 * visit — the due list reads nothing else, through the (ownerId, nextVisitDue) index. The rows are (re)computed in
 * batches: when the rules change, when a customer's own interval is set, when a visit is logged, and by the
 * escalation sweep for customers without a row or whose owner changed.
 */

const BATCH = 1000;

// ───────────────────────────── rules (a setting of the service manager) ─────────────────────────────

export async function readVisitRules(db: Tx | typeof prisma = prisma): Promise<{ rules: VisitRules; version: number }> {
  const row = await db.setting.findUnique({ where: { key: VISIT_RULES_SETTING } });
  return { rules: visitRulesOf(row?.value ?? null), version: row?.version ?? 0 };
}

export async function getVisitRules(viewer: Viewer) {
  readScope(viewer);
  return readVisitRules();
}

/**
 * Changes the frequencies per segment and the itinerary deadline (visits:approve). Every cycle is then recomputed by a
 * queued job (a minute at 100,000 customers: not inside the request), enqueued with the change so it exists only if
 * the change commits; the answer's `recompute` says it is queued. Without a started queue (a script, the embedded
 * database without workers) the recompute runs here, as before.
 */
export async function updateVisitRules(viewer: Viewer, version: number, rules: VisitRules, now: Date = clockNow()) {
  const { userId: updatedById } = approverOf(viewer);
  const problem = visitRulesProblem(rules);
  if (problem) throw badField(problem, 'visit.rulesInvalid', { field: problem });
  const queued = await prisma.$transaction(async (tx) => {
    const current = await readVisitRules(tx);
    if (current.version !== version) throw conflict('visit.rulesStale', { currentVersion: current.version });
    const value = rules as unknown as Prisma.InputJsonValue;
    if (version === 0) {
      try {
        await tx.setting.create({ data: { key: VISIT_RULES_SETTING, value, updatedById, version: 1 } });
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
          throw conflict('visit.rulesStale', { currentVersion: 1 });
        throw error;
      }
    } else {
      const { count } = await tx.setting.updateMany({
        where: { key: VISIT_RULES_SETTING, version },
        data: { value, updatedById, version: { increment: 1 } },
      });
      if (count === 0) throw conflict('visit.rulesStale', { currentVersion: version + 1 });
    }
    await appendHistory(tx, viewer, {
      entityType: 'Setting',
      entityId: derivedEntityId('Setting', VISIT_RULES_SETTING),
      action: 'UPDATE',
      message: activityMessage('visit.rulesChanged'),
      changes: { from: current.rules, to: rules } as unknown as Prisma.InputJsonValue,
    });
    await mergeRecomputeStatus(tx, { requestedVersion: version + 1, requestedAt: now.toISOString() });
    return enqueueInTransaction(tx, [{ name: QUEUES.visitCycleRecompute }]);
  }, WRITE_TX_OPTIONS);
  if (!queued) await runVisitCycleRecompute();
  return { rules, version: version + 1 };
}

/** Merges fields into the recompute status (one statement: the request and the job never overwrite each other). */
async function mergeRecomputeStatus(db: Tx | typeof prisma, fields: RecomputeStatus): Promise<void> {
  const value = JSON.stringify(fields);
  await db.$executeRaw`
    INSERT INTO "Setting" ("key", "value", "version", "updatedAt")
    VALUES (${VISIT_RECOMPUTE_SETTING}, ${value}::jsonb, 1, now())
    ON CONFLICT ("key") DO UPDATE SET "value" = "Setting"."value" || EXCLUDED."value", "updatedAt" = now()`;
}

/** The recompute status the rules screen shows: its state and times. */
export async function readRecomputeStatus() {
  const row = await prisma.setting.findUnique({ where: { key: VISIT_RECOMPUTE_SETTING } });
  const status = (row?.value ?? {}) as RecomputeStatus;
  return {
    state: recomputeStateOf(status),
    requestedAt: status.requestedAt ? new Date(status.requestedAt) : null,
    startedAt: status.startedAt ? new Date(status.startedAt) : null,
    finishedAt: status.finishedAt ? new Date(status.finishedAt) : null,
    customers: status.customers ?? null,
  };
}

/**
 * The queued job: recomputes every cycle by the rules in force when it starts, recording the version it computes and,
 * at the end, the version it finished (a change made meanwhile stays QUEUED for the next job).
 */
export async function runVisitCycleRecompute(
  now: () => Date = clockNow,
): Promise<{ version: number; customers: number }> {
  const { rules, version } = await readVisitRules();
  await mergeRecomputeStatus(prisma, { runningVersion: version, startedAt: now().toISOString() });
  const customers = await recomputeAllCycles(rules);
  await mergeRecomputeStatus(prisma, { doneVersion: version, finishedAt: now().toISOString(), customers });
  return { version, customers };
}

// ───────────────────────────── computing cycles ─────────────────────────────

type CycleSource = {
  id: string;
  ownerId: string | null;
  grade: GradeName | null;
  keyAccountStatus: string;
  province: string | null;
  createdAt: Date;
  visitCycles: { customIntervalDays: number | null; lastVisitAt: Date | null }[];
};

const SOURCE_SELECT = {
  id: true,
  ownerId: true,
  grade: true,
  keyAccountStatus: true,
  province: true,
  createdAt: true,
  visitCycles: { select: { customIntervalDays: true, lastVisitAt: true } },
} as const;

/** A customer's cycle: interval by the rules, next due from the last visit (never visited: from its creation). */
export function cycleOf(c: CycleSource, rules: VisitRules, cal: BusinessCalendar) {
  const [cycle] = c.visitCycles;
  const intervalDays = intervalDaysFor(
    { grade: c.grade, keyAccount: c.keyAccountStatus === 'ACTIVE', province: c.province },
    rules,
    cycle?.customIntervalDays ?? null,
  );
  const from = localDate(cycle?.lastVisitAt ?? c.createdAt, cal.timeZone);
  return { intervalDays, nextVisitDue: dueInstant(nextDueDate(from, intervalDays, cal), cal) };
}

/** Writes the cycles of these customers in one statement (insert or update by customerId). */
async function writeCycles(db: Tx | typeof prisma, customers: readonly CycleSource[], rules: VisitRules) {
  if (customers.length === 0) return;
  const cal = await loadBusinessCalendar(db === prisma ? undefined : (db as Tx));
  const ids: string[] = [];
  const owners: (string | null)[] = [];
  const intervals: number[] = [];
  const dues: string[] = [];
  for (const c of customers) {
    const cycle = cycleOf(c, rules, cal);
    ids.push(c.id);
    owners.push(c.ownerId);
    intervals.push(cycle.intervalDays);
    dues.push(cycle.nextVisitDue.toISOString());
  }
  await db.$executeRaw`
    INSERT INTO "VisitCycle" ("id", "customerId", "ownerId", "intervalDays", "nextVisitDue", "updatedAt")
    SELECT gen_random_uuid(), t.c, t.o, t.i, t.n::timestamptz AT TIME ZONE 'UTC', now()
      FROM unnest(${ids}::uuid[], ${owners}::uuid[], ${intervals}::int[], ${dues}::text[]) AS t(c, o, i, n)
    ON CONFLICT ("customerId") DO UPDATE
      SET "ownerId" = EXCLUDED."ownerId", "intervalDays" = EXCLUDED."intervalDays",
          "nextVisitDue" = EXCLUDED."nextVisitDue", "updatedAt" = now()`;
}

/** Recomputes the cycles of some customers (inside the caller's transaction when given). */
export async function recomputeCycles(db: Tx | typeof prisma, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  const [{ rules }, customers] = await Promise.all([
    readVisitRules(db),
    db.customer.findMany({ where: { id: { in: [...customerIds] } }, select: SOURCE_SELECT }),
  ]);
  await writeCycles(db, customers as CycleSource[], rules);
}

/** Recomputes every customer's cycle, a batch at a time (after the rules or the calendar changed). */
export async function recomputeAllCycles(given?: VisitRules): Promise<number> {
  const rules = given ?? (await readVisitRules()).rules;
  let done = 0;
  for (let afterId: string | null = null; ;) {
    const customers: CycleSource[] = (await prisma.customer.findMany({
      where: afterId ? { id: { gt: afterId } } : {},
      select: SOURCE_SELECT,
      orderBy: { id: 'asc' },
      take: BATCH,
    })) as CycleSource[];
    await writeCycles(prisma, customers, rules);
    done += customers.length;
    if (customers.length < BATCH) return done;
    afterId = customers.at(-1)!.id;
  }
}

/**
 * Called by the escalation sweep: gives new customers their cycle and follows owner changes (a batch per sweep).
 * Answers how many cycles it wrote.
 */
export async function ensureVisitCycles(): Promise<number> {
  const stale = await prisma.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM "Customer" c LEFT JOIN "VisitCycle" v ON v."customerId" = c.id
     WHERE v.id IS NULL OR v."ownerId" IS DISTINCT FROM c."ownerId"
     LIMIT ${BATCH}`;
  await recomputeCycles(
    prisma,
    stale.map((r) => r.id),
  );
  return stale.length;
}

/** The service manager sets one customer's own interval (null: back to the segment rule). */
export async function setCustomerVisitInterval(
  viewer: Viewer,
  customerId: string,
  intervalDays: number | null,
): Promise<VisitCycle> {
  approverOf(viewer);
  if (!isUuid(customerId)) throw badField('customerId', 'common.invalidId');
  if (
    intervalDays !== null &&
    (!Number.isInteger(intervalDays) || intervalDays < VISIT_INTERVAL_MIN || intervalDays > VISIT_INTERVAL_MAX)
  )
    throw badField('intervalDays', 'visit.intervalInvalid', { min: VISIT_INTERVAL_MIN, max: VISIT_INTERVAL_MAX });
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { id: true, ownerId: true } });
    if (!customer) throw notFound('Customer');
    const cycle = await tx.visitCycle.upsert({
      where: { customerId },
      create: {
        customerId,
        ownerId: customer.ownerId,
        intervalDays: intervalDays ?? 0,
        customIntervalDays: intervalDays,
      },
      update: { customIntervalDays: intervalDays, version: { increment: 1 } },
    });
    await recomputeCycles(tx, [customerId]);
    await appendHistory(tx, viewer, {
      entityType: 'VisitCycle',
      entityId: cycle.id,
      action: 'UPDATE',
      message: activityMessage('visit.intervalSet', { days: intervalDays ?? 'none' }),
      changes: { customIntervalDays: { from: cycle.customIntervalDays, to: intervalDays } },
    });
    return tx.visitCycle.findUniqueOrThrow({ where: { customerId } });
  }, WRITE_TX_OPTIONS);
}

// ───────────────────────────── the due list ─────────────────────────────

export type DueVisitPage = {
  nodes: VisitCycle[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};

const EARLIEST_DUE_FIRST: readonly OrderKey<'nextVisitDue' | 'id'>[] = [
  { field: 'nextVisitDue', direction: 'asc' },
  { field: 'id', direction: 'asc' },
];

/**
 * Due and overdue visits, earliest first: the cycles due within `horizonDays` (default two weeks; only the overdue
 * ones with `overdueOnly`), of one salesperson — a salesperson always sees their own.
 */
export async function listDueVisits(
  viewer: Viewer,
  args: {
    salespersonId?: string | null;
    horizonDays?: number | null;
    overdueOnly?: boolean | null;
    first?: number | null;
    after?: string | null;
  },
  now: Date = clockNow(),
): Promise<DueVisitPage> {
  const scope = readScope(viewer);
  const ownerId = salespersonFilter(scope, args.salespersonId);
  const horizon = args.horizonDays ?? DUE_HORIZON_DAYS_DEFAULT;
  if (!Number.isInteger(horizon) || horizon < 0 || horizon > DUE_HORIZON_DAYS_MAX)
    throw badField('horizonDays', 'validation.invalid');
  const first = pageSize(args.first);
  const cal = await loadBusinessCalendar();
  const today = localDate(now, cal.timeZone);
  const before = dueInstant(addDaysTo(today, args.overdueOnly ? 0 : horizon + 1), cal);
  const where: Prisma.VisitCycleWhereInput = {
    ...(ownerId ? { ownerId } : {}),
    nextVisitDue: { lt: before },
  };
  return keysetPage(
    EARLIEST_DUE_FIRST,
    { where, first, after: args.after },
    {
      cursor: (id, select) => prisma.visitCycle.findUnique({ where: { id }, select }),
      rows: (query: Prisma.VisitCycleFindManyArgs) => prisma.visitCycle.findMany(query),
      count: (query) => prisma.visitCycle.count(query),
    },
  );
}
