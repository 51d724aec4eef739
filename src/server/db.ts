import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/generated/prisma/client';

export type Db = ReturnType<typeof createPrisma>;
/** A Prisma transaction client: what `$transaction(async (tx) => …)` hands the callback. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * Connections are a budget (issue "hold at real scale"): each kind of work has a pool of its own, so a burst of
 * exports or a long escalation sweep can never take the connections interactive requests need, and the other way
 * round. Which pool a query uses follows the async context (`runAs`), so services need not pass a client around.
 *
 * - interactive: GraphQL and page requests. DATABASE_POOL_SIZE connections (default 10).
 * - reports: CSV/Excel/PDF exports, report downloads, the report and KPI dashboard queries. DATABASE_REPORTS_POOL_SIZE
 *   (default 2).
 * - jobs: queue workers (escalation sweep, survey sweep, mail). DATABASE_JOBS_POOL_SIZE (default 3).
 * pg-boss keeps a pool of its own (KEFU_QUEUE_POOL_SIZE, default 4).
 *
 * A query waits at most DATABASE_ACQUIRE_TIMEOUT_MS (default 5000) for a connection, and a transaction as long to
 * start; beyond that the request answers SERVICE_UNAVAILABLE (503, Retry-After) instead of hanging.
 */
export const WORK_KINDS = ['interactive', 'reports', 'jobs'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

const POOL_DEFAULTS: Record<WorkKind, { env: string; size: number }> = {
  interactive: { env: 'DATABASE_POOL_SIZE', size: 10 },
  reports: { env: 'DATABASE_REPORTS_POOL_SIZE', size: 2 },
  jobs: { env: 'DATABASE_JOBS_POOL_SIZE', size: 3 },
};

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function poolSize(kind: WorkKind): number {
  return positiveInt(process.env[POOL_DEFAULTS[kind].env], POOL_DEFAULTS[kind].size);
}

/** How long a query may wait for a connection (and a transaction to start) before the request gives up. */
export function acquireTimeoutMs(): number {
  return positiveInt(process.env.DATABASE_ACQUIRE_TIMEOUT_MS, 5_000);
}

/**
 * Reports and the KPI dashboard wait longer for one of their few connections (DATABASE_REPORTS_ACQUIRE_TIMEOUT_MS,
 * default 30 s): a report is slow anyway, and queueing behind another one beats a 503.
 */
export function reportsAcquireTimeoutMs(): number {
  return positiveInt(process.env.DATABASE_REPORTS_ACQUIRE_TIMEOUT_MS, Math.max(acquireTimeoutMs(), 30_000));
}

/**
 * The options of an ordinary write transaction in a service: wait up to 10 s for a turn rather than fail at the pool's
 * acquire budget — the embedded database runs one transaction at a time, and parallel writes of one record queue up
 * here and all but one get CONFLICT — and run at most 15 s. Bulk work (a campaign launch, a recompute) sets its own.
 */
export const WRITE_TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

function createPrisma(url: string, kind: WorkKind) {
  const adapter = new PrismaPg({
    connectionString: url,
    max: poolSize(kind),
    // pg waits forever for a free connection by default; fail fast and visibly instead.
    connectionTimeoutMillis: kind === 'reports' ? reportsAcquireTimeoutMs() : acquireTimeoutMs(),
    idleTimeoutMillis: 30_000,
    statement_timeout: positiveInt(process.env.DATABASE_STATEMENT_TIMEOUT_MS, 30_000),
    application_name: `kefu-${kind}`,
  });
  return new PrismaClient({
    adapter,
    // Aligned with the pool: a transaction that cannot get a connection within the budget fails like a query does.
    transactionOptions: {
      maxWait: kind === 'reports' ? reportsAcquireTimeoutMs() : acquireTimeoutMs(),
      timeout: 15_000,
    },
    // Secrets are never selected by accident (STYLE: Dub's omit); nor is the customer's search text, which only the
    // search condition reads (every customer row read whole would carry it: the lists' and loaders' largest column).
    omit: { user: { passwordHash: true }, apiKey: { keyHash: true }, customer: { searchText: true } },
  });
}

// On globalThis: the app process hosts two copies of the server modules (Next's bundle and the HTTP server's), and
// both must share one set of pools.
const globalForDb = globalThis as unknown as {
  kefuPrisma?: Partial<Record<WorkKind, Db>>;
  kefuWorkKind?: AsyncLocalStorage<WorkKind>;
};
const workKind = (globalForDb.kefuWorkKind ??= new AsyncLocalStorage<WorkKind>());

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm start and npm test set it for the embedded database)');
  return url;
}

/** The client of a kind of work (created on first use, so tests can set DATABASE_URL first). */
export function clientFor(kind: WorkKind): Db {
  const clients = (globalForDb.kefuPrisma ??= {});
  return (clients[kind] ??= createPrisma(databaseUrl(), kind));
}

/** Runs `work` with every `prisma` query inside it on the pool of `kind`. */
export function runAs<T>(kind: WorkKind, work: () => T): T {
  return workKind.run(kind, work);
}

/** The kind of work the current async context belongs to (interactive unless `runAs` said otherwise). */
export function currentWorkKind(): WorkKind {
  return workKind.getStore() ?? 'interactive';
}

/** The process-wide Prisma client of the current kind of work (see `runAs`). */
export const prisma: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const client = clientFor(currentWorkKind());
    const value = Reflect.get(client, prop, client) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

export async function disconnectPrisma() {
  const clients = globalForDb.kefuPrisma ?? {};
  globalForDb.kefuPrisma = undefined;
  await Promise.all(Object.values(clients).map((client) => client?.$disconnect()));
}

// Re-exported for the modules that classify errors beside their queries; the classifier itself is pure (no Prisma),
// so src/server/errors.ts — which the client-safe *.rules.ts modules import — can use it without this module.
export { isDatabaseUnavailable } from './db-unavailable';
