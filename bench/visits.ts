// The due-visits list at scale (issue 13): 100,000 customers owned by 20 salespeople on the PostgreSQL server, every
// customer's visit cycle computed by the service (recomputeAllCycles), then the due list of one salesperson as the
// console asks for it (a page of 25 with its total), its second page, the overdue-only view, and the manager's whole
// team. Target: the salesperson's list < 100 ms.
//
//   npx tsx --import ./scripts/server-only-noop.mjs bench/visits.ts   (creates the database kefu_visits when missing)
//
// BENCH_VISITS_DATABASE_URL overrides the database; BENCH_VISITS_CUSTOMERS the size; BENCH_VISITS_RUNS the repeats.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Viewer } from '@/server/viewer';
import { root } from './servers';

const DB = 'kefu_visits';
const url = process.env.BENCH_VISITS_DATABASE_URL ?? `postgresql://postgres@127.0.0.1:5432/${DB}`;
const customers = Number(process.env.BENCH_VISITS_CUSTOMERS ?? 100_000);
const runs = Number(process.env.BENCH_VISITS_RUNS ?? 11);
const SALESPEOPLE = 20;
const log = (line: string) => console.log(line);

async function ensureDatabase() {
  if (process.env.BENCH_VISITS_DATABASE_URL) return;
  const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB]);
  if (!rowCount) await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
}

/** 20 salespeople and a manager; customers spread over them, grades A–D and key accounts mixed, two years of age. */
async function load(client: pg.Client) {
  await client.query(
    `INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "updatedAt")
     SELECT gen_random_uuid(), 'sales' || i || '@bench.cn', '业务员' || i, 'SERVICE_AGENT', '-', now() FROM generate_series(1, $1::int) i`,
    [SALESPEOPLE],
  );
  await client.query(
    `INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "updatedAt")
     VALUES (gen_random_uuid(), 'manager@bench.cn', '主管', 'SERVICE_MANAGER', '-', now())`,
  );
  await client.query(
    `WITH s AS (SELECT "id", row_number() OVER (ORDER BY "email") AS n FROM "User" WHERE "role" = 'SERVICE_AGENT')
     INSERT INTO "Customer" ("id", "name", "searchText", "ownerId", "grade", "keyAccountStatus", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), '客户' || i, '客户' || i, s."id",
            (ARRAY['A','B','C','D'])[1 + i % 4]::"CustomerGrade",
            (CASE WHEN i % 50 = 0 THEN 'ACTIVE' ELSE 'NONE' END)::"KeyAccountStatus",
            now() - ((i * 7919) % 730) * interval '1 day', now()
     FROM generate_series(1, $1::int) i JOIN s ON s.n = 1 + i % $2::int`,
    [customers, SALESPEOPLE],
  );
  await client.query('ANALYZE');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time<T>(label: string, work: () => Promise<T>): Promise<{ median: number; max: number; last: T }> {
  await work(); // warm-up (plans, caches)
  const ms: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await work();
    ms.push(performance.now() - t0);
  }
  const result = { median: median(ms), max: Math.max(...ms), last: last as T };
  log(`  ${label}: median ${result.median.toFixed(1)} ms, slowest ${result.max.toFixed(1)} ms`);
  return result;
}

async function main() {
  await ensureDatabase();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await promisify(execFile)(
    process.execPath,
    ['--experimental-wasm-modules', '--no-warnings', 'scripts/db/migrate.mjs'],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
    },
  );
  process.env.DATABASE_URL = url;
  const { recomputeAllCycles } = await import('@/graphql/visits/visit-cycle.service');
  const { listDueVisits } = await import('@/graphql/visits/visit-cycle.service');
  const { disconnectPrisma } = await import('@/server/db');
  try {
    let t0 = Date.now();
    await load(client);
    log(`loaded ${customers} customers for ${SALESPEOPLE} salespeople in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    t0 = Date.now();
    const cycles = await recomputeAllCycles();
    await client.query('ANALYZE "VisitCycle"');
    log(`computed ${cycles} visit cycles in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const users = (await client.query(`SELECT "id", "role" FROM "User" ORDER BY "email"`)).rows as {
      id: string;
      role: 'SERVICE_AGENT' | 'SERVICE_MANAGER';
    }[];
    const agent = users.find((u) => u.role === 'SERVICE_AGENT')!;
    const manager = users.find((u) => u.role === 'SERVICE_MANAGER')!;
    const salesperson: Viewer = { kind: 'staff', userId: agent.id, role: 'SERVICE_AGENT', departmentId: null };
    const boss: Viewer = { kind: 'staff', userId: manager.id, role: 'SERVICE_MANAGER', departmentId: null };
    const now = new Date();
    const first = await time('salesperson, first page of 25 + total', () =>
      listDueVisits(salesperson, { first: 25 }, now),
    );
    log(`    (${first.last.totalCount} due of ${customers / SALESPEOPLE})`);
    await time('salesperson, second page', () =>
      listDueVisits(salesperson, { first: 25, after: first.last.pageInfo.endCursor }, now),
    );
    await time('salesperson, overdue only', () => listDueVisits(salesperson, { first: 25, overdueOnly: true }, now));
    await time('manager, one salesperson', () => listDueVisits(boss, { first: 25, salespersonId: agent.id }, now));
    const team = await time('manager, whole team', () => listDueVisits(boss, { first: 25 }, now));
    log(`    (${team.last.totalCount} due over the team)`);
  } finally {
    await disconnectPrisma();
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
