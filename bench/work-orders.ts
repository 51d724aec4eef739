// npx tsx --import ./scripts/server-only-noop.mjs bench/work-orders.ts — the weekly work-order statistics per technician
// (issue 13 §5) over BENCH_WO_ORDERS work orders (default 200,000: two years of 200 technicians at 20,000 customers, a
// repair of the same equipment now and then), through the real Apollo pipeline in process, as a dispatcher. Prints the
// median and the slowest of five runs for a week in the middle of the history. Target: < 500 ms.
// BENCH_WO_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/kefu_wo_bench) is wiped and filled.
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { print } from 'graphql';
import pg from 'pg';
import { WorkOrderWeeklyStatsDocument } from '../src/gql/graphql';
import { root } from './servers';
import { graphqlRunner, time } from './timing';

const url = process.env.BENCH_WO_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/kefu_wo_bench';
const orders = Number(process.env.BENCH_WO_ORDERS ?? 200_000);
const DAYS = 730;

async function createDatabaseIfMissing() {
  const name = new URL(url).pathname.slice(1);
  const server = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await server.connect();
  try {
    const { rowCount } = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await server.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await server.end();
  }
}

async function load(db: pg.Client): Promise<string> {
  await db.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await promisify(execFile)(
    process.execPath,
    ['--experimental-wasm-modules', '--no-warnings', 'scripts/db/migrate.mjs'],
    { cwd: root, env: { ...process.env, DATABASE_URL: url } },
  );
  const dispatcher = await db.query<{ id: string }>(
    `INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt")
     VALUES (gen_random_uuid(), 'dispatcher@bench.cn', '调度', 'x', 'DISPATCHER', now()) RETURNING id`,
  );
  await db.query(
    `INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt")
     SELECT gen_random_uuid(), 'tech' || g || '@bench.cn', '技术员' || g, 'x', 'TECHNICIAN', now()
     FROM generate_series(1, 200) g`,
  );
  await db.query(
    `INSERT INTO "Customer" (id, name, "searchText", "updatedAt")
     SELECT gen_random_uuid(), '客户' || g, '客户' || g, now() FROM generate_series(1, 20000) g`,
  );
  // Finished orders spread evenly over two years; equipment from five machines per customer, so a customer's machine
  // comes back within 30 days for every tenth order (repeat repairs); a third arrive after the requested time.
  await db.query(
    `WITH c AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Customer"),
          t AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "User" WHERE role = 'TECHNICIAN'),
          o AS (SELECT g, now() - (g::float / $1 * ${DAYS} || ' days')::interval AS created FROM generate_series(1, $1) g)
     INSERT INTO "WorkOrder" (id, number, "customerId", "technicianId", "dispatcherId", status, description, equipment,
                              "requestedAt", "arrivedAt", "finishedAt", fee, parts, "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'PG-B-' || o.g, c.id, t.id, $2, 'CLOSED', '故障', 'EQ-' || (o.g % 5),
            o.created + interval '3 hours', o.created + (CASE WHEN o.g % 3 = 0 THEN 4 ELSE 2 END || ' hours')::interval,
            o.created + interval '5 hours', 100 + o.g % 500,
            jsonb_build_array(jsonb_build_object('name', '配件', 'quantity', 1 + o.g % 3, 'direction', 'USED')),
            o.created, now()
     FROM o
     -- Every tenth order is the machine of order g + 505 (higher g is older: about two days before): a repeat repair.
     JOIN c ON c.n = (CASE WHEN o.g % 10 = 0 THEN o.g + 505 ELSE o.g END * 7919) % 20000
     JOIN t ON t.n = o.g % 200`,
    [orders, dispatcher.rows[0]!.id],
  );
  await db.query('ANALYZE');
  return dispatcher.rows[0]!.id;
}

async function main() {
  await createDatabaseIfMissing();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const started = performance.now();
  const dispatcherId =
    process.env.BENCH_REUSE === '1'
      ? (await db.query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'dispatcher@bench.cn'`)).rows[0]!.id
      : await load(db);
  const { rows } = await db.query<{ orders: number }>(`SELECT count(*)::int AS orders FROM "WorkOrder"`);
  console.log(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${rows[0]!.orders} work orders`);
  await db.end();

  process.env.DATABASE_URL = url;
  const run = await graphqlRunner();
  const { disconnectPrisma } = await import('@/server/db');
  const viewer = { kind: 'staff' as const, userId: dispatcherId, role: 'DISPATCHER' as const, departmentId: null };
  const week = new Date(Date.now() - (DAYS / 2) * 86_400_000).toISOString().slice(0, 10);
  const query = print(WorkOrderWeeklyStatsDocument);
  const answer = (await run(viewer, query, { weekStart: week })) as {
    workOrderWeeklyStats: { rows: { finished: number; repeatRepairs: number }[] };
  };
  const stats = answer.workOrderWeeklyStats.rows;
  const timing = await time('weekly statistics', () => run(viewer, query, { weekStart: week }));
  console.log(
    `weekly statistics (week of ${week}: ${stats.length} technicians, ${stats.reduce((s, r) => s + r.finished, 0)} finished, ${stats.reduce((s, r) => s + r.repeatRepairs, 0)} repeat repairs): median ${timing.median.toFixed(1)} ms, max ${timing.max.toFixed(1)} ms (target < 500 ms); load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  await disconnectPrisma();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
