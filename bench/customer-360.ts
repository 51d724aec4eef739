// npx tsx --import ./scripts/server-only-noop.mjs bench/customer-360.ts — the customer 360 page (issue 12 item 5) for a
// customer with 2,000 interactions, among BENCH_360_CUSTOMERS others with 20 each: every query the console's customer
// page sends on opening (customer-detail.tsx, customer-360.tsx, customer-callbacks.tsx), sent together as the browser does,
// through the real Apollo pipeline in process with a fresh context per run. Prints the median and the slowest of
// BENCH_360_RUNS runs. Target: median < 150 ms.
// BENCH_360_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/kefu_360_bench) is wiped and filled.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadavg } from 'node:os';
import pg from 'pg';
import { root } from './servers';
import { graphqlRunner } from './timing';
import { print, type DocumentNode } from 'graphql';
import {
  CallbacksOfCustomerDocument,
  CustomerDetailDocument,
  CustomerHistoryBlockDocument,
  CustomerInteractionsBlockDocument,
  CustomerKeyAccountBlockDocument,
  CustomerSurveysBlockDocument,
  CustomersViewerDocument,
} from '../src/gql/graphql';
import { CUSTOMER_360_PAGE_SIZE } from '../src/graphql/customer-360/customer-360.rules';

/** What the console's customer page sends on opening (customer-detail.tsx and its blocks), with their variables. */
const PAGE: [DocumentNode, Record<string, unknown>][] = [
  [CustomersViewerDocument, {}],
  [CustomerDetailDocument, {}],
  [CustomerKeyAccountBlockDocument, {}],
  [CustomerInteractionsBlockDocument, { first: CUSTOMER_360_PAGE_SIZE }],
  [CallbacksOfCustomerDocument, { first: 5 }],
  [CustomerSurveysBlockDocument, { first: CUSTOMER_360_PAGE_SIZE }],
  [CustomerHistoryBlockDocument, { first: CUSTOMER_360_PAGE_SIZE }],
];

const url = process.env.BENCH_360_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/kefu_360_bench';
const others = Number(process.env.BENCH_360_CUSTOMERS ?? 5000);
const runs = Number(process.env.BENCH_360_RUNS ?? 20);

async function ensureDatabase() {
  const name = new URL(url).pathname.slice(1);
  const server = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await server.connect();
  const exists = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!exists.rowCount) await server.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  await server.end();
}

async function load(db: pg.Client): Promise<{ customerId: string; ownerId: string }> {
  await db.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await promisify(execFile)(
    process.execPath,
    ['--experimental-wasm-modules', '--no-warnings', 'scripts/db/migrate.mjs'],
    { cwd: root, env: { ...process.env, DATABASE_URL: url } },
  );
  const owner = await db.query<{ id: string }>(
    `INSERT INTO "User" (id, email, name, phone, "passwordHash", role, "updatedAt")
     VALUES (gen_random_uuid(), 'owner@bench.cn', '王专员', '0512-66880001', 'x', 'SERVICE_AGENT', now()) RETURNING id`,
  );
  const ownerId = owner.rows[0]!.id;
  await db.query(
    `INSERT INTO "Customer" (id, name, "searchText", "ownerId", "keyAccountStatus", "updatedAt")
     SELECT gen_random_uuid(), '客户' || g, '客户' || g, $1, 'NONE', now() FROM generate_series(1, $2) g`,
    [ownerId, others],
  );
  const target = await db.query<{ id: string }>(
    `INSERT INTO "Customer" (id, name, "searchText", "ownerId", "keyAccountStatus", "updatedAt")
     VALUES (gen_random_uuid(), '华东样本客户', '华东样本客户', $1, 'ACTIVE', now()) RETURNING id`,
    [ownerId],
  );
  const customerId = target.rows[0]!.id;
  // Others: 20 interactions each; the target: 2,000, every fifth a complaint (a tenth of those open).
  await db.query(
    `INSERT INTO "Interaction" (id, number, type, channel, status, "customerId", subject, description, "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'ZX-B-' || c.n || '-' || g, 'CONSULTATION', 'PHONE', 'CLOSED', c.id, '咨询', '—',
            now() - (g || ' days')::interval, now()
     FROM (SELECT id, row_number() OVER () n FROM "Customer" WHERE id <> $1) c, generate_series(1, 20) g`,
    [customerId],
  );
  await db.query(
    `INSERT INTO "Interaction" (id, number, type, channel, status, "customerId", subject, description,
                                "resolutionDueAt", "triageDueAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'TS-T-' || g,
            CASE WHEN g % 5 = 0 THEN 'COMPLAINT'::"InteractionType" ELSE 'INQUIRY'::"InteractionType" END, 'PHONE',
            CASE WHEN g % 50 = 0 THEN 'INVESTIGATING'::"InteractionStatus" ELSE 'CLOSED'::"InteractionStatus" END,
            $1, '事项 ' || g, '—', now() + interval '5 days', now() + interval '1 day',
            now() - (g || ' hours')::interval, now()
     FROM generate_series(1, 2000) g`,
    [customerId],
  );
  await db.query(
    `INSERT INTO "Contract" (id, "customerId", "contractNo", amount, "signedAt", "updatedAt")
     SELECT gen_random_uuid(), $1, 'HT-' || g, 10000 + g, (now() - (g || ' months')::interval)::date, now()
     FROM generate_series(1, 20) g`,
    [customerId],
  );
  await db.query(
    `INSERT INTO "Callback" (id, "customerId", reason, status, "dueAt", "createdAt")
     SELECT gen_random_uuid(), $1, 'PERIODIC', CASE WHEN g > 3 THEN 'DONE'::"CallbackStatus" ELSE 'PENDING'::"CallbackStatus" END,
            now() + (g - 4 || ' weeks')::interval, now() - (g || ' weeks')::interval
     FROM generate_series(1, 60) g`,
    [customerId],
  );
  const template = await db.query<{ id: string }>(
    `INSERT INTO "SurveyTemplate" (id, key, version, name) VALUES (gen_random_uuid(), 'bench', 1, '满意度') RETURNING id`,
  );
  const campaign = await db.query<{ id: string }>(
    `INSERT INTO "SurveyCampaign" (id, "templateId", name, "periodLabel", audience, "opensAt", "closesAt")
     VALUES (gen_random_uuid(), $1, '季度调查', '2026-Q4', '{}', now(), now()) RETURNING id`,
    [template.rows[0]!.id],
  );
  await db.query(
    `INSERT INTO "SurveyResponse" (id, "campaignId", "customerId", "templateId", source, "submittedAt", "indexScore",
                                   "lowScore", "updatedAt")
     SELECT gen_random_uuid(), $1, $2, $3, 'PHONE', now() - (g * 45 || ' days')::interval, 60 + g, g < 3, now()
     FROM generate_series(1, 24) g`,
    [campaign.rows[0]!.id, customerId, template.rows[0]!.id],
  );
  await db.query(
    `INSERT INTO "HistoryEntry" (id, "entityType", "entityId", action, "createdAt")
     SELECT gen_random_uuid(), 'Customer', $1, 'UPDATE', now() - (g || ' hours')::interval FROM generate_series(1, 300) g`,
    [customerId],
  );
  await db.query('ANALYZE');
  return { customerId, ownerId };
}

/** BENCH_REUSE=1: the customer loaded by a previous run. */
async function reuse(db: pg.Client): Promise<{ customerId: string; ownerId: string }> {
  const { rows } = await db.query<{ id: string; ownerId: string }>(
    `SELECT id, "ownerId" FROM "Customer" WHERE name = '华东样本客户'`,
  );
  return { customerId: rows[0]!.id, ownerId: rows[0]!.ownerId };
}

async function main() {
  await ensureDatabase();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const started = performance.now();
  const { customerId, ownerId } = process.env.BENCH_REUSE === '1' ? await reuse(db) : await load(db);
  const counts = await db.query(
    `SELECT (SELECT count(*) FROM "Customer")::int customers, (SELECT count(*) FROM "Interaction")::int interactions,
            (SELECT count(*) FROM "Interaction" WHERE "customerId" = $1)::int "customerInteractions"`,
    [customerId],
  );
  console.log(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts.rows[0])}`);
  await db.end();

  process.env.DATABASE_URL = url;
  const run = await graphqlRunner();
  const { disconnectPrisma } = await import('@/server/db');
  const viewer = { kind: 'staff' as const, userId: ownerId, role: 'SERVICE_AGENT' as const, departmentId: null };
  const page = () =>
    Promise.all(PAGE.map(([document, variables]) => run(viewer, print(document), { id: customerId, ...variables })));
  await page(); // warm-up: caches of settings and the first plans
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await page();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const max = times.at(-1)!;
  console.log(
    `customer 360 page (${PAGE.length} operations, ${runs} runs): median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms (target < 150 ms); load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  // Each operation alone, to see where the time goes.
  for (const [document, variables] of PAGE) {
    const alone: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await run(viewer, print(document), { id: customerId, ...variables });
      alone.push(performance.now() - start);
    }
    alone.sort((a, b) => a - b);
    const name = (document.definitions[0] as { name?: { value: string } }).name?.value;
    console.log(`  ${name}: median ${alone[2]!.toFixed(1)} ms, max ${alone[4]!.toFixed(1)} ms`);
  }
  await disconnectPrisma();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
