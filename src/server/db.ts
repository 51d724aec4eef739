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
 * - reports: CSV/Excel/PDF exports and report downloads. DATABASE_REPORTS_POOL_SIZE (default 2).
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

function createPrisma(url: string, kind: WorkKind) {
  const adapter = new PrismaPg({
    connectionString: url,
    max: poolSize(kind),
    // pg waits forever for a free connection by default; fail fast and visibly instead.
    connectionTimeoutMillis: acquireTimeoutMs(),
    idleTimeoutMillis: 30_000,
    statement_timeout: positiveInt(process.env.DATABASE_STATEMENT_TIMEOUT_MS, 30_000),
    application_name: `kefu-${kind}`,
  });
  return new PrismaClient({
    adapter,
    // Aligned with the pool: a transaction that cannot get a connection within the budget fails like a query does.
    transactionOptions: { maxWait: acquireTimeoutMs(), timeout: 15_000 },
    // Secrets are never selected by accident (STYLE: Dub's omit).
    omit: { user: { passwordHash: true }, apiKey: { keyHash: true } },
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

// Prisma codes and PostgreSQL SQLSTATEs that mean "the database cannot serve this now" rather than "this request is
// wrong": unreachable, connection lost, pool or transaction-start timeout, shutting down, too many connections.
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
const UNAVAILABLE_SQLSTATES = /^(08|57P0[1-4]|53300|57014)/;
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|connection is closed|Can't reach database server/i;

/** Whether an error means the database is down, unreachable or out of connections (→ SERVICE_UNAVAILABLE). */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown; originalCode?: unknown } } };
    cause?: unknown;
    originalError?: unknown;
  };
  if (
    typeof e.code === 'string' &&
    (UNAVAILABLE_PRISMA_CODES.has(e.code) || UNAVAILABLE_NODE_CODES.has(e.code) || UNAVAILABLE_SQLSTATES.test(e.code))
  )
    return true;
  const cause = e.meta?.driverAdapterError?.cause;
  if (cause) {
    if (
      cause.kind === 'DatabaseNotReachable' ||
      cause.kind === 'ConnectionClosed' ||
      cause.kind === 'SocketTimeout' ||
      cause.kind === 'TooManyConnections'
    )
      return true;
    const sqlState =
      typeof cause.originalCode === 'string' ? cause.originalCode : typeof cause.code === 'string' ? cause.code : '';
    if (UNAVAILABLE_SQLSTATES.test(sqlState)) return true;
  }
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.originalError, depth + 1);
}
