// The complaint section of `npm run bench` (called by bench/run.ts once the customers are loaded): 200,000 complaints
// (BENCH_COMPLAINTS) — 85 % closed, the open ones spread over 8 departments, 40 owners, three severities, 10 % key
// accounts, due times from a week overdue to a month ahead — then the work-queue screen's request (a page of 25
// with its totalCount, and the seven tab counts under the same filter) through the real GraphQL pipeline, median of 5,
// for an agent (all complaints) and a department handler (their department's only), with and without filters.
import type { Db } from '@/server/db';
import { graphqlRunner, time } from './timing';


export async function benchComplaints(prisma: Db): Promise<void> {
  const total = Number(process.env.BENCH_COMPLAINTS ?? 200_000);
  const t0 = performance.now();
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Department" (id, code, name, "updatedAt")
    SELECT gen_random_uuid(), 'BD' || d, '部门' || d, now() FROM generate_series(1, 8) AS d`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "User" (id, email, name, "passwordHash", role, "departmentId", "updatedAt")
    SELECT gen_random_uuid(), 'bench' || u || '@kefu.bench', '处理人' || u, 'x', 'DEPARTMENT_HANDLER',
           (SELECT id FROM "Department" WHERE code = 'BD' || (1 + u % 8)), now()
    FROM generate_series(1, 40) AS u`);
  // Each row picks its department, owner, customer and due time from its number i, so the load is one statement.
  await prisma.$executeRawUnsafe(`
    WITH depts AS (SELECT id, row_number() OVER (ORDER BY code) - 1 AS k FROM "Department" WHERE code LIKE 'BD%'),
         owners AS (SELECT id, "departmentId", row_number() OVER (ORDER BY email) - 1 AS k FROM "User" WHERE email LIKE 'bench%'),
         customers AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM "Customer" LIMIT 10000)
    INSERT INTO "Interaction" (id, number, type, channel, status, subject, description, severity, "causeClass", "isKeyAccount",
                               "responsibleDepartmentId", "ownerId", "customerId", "triageDueAt", "resolutionDueAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), 'TS-B-' || i, 'COMPLAINT', 'PORTAL',
           CASE WHEN i % 100 < 85 THEN 'CLOSED' ELSE (ARRAY['REGISTERED','TRIAGED','INVESTIGATING','ACTION_PLANNED','IMPLEMENTING','VERIFYING']::"InteractionStatus"[])[1 + i % 6] END,
           '批次 ' || i || ' 尺寸超差', '外径超差', (ARRAY['GENERAL','GENERAL','GENERAL','MAJOR','CRISIS']::"Severity"[])[1 + i % 5],
           (ARRAY['QUALITY','NON_QUALITY']::"CauseClass"[])[1 + i % 2], i % 10 = 0,
           o."departmentId", CASE WHEN i % 7 = 0 THEN NULL ELSE o.id END, c.id,
           now() - interval '1 hour' * (i % 48), now() + interval '1 hour' * ((i % 900) - 168), now() - interval '1 minute' * i, now()
    FROM generate_series(1, ${total}) AS i
    JOIN owners o ON o.k = i % 40
    JOIN customers c ON c.k = i % 10000`);
  await prisma.$executeRawUnsafe('ANALYZE');
  const open = await prisma.interaction.count({ where: { type: 'COMPLAINT', status: { not: 'CLOSED' } } });
  console.log(`\nloaded ${total.toLocaleString('zh-CN')} complaints (${open.toLocaleString('zh-CN')} open) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const execute = await graphqlRunner();
  const handler = await prisma.user.findFirstOrThrow({ where: { email: 'bench1@kefu.bench' } });
  const viewers = {
    agent: { kind: 'staff', userId: '00000000-0000-4000-8000-000000000001', role: 'SERVICE_AGENT', departmentId: null },
    handler: { kind: 'staff', userId: handler.id, role: 'DEPARTMENT_HANDLER', departmentId: handler.departmentId },
  } as const;
  const QUEUE = `query($q: ComplaintQueue!, $f: ComplaintQueueFilter, $s: ComplaintQueueSort) {
    complaintQueue(queue: $q, filter: $f, sort: $s, first: 25) { nodes { id number subject status severity resolutionDueAt customer { name } owner { name } responsibleDepartment { name } } totalCount pageInfo { endCursor } }
    complaintQueueCounts(filter: $f) { queue count } }`;
  const run = (who: keyof typeof viewers, variables: Record<string, unknown>) => execute(viewers[who], QUEUE, variables);
  const dept = handler.departmentId;
  const timings = [
    await time('agent: open, most urgent first', () => run('agent', { q: 'OPEN' })),
    await time('agent: overdue', () => run('agent', { q: 'OVERDUE' })),
    await time('agent: crisis + major, sorted by severity', () => run('agent', { q: 'OPEN', f: { severity: ['CRISIS', 'MAJOR'] }, s: 'SEVERITY' })),
    await time('agent: one department, key accounts, newest', () => run('agent', { q: 'OPEN', f: { responsibleDepartmentId: dept, keyAccount: true }, s: 'NEWEST' })),
    await time('agent: search by number', () => run('agent', { q: 'OPEN', f: { search: 'TS-B-19999' } })),
    await time('handler: my department', () => run('handler', { q: 'MY_DEPARTMENT' })),
    await time('handler: mine, quality causes', () => run('handler', { q: 'MINE', f: { causeClass: ['QUALITY'] } })),
  ];
  for (const t of timings) console.log(`${t.label.padEnd(48)} page+total+7 counts  median ${t.median.toFixed(0)} ms  max ${t.max.toFixed(0)} ms`);
  console.log(`heap used ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
}
