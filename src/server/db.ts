import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/generated/prisma/client';

export type Db = ReturnType<typeof createPrisma>;
/** A Prisma transaction client: what `$transaction(async (tx) => …)` hands the callback. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

function createPrisma(url: string) {
  const adapter = new PrismaPg({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // pg waits forever for a free connection by default; fail fast and visibly instead.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 30_000),
  });
  return new PrismaClient({
    adapter,
    // Secrets are never selected by accident (STYLE: Dub's omit).
    omit: { user: { passwordHash: true }, apiKey: { keyHash: true } },
  });
}

const globalForDb = globalThis as unknown as { kefuPrisma?: Db };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm start and npm test set it for the embedded database)');
  return url;
}

/** The process-wide Prisma client (created on first use, so tests can set DATABASE_URL first). */
export const prisma: Db = new Proxy({} as Db, {
  get(_target, prop, receiver) {
    globalForDb.kefuPrisma ??= createPrisma(databaseUrl());
    const value = Reflect.get(globalForDb.kefuPrisma, prop, receiver) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(globalForDb.kefuPrisma) : value;
  },
});

export async function disconnectPrisma() {
  await globalForDb.kefuPrisma?.$disconnect();
  globalForDb.kefuPrisma = undefined;
}
