// Pure (no Prisma, no Node APIs, no 'server-only'): src/server/errors.ts uses it, and the client-safe *.rules.ts modules
// import errors.ts for DomainError.

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
