// npm run bench — the customer list (filters, sort, page, totals) over a large customer database, then the complaint
// work queues over 200,000 complaints (bench/complaints.ts; BENCH_COMPLAINTS=off skips it), then the survey analysis
// over 100,000 responses (bench/surveys.ts; BENCH_SURVEYS=off skips it).
// Uses BENCH_DATABASE_URL (a PostgreSQL server; the bench wipes and fills its `public` schema) or an in-memory
// embedded database. BENCH_CUSTOMERS sets the size (default 100,000).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';

type Embedded = { url: string; stop: () => Promise<void> };

async function main() {
  const size = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
  let embedded: Embedded | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    await client.end();
  } else {
    // @ts-expect-error — plain ESM helper shared with npm start, no type declarations
    const { startEmbedded } = (await import('../scripts/db/embedded.mjs')) as { startEmbedded: () => Promise<Embedded> };
    embedded = await startEmbedded();
    url = embedded.url;
  }
  await promisify(execFile)(process.execPath, ['--experimental-wasm-modules', '--no-warnings', 'scripts/db/migrate.mjs'], { env: { ...process.env, DATABASE_URL: url } });
  process.env.DATABASE_URL = url;
  const { prisma, disconnectPrisma } = await import('@/server/db');
  const { listCustomers, customerTotals, countCustomers } = await import('@/graphql/customers/customer.service');

  const provinces = ['上海', '江苏', '浙江', '广东', '北京', '山东', '四川', '湖北', '福建', '天津'];
  const t0 = performance.now();
  // Bulk load in SQL (generate_series): the bench measures reads, not the loader.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Customer" (id, name, "contractNo", province, industry, status, "creditStanding", grade, "initialAuditFee", "surveillanceAuditFee", "auditDate", "searchText", "updatedAt")
    SELECT gen_random_uuid(), '客户' || i || '有限公司', 'HT-' || i, (ARRAY[${provinces.map((p) => `'${p}'`).join(',')}])[1 + i % 10],
           '行业' || (i % 8), (ARRAY['ACTIVE','ACTIVE','SUSPENDED','PROSPECT']::"CustomerStatus"[])[1 + i % 4], 'GOOD', (ARRAY['A','B','C','D']::"CustomerGrade"[])[1 + i % 4],
           (i % 50) * 1000, (i % 20) * 500, DATE '2024-01-01' + (i % 700), '客户' || i || '有限公司 联系人' || i, now()
    FROM generate_series(1, ${size}) AS i`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Contract" (id, "customerId", "contractNo", amount, "updatedAt")
    SELECT gen_random_uuid(), id, 'C-' || "contractNo", 10000 + (random() * 90000)::int, now() FROM "Customer"`);
  await prisma.$executeRawUnsafe('ANALYZE');
  console.log(`loaded ${size.toLocaleString('zh-CN')} customers + contracts in ${((performance.now() - t0) / 1000).toFixed(1)} s on ${embedded ? 'embedded PGlite' : 'PostgreSQL server'}`);

  const viewer = { kind: 'staff', userId: '00000000-0000-4000-8000-000000000000', role: 'ADMIN', departmentId: null } as const;
  const cases: [string, Parameters<typeof listCustomers>[1]][] = [
    ['first page, default sort', { first: 25 }],
    ['province + status, sorted by audit date', { filter: { province: ['上海'], status: ['ACTIVE'] }, sort: { field: 'AUDIT_DATE', direction: 'DESC' }, first: 25 }],
    ['fee range, sorted by fee', { filter: { initialAuditFee: { min: '20000', max: '30000' } }, sort: { field: 'INITIAL_AUDIT_FEE', direction: 'DESC' }, first: 50 }],
    ['substring search on names', { filter: { search: '客户9999' }, first: 25 }],
  ];
  for (const [label, args] of cases) {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const page = await listCustomers(viewer, args);
      await Promise.all([countCustomers(page.where), customerTotals(page.where)]);
      runs.push(performance.now() - start);
    }
    runs.sort((a, b) => a - b);
    console.log(`${label.padEnd(44)} page+count+totals  median ${runs[2]!.toFixed(0)} ms  max ${runs[4]!.toFixed(0)} ms`);
  }
  console.log(`heap used ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
  if (process.env.BENCH_COMPLAINTS !== 'off') {
    const { benchComplaints } = await import('./complaints');
    await benchComplaints(prisma);
  }
  if (process.env.BENCH_SURVEYS !== 'off') {
    const { benchSurveys } = await import('./surveys');
    await benchSurveys(prisma);
  }
  await disconnectPrisma();
  await embedded?.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
