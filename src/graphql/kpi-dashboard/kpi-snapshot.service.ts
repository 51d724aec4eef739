import 'server-only';
import { createHash } from 'node:crypto';
import type { Role } from '@/generated/prisma/enums';
import { prisma, runAs } from '@/server/db';
import { DomainError } from '@/server/errors';
import type { StaffRole, Viewer } from '@/server/viewer';
import { TIME_ZONE } from '@/i18n/config';
import { refreshKpiFacts, type KpiFactRefresh } from './kpi-fact.service';
import { effectiveFilter, kpiDashboard, type KpiDashboardModel, type KpiFilter } from './kpi-dashboard.service';
import {
  KPI_SNAPSHOT_FORGET_DAYS,
  KPI_SNAPSHOT_KEEP_WARM_HOURS,
  KPI_SNAPSHOT_MAX_AGE_SECONDS,
  KPI_SNAPSHOT_REFRESH_AHEAD_SECONDS,
  KPI_SNAPSHOT_REFRESH_LIMIT,
  parsePeriod,
} from './kpi-dashboard.rules';

/**
 * The KPI dashboard served from snapshots (issue 14: a 12-month period over years of history in under 300 ms).
 *
 * Computing the dashboard reads every complaint, interaction and callback of three periods (2–5 s for a year over
 * 1,000,000 interactions, bench/kpi-dashboard.ts); its figures are monthly, quarterly and yearly ones that nobody
 * needs to the second. So a staff member's dashboard is the last computation for the same role, period and effective
 * filter (a department handler's is pinned to the department, so the role and filter fix every figure and name the
 * viewer may see) while it is younger than the staleness bound (KPI_DASHBOARD_MAX_AGE_SECONDS, default 300 s): one
 * primary-key read. An older or missing one is computed in the request — once per process however many ask at the
 * same moment — and stored. The kpi-fact-refresh job (each minute) recomputes the snapshots read in the last hours
 * before they reach the bound, so a dashboard people use is normally served from a snapshot at most that old.
 * `computedAt` says when the figures were computed (the page shows it). API keys, and requests for another moment
 * than the present (the test clock), are computed live.
 */

export type KpiDashboardSnapshotModel = KpiDashboardModel & { computedAt: Date };

const maxAgeMs = () => {
  const configured = Number(process.env.KPI_DASHBOARD_MAX_AGE_SECONDS);
  return (Number.isFinite(configured) && configured >= 0 ? configured : KPI_SNAPSHOT_MAX_AGE_SECONDS) * 1000;
};
/** A request whose clock is off the wall clock by more than this asks about another moment: computed live. */
const PRESENT_TOLERANCE_MS = 5_000;
/** readAt is written at most this often per snapshot. */
const READ_MARK_MS = 60_000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/**
 * An instant `ms` before now, as a parameter: the times here are the app's, written and compared as Prisma writes
 * DateTime columns (UTC), never the database's now() (which a timestamp column reads in the session's time zone).
 */
const ago = (ms: number) => new Date(Date.now() - ms);

/** The key of a snapshot: the role, the period as asked and the effective filter without its empty fields. */
export function snapshotKey(role: Role, period: string, filter: KpiFilter): { key: string; filter: KpiFilter } {
  const kept = Object.fromEntries(
    Object.entries(filter)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .sort(([a], [b]) => a.localeCompare(b)),
  ) as KpiFilter;
  const key = createHash('sha256')
    .update(JSON.stringify([role, period, kept]))
    .digest('hex');
  return { key, filter: kept };
}

/** The model as JSON text with Date values tagged, so a model read back has Dates where it had them. */
function toJsonText(model: KpiDashboardModel): string {
  return JSON.stringify(model, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });
}
/** The model from its stored text: one parse, the tagged Dates revived. */
function fromJsonText(text: string): KpiDashboardModel {
  return JSON.parse(text, (_, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && '$date' in value
      ? new Date((value as { $date: string }).$date)
      : value,
  ) as KpiDashboardModel;
}

const flights = new Map<string, Promise<KpiDashboardSnapshotModel>>();

/** Computes the dashboard for a role's snapshot and stores it; concurrent callers in this process share one run. */
function computeAndStore(
  viewer: Extract<Viewer, { kind: 'staff' }>,
  key: string,
  period: string,
  filter: KpiFilter,
): Promise<KpiDashboardSnapshotModel> {
  const running = flights.get(key);
  if (running) return running;
  const flight = (async () => {
    const started = performance.now();
    const computedAt = new Date();
    // The aggregates run on the reports pool (src/server/db.ts): computations never take the connections the other
    // screens — and the snapshot reads — need.
    const model = await runAs('reports', () => kpiDashboard(viewer, { period, filter }, computedAt));
    const computeMs = Math.round(performance.now() - started);
    const json = toJsonText(model);
    const filterJson = JSON.stringify(filter);
    await prisma.$executeRaw`
      INSERT INTO "KpiDashboardSnapshot" ("key", "role", "period", "filter", "model", "computedAt", "readAt", "computeMs")
      VALUES (${key}, ${viewer.role}::"Role", ${period}, ${filterJson}::jsonb, ${json}::jsonb, ${computedAt}, ${new Date()}, ${computeMs})
      ON CONFLICT ("key") DO UPDATE SET "model" = EXCLUDED."model", "computedAt" = EXCLUDED."computedAt",
        "computeMs" = EXCLUDED."computeMs", "readAt" = GREATEST("KpiDashboardSnapshot"."readAt", EXCLUDED."readAt")
      WHERE "KpiDashboardSnapshot"."computedAt" < EXCLUDED."computedAt"`;
    return { ...model, computedAt };
  })().finally(() => flights.delete(key));
  flights.set(key, flight);
  return flight;
}

/** The dashboard a viewer asks for: from a fresh enough snapshot, else computed (and stored). */
export async function kpiDashboardServed(
  viewer: Viewer,
  args: { period: string; filter?: KpiFilter | null },
  now: Date,
): Promise<KpiDashboardSnapshotModel> {
  const filter = effectiveFilter(viewer, args.filter ?? {});
  const present = Math.abs(now.getTime() - Date.now()) <= PRESENT_TOLERANCE_MS;
  const maxAge = maxAgeMs();
  if (viewer.kind !== 'staff' || !present || maxAge === 0 || !parsePeriod(args.period, TIME_ZONE))
    return { ...(await runAs('reports', () => kpiDashboard(viewer, { ...args, filter }, now))), computedAt: now };
  const { key, filter: kept } = snapshotKey(viewer.role, args.period, filter);
  // The model as text: parsed once here, not into objects by the driver and then again to revive its Dates.
  const [row] = await prisma.$queryRaw<{ model: string; computedAt: Date; readAt: Date }[]>`
    SELECT "model"::text AS model, "computedAt", "readAt" FROM "KpiDashboardSnapshot" WHERE "key" = ${key}`;
  if (row && Date.now() - row.computedAt.getTime() < maxAge) {
    if (Date.now() - row.readAt.getTime() > READ_MARK_MS)
      await prisma.$executeRaw`UPDATE "KpiDashboardSnapshot" SET "readAt" = ${new Date()} WHERE "key" = ${key}`;
    return { ...fromJsonText(row.model), computedAt: row.computedAt };
  }
  return computeAndStore(viewer, key, args.period, kept);
}

export type KpiSnapshotRefresh = { recomputed: number; forgotten: number; more: boolean };

/**
 * The job's part (kpi-fact-refresh, after the facts): the snapshots read within KPI_SNAPSHOT_KEEP_WARM_HOURS that will
 * pass the staleness bound within KPI_SNAPSHOT_REFRESH_AHEAD_SECONDS are recomputed (most recently read first, at most
 * KPI_SNAPSHOT_REFRESH_LIMIT, until `deadline`); those unread for KPI_SNAPSHOT_FORGET_DAYS are deleted.
 */
export async function refreshKpiSnapshots(options: { deadline?: number } = {}): Promise<KpiSnapshotRefresh> {
  const forgotten = await prisma.$executeRaw`
    DELETE FROM "KpiDashboardSnapshot" WHERE "readAt" < ${ago(KPI_SNAPSHOT_FORGET_DAYS * DAY_MS)}`;
  const maxAge = maxAgeMs();
  if (maxAge === 0) return { recomputed: 0, forgotten, more: false };
  const due = await prisma.$queryRaw<{ key: string; role: StaffRole; period: string; filter: KpiFilter }[]>`
    SELECT "key", "role"::text AS role, "period", "filter" FROM "KpiDashboardSnapshot"
    WHERE "readAt" > ${ago(KPI_SNAPSHOT_KEEP_WARM_HOURS * HOUR_MS)}
      AND "computedAt" < ${ago(Math.max(0, maxAge - KPI_SNAPSHOT_REFRESH_AHEAD_SECONDS * 1000))}
    ORDER BY "readAt" DESC
    LIMIT ${KPI_SNAPSHOT_REFRESH_LIMIT + 1}`;
  let recomputed = 0;
  for (const snapshot of due.slice(0, KPI_SNAPSHOT_REFRESH_LIMIT)) {
    if (options.deadline !== undefined && Date.now() > options.deadline) return { recomputed, forgotten, more: true };
    // The role's permissions and the stored (already pinned) filter fix every figure: a viewer of that role.
    const viewer = {
      kind: 'staff' as const,
      userId: '00000000-0000-0000-0000-000000000000',
      role: snapshot.role,
      departmentId: snapshot.filter.departmentId ?? null,
    };
    try {
      await computeAndStore(viewer, snapshot.key, snapshot.period, snapshot.filter);
      recomputed += 1;
    } catch (error) {
      // A role that lost reports:read (or a department handler's snapshot without a department): forget it.
      if (error instanceof DomainError && error.code === 'FORBIDDEN')
        await prisma.$executeRaw`DELETE FROM "KpiDashboardSnapshot" WHERE "key" = ${snapshot.key}`;
      else throw error;
    }
  }
  return { recomputed, forgotten, more: due.length > KPI_SNAPSHOT_REFRESH_LIMIT };
}

/**
 * The `kpi-fact-refresh` job (each minute, and whenever a dashboard request finds a bulk backlog): the marked
 * complaints' facts, then — while the facts are caught up and time is left — the snapshots people read.
 */
export async function runKpiFactRefresh(
  now: Date,
  options: { deadline?: number } = {},
): Promise<KpiFactRefresh & { snapshots: KpiSnapshotRefresh | null }> {
  const facts = await refreshKpiFacts({ now, deadline: options.deadline });
  const snapshots = facts.more ? null : await refreshKpiSnapshots({ deadline: options.deadline });
  return { ...facts, more: facts.more || (snapshots?.more ?? false), snapshots };
}
