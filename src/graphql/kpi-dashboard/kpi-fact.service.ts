import 'server-only';
import { createHash } from 'node:crypto';
import { Prisma } from '@/generated/prisma/client';
import { TIME_ZONE } from '@/i18n/config';
import { prisma, type Tx } from '@/server/db';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import type { BusinessCalendar } from '../complaints/sla-clock.rules';
import { businessHoursIndex } from '../reports/report.rules';
import { KPI_FACT_BATCH, KPI_FACT_BULK_THRESHOLD, REPEAT_WINDOW_DAYS } from './kpi-dashboard.rules';

/**
 * The KPI rollup (issue 14 item 2): ComplaintKpiFact holds one narrow row per complaint — its filter columns, step and
 * due times, the business-hour durations to triage, resolution and closure computed once with the SLA clock, and the
 * repeat flag — so the dashboard aggregates in SQL instead of reading years of complaints into the app.
 *
 * Freshness: triggers on Interaction mark a complaint in KpiFactDirty in the writer's own transaction whenever a
 * column the facts hold changes (or it is inserted or deleted). `refreshKpiFacts` recomputes marked complaints in
 * batches: the `kpi-fact-refresh` job each minute, and each dashboard request itself while the backlog is at most
 * KPI_FACT_ON_DEMAND_LIMIT (so in normal operation a figure includes every change committed before the request).
 * A change of the business calendar (hours, holidays) marks every complaint. A bulk backlog (first install, a
 * calendar change, an import) is left to the job; while it lasts figures may lag by as long as it takes (measured in
 * README § Benchmarks), and the repeat flags are recomputed once, set-based, at its end.
 */

const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

const keys = new WeakMap<BusinessCalendar, string>();
/** A fingerprint of the calendar the durations are computed with, and of the zone of the month keys. */
export function calendarKey(calendar: BusinessCalendar): string {
  let key = keys.get(calendar);
  if (!key) {
    key = createHash('sha256')
      .update(
        JSON.stringify([
          TIME_ZONE,
          calendar.timeZone,
          calendar.workdays,
          calendar.start,
          calendar.end,
          [...calendar.holidays].sort(),
          [...calendar.extraWorkdays].sort(),
        ]),
      )
      .digest('hex');
    keys.set(calendar, key);
  }
  return key;
}

/** Whether an earlier complaint of the same customer, cause class or product, lies in the window before `f`'s. */
const repeatExists = (f: Prisma.Sql) => Prisma.sql`EXISTS (
  SELECT 1 FROM "ComplaintKpiFact" h
  WHERE h."customerId" = ${f}."customerId"
    AND h."createdAt" >= ${f}."createdAt" - make_interval(days => ${REPEAT_WINDOW_DAYS}::int) AND h."createdAt" < ${f}."createdAt"
    AND h."interactionId" <> ${f}."interactionId"
    AND ((${f}."causeClass" IS NOT NULL AND h."causeClass" = ${f}."causeClass")
      OR (${f}."productRef" IS NOT NULL AND h."productRef" = ${f}."productRef")))`;

/**
 * The repeat test over a set of facts at once (in a SELECT from ComplaintKpiFact whose WHERE picks the set): per
 * customer and cause class, and per customer and product, whether the window before a complaint holds another of the
 * set (RANGE … EXCLUDE GROUP: strictly earlier, up to the window) — two sorts instead of a probe per complaint.
 */
export function repeatWindowSql(): Prisma.Sql {
  const window = Prisma.raw(`INTERVAL '${REPEAT_WINDOW_DAYS} days'`);
  const before = (key: string) =>
    Prisma.sql`count(*) OVER (PARTITION BY "customerId", ${Prisma.raw(`"${key}"`)} ORDER BY "createdAt"
      RANGE BETWEEN ${window} PRECEDING AND CURRENT ROW EXCLUDE GROUP)`;
  return Prisma.sql`("customerId" IS NOT NULL AND (("causeClass" IS NOT NULL AND ${before('causeClass')} > 0)
    OR ("productRef" IS NOT NULL AND ${before('productRef')} > 0)))`;
}

type Row = {
  id: string;
  createdAt: Date;
  triagedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
};

/** One business-hours index per process and calendar, grown to cover whatever a batch needs. */
let hoursCache: { key: string; from: number; to: number; hours: (from: Date, to: Date) => number } | null = null;
function hoursFor(calendar: BusinessCalendar, from: Date, to: Date) {
  const key = calendarKey(calendar);
  if (!hoursCache || hoursCache.key !== key || from.getTime() < hoursCache.from || to.getTime() > hoursCache.to) {
    const lo = Math.min(from.getTime(), hoursCache?.key === key ? hoursCache.from : Infinity);
    // A day of room past `to`, so the next minute's batches reuse the index.
    const hi = Math.max(to.getTime() + 24 * 60 * 60 * 1000, hoursCache?.key === key ? hoursCache.to : 0);
    hoursCache = { key, from: lo, to: hi, hours: businessHoursIndex(calendar, new Date(lo), new Date(hi)) };
  }
  return hoursCache.hours;
}

/** The calendar the facts were computed with is the current one; else every complaint is marked (one statement). */
async function syncCalendar(calendar: BusinessCalendar): Promise<{ repeatStale: boolean }> {
  const key = calendarKey(calendar);
  const state = await prisma.kpiFactState.findUnique({ where: { id: 1 } });
  if (state?.calendarKey === key) return { repeatStale: state.repeatStale };
  return prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ calendarKey: string | null; repeatStale: boolean }[]>`
      SELECT "calendarKey", "repeatStale" FROM "KpiFactState" WHERE "id" = 1 FOR UPDATE`;
    if (locked?.calendarKey === key) return { repeatStale: locked.repeatStale };
    // No key yet: the migration marked every complaint already.
    if (locked?.calendarKey)
      await tx.$executeRaw`
        INSERT INTO "KpiFactDirty" ("interactionId", "seq")
        SELECT "id", nextval('"KpiFactDirty_seq"') FROM "Interaction" WHERE "type" = 'COMPLAINT'
        ON CONFLICT ("interactionId") DO UPDATE SET "seq" = EXCLUDED."seq"`;
    await tx.$executeRaw`
      INSERT INTO "KpiFactState" ("id", "calendarKey", "updatedAt") VALUES (1, ${key}, now())
      ON CONFLICT ("id") DO UPDATE SET "calendarKey" = EXCLUDED."calendarKey", "updatedAt" = now()`;
    return { repeatStale: locked?.repeatStale ?? false };
  }, TX_OPTIONS);
}

/** How many complaints are marked, counted up to `cap` + 1. */
async function backlog(cap: number): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "KpiFactDirty" LIMIT ${cap + 1}) d`;
  return row?.n ?? 0;
}

/**
 * One batch in one transaction: the oldest marks (locked, skipping those another refresh holds), their complaints'
 * facts recomputed and upserted (or removed when no longer a complaint), the repeat flags of the complaints they can
 * affect (same customer, up to the window after them) recomputed unless `bulk`, and the marks read removed — a mark
 * rewritten meanwhile (a newer change) stays. A writer marking a complaint the batch holds waits for it to commit.
 */
async function refreshBatch(calendar: BusinessCalendar, now: Date, bulk: boolean): Promise<number> {
  return prisma.$transaction(async (tx: Tx) => {
    const marks = await tx.$queryRaw<{ id: string; seq: bigint }[]>`
      SELECT "interactionId"::text AS id, "seq" FROM "KpiFactDirty" ORDER BY "seq" LIMIT ${KPI_FACT_BATCH}
      FOR UPDATE SKIP LOCKED`;
    if (!marks.length) return 0;
    const ids = marks.map((m) => m.id);
    const rows = await tx.$queryRaw<Row[]>`
      SELECT i."id"::text AS id, i."createdAt", i."triagedAt", i."resolvedAt", i."closedAt"
      FROM "Interaction" i WHERE i."id" = ANY(${ids}::uuid[]) AND i."type" = 'COMPLAINT'`;
    const before = bulk
      ? []
      : await tx.$queryRaw<{ c: string; t: Date }[]>`
          SELECT "customerId"::text AS c, "createdAt" AS t FROM "ComplaintKpiFact"
          WHERE "interactionId" = ANY(${ids}::uuid[]) AND "customerId" IS NOT NULL`;
    if (rows.length) {
      const earliest = new Date(Math.min(...rows.map((r) => r.createdAt.getTime())));
      const latest = new Date(
        Math.max(
          now.getTime(),
          ...rows.flatMap((r) => [r.triagedAt, r.resolvedAt, r.closedAt].map((d) => d?.getTime() ?? 0)),
        ),
      );
      const hours = hoursFor(calendar, earliest, latest);
      const between = (from: Date, to: Date | null) => (to ? hours(from, to) : null);
      const computed = JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          t: between(r.createdAt, r.triagedAt),
          r: between(r.createdAt, r.resolvedAt),
          c: between(r.createdAt, r.closedAt),
        })),
      );
      await tx.$executeRaw`
        INSERT INTO "ComplaintKpiFact" ("interactionId", "createdAt", "month", "departmentId", "severity", "causeClass",
          "productRef", "isKeyAccount", "customerId", "triagedAt", "resolvedAt", "closedAt", "triageDueAt",
          "resolutionDueAt", "triageHours", "resolveHours", "closeHours", "refreshedAt")
        SELECT i."id", i."createdAt",
          date_trunc('month', i."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE ${TIME_ZONE})::date, i."responsibleDepartmentId", i."severity", i."causeClass", i."productRef",
          i."isKeyAccount", i."customerId", i."triagedAt", i."resolvedAt", i."closedAt", i."triageDueAt",
          i."resolutionDueAt", h.t, h.r, h.c, now()
        FROM jsonb_to_recordset(${computed}::jsonb) AS h(id uuid, t float8, r float8, c float8)
        JOIN "Interaction" i ON i."id" = h.id
        ON CONFLICT ("interactionId") DO UPDATE SET "createdAt" = EXCLUDED."createdAt", "month" = EXCLUDED."month",
          "departmentId" = EXCLUDED."departmentId", "severity" = EXCLUDED."severity",
          "causeClass" = EXCLUDED."causeClass", "productRef" = EXCLUDED."productRef",
          "isKeyAccount" = EXCLUDED."isKeyAccount", "customerId" = EXCLUDED."customerId",
          "triagedAt" = EXCLUDED."triagedAt", "resolvedAt" = EXCLUDED."resolvedAt", "closedAt" = EXCLUDED."closedAt",
          "triageDueAt" = EXCLUDED."triageDueAt", "resolutionDueAt" = EXCLUDED."resolutionDueAt",
          "triageHours" = EXCLUDED."triageHours", "resolveHours" = EXCLUDED."resolveHours",
          "closeHours" = EXCLUDED."closeHours", "refreshedAt" = EXCLUDED."refreshedAt"`;
    }
    const kept = new Set(rows.map((r) => r.id));
    const gone = ids.filter((id) => !kept.has(id));
    if (gone.length) await tx.$executeRaw`DELETE FROM "ComplaintKpiFact" WHERE "interactionId" = ANY(${gone}::uuid[])`;
    if (!bulk) {
      // The complaints whose repeat flag a batch complaint can change: its customer's (before and after), from its
      // registration (before and after) to the window after it; the batch complaints themselves among them.
      const pairs = JSON.stringify(
        before
          .map((b) => ({ c: b.c, t: b.t.toISOString() }))
          .concat(
            (
              await tx.$queryRaw<{ c: string; t: Date }[]>`
              SELECT "customerId"::text AS c, "createdAt" AS t FROM "ComplaintKpiFact"
              WHERE "interactionId" = ANY(${ids}::uuid[]) AND "customerId" IS NOT NULL`
            ).map((b) => ({ c: b.c, t: b.t.toISOString() })),
          ),
      );
      await tx.$executeRaw`
        WITH b AS (SELECT DISTINCT * FROM jsonb_to_recordset(${pairs}::jsonb) AS x(c uuid, t timestamp)),
        target AS (
          SELECT DISTINCT f."interactionId" FROM b JOIN "ComplaintKpiFact" f ON f."customerId" = b.c
            AND f."createdAt" >= b.t AND f."createdAt" <= b.t + make_interval(days => ${REPEAT_WINDOW_DAYS}::int)),
        flags AS (
          SELECT f."interactionId", ${repeatExists(Prisma.raw('f'))} AS rep
          FROM target JOIN "ComplaintKpiFact" f ON f."interactionId" = target."interactionId")
        UPDATE "ComplaintKpiFact" u SET "isRepeat" = flags.rep FROM flags
        WHERE u."interactionId" = flags."interactionId" AND u."isRepeat" IS DISTINCT FROM flags.rep`;
    }
    const read = JSON.stringify(marks.map((m) => ({ id: m.id, seq: m.seq.toString() })));
    await tx.$executeRaw`
      DELETE FROM "KpiFactDirty" d USING jsonb_to_recordset(${read}::jsonb) AS m(id uuid, seq bigint)
      WHERE d."interactionId" = m.id AND d."seq" = m.seq`;
    return marks.length;
  }, TX_OPTIONS);
}

/** Every repeat flag, set-based (the end of a bulk refresh), by `repeatWindowSql` over the whole table. */
export async function recomputeAllRepeats(): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      // A bulk pass over every complaint may outlast the pool's statement timeout on a busy server.
      await tx.$executeRaw`SET LOCAL statement_timeout = '15min'`;
      await tx.$executeRaw`
      UPDATE "ComplaintKpiFact" u SET "isRepeat" = r.rep
      FROM (
        SELECT "interactionId", ${repeatWindowSql()} AS rep FROM "ComplaintKpiFact") r
      WHERE u."interactionId" = r."interactionId" AND u."isRepeat" IS DISTINCT FROM r.rep`;
      await tx.$executeRaw`UPDATE "KpiFactState" SET "repeatStale" = FALSE, "updatedAt" = now() WHERE "id" = 1`;
    },
    { maxWait: 10_000, timeout: 900_000 },
  );
}

export type KpiFactRefresh = {
  /** Marks taken (complaints recomputed or removed). */
  refreshed: number;
  /** Whether every repeat flag was recomputed (the end of a bulk refresh). */
  repeats: boolean;
  /** Marks remain (the deadline came, or `maxBacklog` was exceeded): the job goes on. */
  more: boolean;
  /** Nothing done: the backlog was over `maxBacklog` (or a bulk refresh is under way). */
  skipped: boolean;
};

/**
 * Recomputes the marked complaints' facts until none remain or `deadline` (ms since the epoch) passes. With
 * `maxBacklog` (a dashboard request), does nothing when more are marked than that or a bulk refresh is under way.
 */
export async function refreshKpiFacts(
  options: { now?: Date; deadline?: number; maxBacklog?: number } = {},
): Promise<KpiFactRefresh> {
  const now = options.now ?? new Date();
  const calendar = await loadBusinessCalendar();
  let { repeatStale } = await syncCalendar(calendar);
  const pending = await backlog(Math.max(KPI_FACT_BULK_THRESHOLD, options.maxBacklog ?? 0));
  if (options.maxBacklog !== undefined && (pending > options.maxBacklog || repeatStale))
    return { refreshed: 0, repeats: false, more: pending > 0 || repeatStale, skipped: true };
  if (pending === 0 && !repeatStale) return { refreshed: 0, repeats: false, more: false, skipped: false };
  if (pending > KPI_FACT_BULK_THRESHOLD && !repeatStale) {
    await prisma.kpiFactState.update({ where: { id: 1 }, data: { repeatStale: true, updatedAt: new Date() } });
    repeatStale = true;
  }
  let refreshed = 0;
  for (;;) {
    const n = await refreshBatch(calendar, now, repeatStale);
    refreshed += n;
    if (n < KPI_FACT_BATCH) break;
    if (options.deadline !== undefined && Date.now() > options.deadline)
      return { refreshed, repeats: false, more: true, skipped: false };
  }
  // Marks another refresh holds are its own; the bulk pass waits until none remain.
  const left = await backlog(0);
  if (repeatStale && left === 0) {
    await recomputeAllRepeats();
    return { refreshed, repeats: true, more: false, skipped: false };
  }
  return { refreshed, repeats: false, more: left > 0, skipped: false };
}
