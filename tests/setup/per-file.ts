import { afterAll, beforeAll, inject } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.NEXTAUTH_SECRET ??= 'test-secret-not-for-production';
// Intake and workflow steps queue customer mails through pg-boss: each file gets a queue schema of its own, so runs on
// one server database never take each other's jobs (a file may choose its own before its queue starts).
process.env.KEFU_QUEUE_SCHEMA ??= `pgboss_test_${process.pid}`;

const { disconnectPrisma, prisma } = await import('@/server/db');

// Invariant: every test file starts from an empty database (all tables but Prisma's migration log truncated, the
// intake's number sequences dropped).
// TRUNCATE does not fire the append-only trigger of HistoryEntry, which only refuses UPDATE and DELETE.
beforeAll(async () => {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length)
    await prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`);
  // The intake's per-year number sequences are created on first use and outlive TRUNCATE: drop them too, so numbering
  // in each file starts from nothing whatever ran before it.
  const sequences = await prisma.$queryRaw<{ name: string }[]>`
    SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' AND sequencename LIKE 'interaction_number_%'`;
  if (sequences.length)
    await prisma.$executeRawUnsafe(`DROP SEQUENCE ${sequences.map((q) => `"${q.name}"`).join(', ')}`);
});

afterAll(async () => {
  const { stopQueue } = await import('@/server/queue/boss');
  await stopQueue(5_000);
  const schema = process.env.KEFU_QUEUE_SCHEMA;
  if (schema?.startsWith('pgboss_test_')) await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await disconnectPrisma();
});
