import { afterAll, beforeAll, inject } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.NEXTAUTH_SECRET ??= 'test-secret-not-for-production';

const { disconnectPrisma, prisma } = await import('@/server/db');

// Invariant: every test file starts from an empty database (all tables but Prisma's migration log truncated).
// TRUNCATE does not fire the append-only trigger of HistoryEntry, which only refuses UPDATE and DELETE.
beforeAll(async () => {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length) await prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`);
});

afterAll(async () => {
  await disconnectPrisma();
});
