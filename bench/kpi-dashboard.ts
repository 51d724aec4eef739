// npx tsx --import ./scripts/server-only-noop.mjs bench/kpi-dashboard.ts — the KPI dashboard (issue 14 item 2) over the
// bench history (bench/history.ts: 1,000,000 interactions over five years, 350,000 complaints): kpiDashboard for a
// 12-month period (this year, beside last year and the year before's same period) as the service manager asks for it,
// in process, first alone and then BENCH_KPI_CONCURRENCY requests at a time. Prints p50/p95/max per phase, each
// statement's share (the slowest of one run's parallel statements) and the load average.
// Target (issue 14): under 300 ms at p95 on the PostgreSQL server.
// The dashboard reads the rollup (ComplaintKpiFact): before measuring, the bench builds it as production does after
// the migration — refreshKpiFacts until no complaint is marked (the kpi-fact-refresh job's work) — and times that
// build apart. Then the same 12-month period with each filter (department, severity, cause class, key account,
// province, product, customer), BENCH_KPI_FILTER_RUNS (default 5) runs each.
// BENCH_KPI_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/kefu_kpi_bench) is wiped and filled (about
// 4 minutes); BENCH_REUSE=1 keeps what the last run loaded. BENCH_KPI_RUNS (default 20), BENCH_KPI_CONCURRENCY (5),
// BENCH_KPI_PERIOD (the current year in Asia/Shanghai).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadavg } from 'node:os';
import pg from 'pg';
import { root } from './servers';
import { loadHistory, tableCounts, USER_NUMBERS, uidOf } from './history';
import { readConfig } from './config';

const url = process.env.BENCH_KPI_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/kefu_kpi_bench';
const runs = Number(process.env.BENCH_KPI_RUNS ?? 20);
const concurrency = Number(process.env.BENCH_KPI_CONCURRENCY ?? 5);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function ensureDatabase() {
  const name = new URL(url).pathname.slice(1);
  const server = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await server.connect();
  const exists = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!exists.rowCount) await server.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  await server.end();
}

const percentile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(0)} ms, p95 ${percentile(sorted, 0.95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`;
};

async function main() {
  await ensureDatabase();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  if (process.env.BENCH_REUSE === '1') {
    const counts = await tableCounts(db);
    if (!counts.Interaction) throw new Error('BENCH_REUSE=1 but the database holds no history: run once without it');
    console.log(`reusing the loaded history: ${JSON.stringify(counts)}`);
    // Migrations added since the history was loaded (an index, a rollup) apply on top of it.
    await promisify(execFile)(
      process.execPath,
      ['--experimental-wasm-modules', '--no-warnings', 'scripts/db/migrate.mjs'],
      { cwd: root, env: { ...process.env, DATABASE_URL: url } },
    );
  } else {
    await db.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    await promisify(execFile)(
      process.execPath,
      ['--experimental-wasm-modules', '--no-warnings', 'scripts/db/migrate.mjs'],
      { cwd: root, env: { ...process.env, DATABASE_URL: url } },
    );
    // Full size unless BENCH_SCALE says otherwise (readConfig's default without BENCH_DATABASE_URL is a tenth).
    process.env.BENCH_SCALE ??= '1';
    const history = await loadHistory(db, readConfig().sizes, new Date(), (line) => console.log(line));
    console.log(`loaded in ${history.seconds.toFixed(0)} s: ${JSON.stringify(history.counts)}`);
  }
  // User 2: the first service manager of the history (USER_NUMBERS: admin 1, service managers 2–4).
  const managerId = await uidOf(db, 'u', USER_NUMBERS.admin + 1);
  const { rows } = await db.query<{ role: string }>('SELECT role::text FROM "User" WHERE id = $1', [managerId]);
  await db.end();

  process.env.DATABASE_URL = url;
  const { kpiDashboard } = await import('@/graphql/kpi-dashboard/kpi-dashboard.service');
  const { periodOf } = await import('@/graphql/kpi-dashboard/kpi-dashboard.rules');
  const { TIME_ZONE } = await import('@/i18n/config');
  const { disconnectPrisma } = await import('@/server/db');
  const { refreshKpiFacts } = await import('@/graphql/kpi-dashboard/kpi-fact.service');
  // The rollup's build (first install, or what a reused database's new writes marked): the job's work, timed.
  const buildStart = performance.now();
  let build = { refreshed: 0, repeats: false };
  for (;;) {
    const step = await refreshKpiFacts();
    build = { refreshed: build.refreshed + step.refreshed, repeats: build.repeats || step.repeats };
    if (!step.more) break;
  }
  console.log(
    `KPI rollup built: ${build.refreshed} complaints refreshed${build.repeats ? ', repeat flags recomputed' : ''} in ${((performance.now() - buildStart) / 1000).toFixed(1)} s; load average ${load()}`,
  );
  const period = process.env.BENCH_KPI_PERIOD ?? periodOf(new Date(), 'YEAR', TIME_ZONE).period;
  // Every figure, no department pin, the survey trend included.
  const viewer = {
    kind: 'staff' as const,
    userId: managerId,
    role: (rows[0]?.role ?? 'SERVICE_MANAGER') as 'SERVICE_MANAGER',
    departmentId: null,
  };
  // On the reports pool, as the kpiDashboard resolver runs it.
  const { runAs } = await import('@/server/db');
  const once = async () => {
    const start = performance.now();
    const model = await runAs('reports', () => kpiDashboard(viewer, { period }));
    return { ms: performance.now() - start, model };
  };
  const first = await once(); // warm-up: settings, calendar, the first plans
  console.log(
    `KPI dashboard ${period}: ${first.model.total.current} complaints this period, ${first.model.total.lastYear} the year before; warm-up ${first.ms.toFixed(0)} ms`,
  );
  const alone: number[] = [];
  for (let i = 0; i < runs; i++) alone.push((await once()).ms);
  console.log(`  one at a time (${runs} runs): ${summary(alone)}; load average ${load()}`);
  // Each filter of the screen, on the same period (values taken from the data).
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  const pick = async (sql: string) => (await probe.query<{ v: string }>(sql)).rows[0]?.v ?? null;
  const departmentId = await pick(
    `SELECT "departmentId"::text AS v FROM "ComplaintKpiFact" WHERE "departmentId" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const productRef = await pick(
    `SELECT "productRef" AS v FROM "ComplaintKpiFact" WHERE "productRef" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const customerId = await pick(
    `SELECT "customerId"::text AS v FROM "ComplaintKpiFact" WHERE "customerId" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const province = await pick(
    `SELECT "province" AS v FROM "Customer" WHERE "province" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  await probe.end();
  const filters: [string, Record<string, unknown>][] = [
    ['department', { departmentId }],
    ['severity MAJOR', { severity: 'MAJOR' }],
    ['cause QUALITY', { causeClass: 'QUALITY' }],
    ['key accounts', { keyAccount: true }],
    ['not key accounts', { keyAccount: false }],
    ['province', { province }],
    ['product', { productRef }],
    ['customer', { customerId }],
  ];
  const filterRuns = Number(process.env.BENCH_KPI_FILTER_RUNS ?? 5);
  const filtered: number[] = [];
  for (const [name, filter] of filters) {
    const times: number[] = [];
    for (let i = 0; i < filterRuns; i++) {
      const start = performance.now();
      await runAs('reports', () => kpiDashboard(viewer, { period, filter }));
      times.push(performance.now() - start);
    }
    filtered.push(...times);
    console.log(`  filter ${name}: ${summary(times)}`);
  }
  console.log(`  all filters (${filtered.length} requests): ${summary(filtered)}; load average ${load()}`);
  // Requests at a time share the interactive pool (DATABASE_POOL_SIZE): one that cannot get a connection in time
  // fails and is counted, not timed.
  const together: number[] = [];
  let failed = 0;
  for (let i = 0; i < Math.max(1, Math.round(runs / concurrency)); i++)
    for (const r of await Promise.allSettled(Array.from({ length: concurrency }, () => once())))
      if (r.status === 'fulfilled') together.push(r.value.ms);
      else {
        if (!failed) console.log(`  first failure: ${String((r.reason as Error)?.message ?? r.reason).slice(0, 200)}`);
        failed += 1;
      }
  console.log(
    `  ${concurrency} at a time (${together.length} requests${failed ? `, ${failed} failed` : ''}): ${together.length ? summary(together) : '-'}; load average ${load()}`,
  );
  // What people get (the kpiDashboard query): the snapshot of their role, period and filter while younger than the
  // staleness bound (kpi-snapshot.service.ts). First the computation that stores it, then requests one at a time and
  // BENCH_KPI_SERVED_CONCURRENCY (50) at a time, unfiltered and with each filter.
  const { kpiDashboardServed, refreshKpiSnapshots } = await import('@/graphql/kpi-dashboard/kpi-snapshot.service');
  const served = async (filter: Record<string, unknown> = {}) => {
    const start = performance.now();
    await runAs('reports', () => kpiDashboardServed(viewer, { period, filter }, new Date()));
    return performance.now() - start;
  };
  const cold = await served();
  const servedAlone: number[] = [];
  for (let i = 0; i < runs; i++) servedAlone.push(await served());
  console.log(
    `  served from its snapshot: first request (computes and stores) ${cold.toFixed(0)} ms; then one at a time (${runs} runs): ${summary(servedAlone)}`,
  );
  const servedConcurrency = Number(process.env.BENCH_KPI_SERVED_CONCURRENCY ?? 50);
  const servedTogether: number[] = [];
  for (let round = 0; round < 10; round++)
    servedTogether.push(...(await Promise.all(Array.from({ length: servedConcurrency }, () => served()))));
  console.log(
    `  served, ${servedConcurrency} at a time (${servedTogether.length} requests): ${summary(servedTogether)}; load average ${load()}`,
  );
  const servedFiltered: number[] = [];
  const firstFiltered: number[] = [];
  for (const [, filter] of filters) {
    firstFiltered.push(await served(filter));
    for (let i = 0; i < filterRuns; i++) servedFiltered.push(await served(filter));
  }
  console.log(
    `  served with each filter: first requests ${summary(firstFiltered)}; then (${servedFiltered.length} requests) ${summary(servedFiltered)}`,
  );
  // The job's part: every snapshot just read and about to pass the bound is recomputed.
  const pg2 = new pg.Client({ connectionString: url });
  await pg2.connect();
  await pg2.query(`UPDATE "KpiDashboardSnapshot" SET "computedAt" = "computedAt" - interval '1 hour'`);
  await pg2.end();
  const jobStart = performance.now();
  const job = await refreshKpiSnapshots();
  console.log(
    `  job: ${job.recomputed} snapshots recomputed in ${((performance.now() - jobStart) / 1000).toFixed(1)} s${job.more ? ' (more left for the next run)' : ''}; load average ${load()}`,
  );
  console.log(`  target: p95 < 300 ms`);
  await disconnectPrisma();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
