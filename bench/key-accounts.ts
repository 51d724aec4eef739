// The nightly key-account proposal at scale (issue 12 item 1): 100,000 customers and 300,000 contracts on the
// PostgreSQL server, the first run (every qualifying customer nominated), a second run (idempotent: nothing new), and a
// worst case where ~90 % of the customers qualify. Target: each run < 10 s.
//
//   createdb -h 127.0.0.1 -U postgres kefu_nominations_bench   (the script creates it when missing)
//   npx tsx --import ./scripts/server-only-noop.mjs bench/key-accounts.ts
//
// BENCH_KA_DATABASE_URL overrides the database; BENCH_KA_CUSTOMERS / BENCH_KA_CONTRACTS the sizes.
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import pg from 'pg';
import { root } from './servers';

const DB = 'kefu_nominations_bench';
const url = process.env.BENCH_KA_DATABASE_URL ?? `postgresql://postgres@127.0.0.1:5432/${DB}`;
const customers = Number(process.env.BENCH_KA_CUSTOMERS ?? 100_000);
const contracts = Number(process.env.BENCH_KA_CONTRACTS ?? 300_000);
const log = (line: string) => console.log(line);

async function ensureDatabase() {
  if (process.env.BENCH_KA_DATABASE_URL) return;
  const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB]);
  if (!rowCount) await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
}

/**
 * Customers with good credit (4 in 5), contracts spread over the last six years with amounts of 10,000–400,000 yuan:
 * with the default criteria (≥ 500,000 over three years, or ≥ 3 contracts, or ≥ 5 years) a realistic share qualifies.
 * `rich`: amounts ×10, every customer with contracts and 9 in 10 in good credit — ~90 % qualify.
 */
async function load(client: pg.Client, rich: boolean) {
  await client.query(`TRUNCATE "KeyAccountNomination", "Contract", "HistoryEntry", "Customer" CASCADE`);
  await client.query(
    `INSERT INTO "Customer" ("id", "name", "creditStanding", "searchText", "updatedAt")
     SELECT gen_random_uuid(), '客户' || i, (CASE WHEN i % (CASE WHEN $2 THEN 10 ELSE 5 END) <> 0 THEN 'GOOD' ELSE 'POOR' END)::"CreditStanding",
            '客户' || i, now()
     FROM generate_series(1, $1::int) i`,
    [customers, rich],
  );
  // Most customers have 1–3 contracts; in the normal case a tenth of the customers have none.
  await client.query(
    `WITH c AS (SELECT "id", row_number() OVER (ORDER BY "id") AS n FROM "Customer")
     INSERT INTO "Contract" ("id", "customerId", "contractNo", "amount", "signedAt", "updatedAt")
     SELECT gen_random_uuid(), c."id", 'B-' || k, ((10000 + (k * 7919) % 390000) * (CASE WHEN $3 THEN 10 ELSE 1 END))::numeric,
            (current_date - ((k * 104729) % 2190)::int), now()
     FROM generate_series(1::bigint, $1::bigint) k
     JOIN c ON c.n = 1 + (k * 2654435761::bigint % ($2::bigint * (CASE WHEN $3 THEN 1 ELSE 9 END) / (CASE WHEN $3 THEN 1 ELSE 10 END)))`,
    [contracts, customers, rich],
  );
  // A database as the nightly job meets it: the bulk load's dirty pages written out (CHECKPOINT) and its tuples
  // vacuumed, so the run measures the proposal, not the flushing of 400,000 freshly loaded rows and their indexes.
  await client.query('VACUUM ANALYZE "Customer", "Contract", "KeyAccountNomination", "HistoryEntry"');
  await client.query('CHECKPOINT');
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
  const { runKeyAccountProposal } = await import('@/graphql/key-accounts/key-account.service');
  const { disconnectPrisma } = await import('@/server/db');
  const results: Record<string, unknown> = {};
  try {
    for (const rich of [false, true]) {
      const started = Date.now();
      await load(client, rich);
      const counts = (
        await client.query(
          `SELECT (SELECT count(*) FROM "Customer")::int AS customers, (SELECT count(*) FROM "Contract")::int AS contracts`,
        )
      ).rows[0];
      log(
        `\n${rich ? 'worst case (~90 % qualify)' : 'normal'}: loaded ${JSON.stringify(counts)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      for (const run of ['first', 'second'] as const) {
        const t0 = performance.now();
        const result = await runKeyAccountProposal(new Date());
        const seconds = (performance.now() - t0) / 1000;
        log(
          `  ${run} run: ${seconds.toFixed(2)} s ${JSON.stringify(result)} (load average ${loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')})`,
        );
        results[`${rich ? 'worst' : 'normal'}.${run}`] = { seconds, ...result };
      }
      const open = (
        await client.query(
          `SELECT count(*)::int AS n, count(DISTINCT "customerId")::int AS customers FROM "KeyAccountNomination" WHERE "status" = 'PROPOSED'`,
        )
      ).rows[0];
      log(
        `  open nominations ${open.n} for ${open.customers} customers (${((100 * open.customers) / customers).toFixed(1)} %)`,
      );
    }
    log(`\n${JSON.stringify(results)}`);
  } finally {
    await disconnectPrisma();
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
