// The load phase's baseline server: plain node:http + pg answering POST /api/graphql with bench/raw-baseline.ts.
// It reads the same request bodies the app gets (the operation is picked by its name, as a persisted-query server
// would) and authenticates the same way: `Authorization: Bearer kf_…` is looked up by its SHA-256 in ApiKey, the
// next-auth session cookie is decrypted with NEXTAUTH_SECRET and its user reloaded (active, role, department).
// Started by the bench as its own process (so its CPU is measured apart): DATABASE_URL, RAW_PORT, RAW_POOL,
// NEXTAUTH_SECRET. Prints "listening <port>" when ready.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { decode } from 'next-auth/jwt';
import pg from 'pg';
import { createRawContext, RAW_OPERATIONS, RAW_TYPES, RawError, type RawViewer } from './raw-baseline';

const SESSION_COOKIE = 'next-auth.session-token';

async function main() {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set');
  // The app's pool settings (src/server/db.ts), so both sides wait for connections alike.
  const db = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.RAW_POOL ?? 10),
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 30_000,
    types: RAW_TYPES,
  });
  const ctx = await createRawContext(db);
  setInterval(() => void ctx.refresh().catch(() => undefined), 60_000).unref();

  async function viewerOf(req: IncomingMessage): Promise<RawViewer | null> {
    const authorization = req.headers.authorization;
    if (authorization) {
      const key = /^Bearer\s+(kf_\S+)$/i.exec(authorization)?.[1];
      if (!key) return null;
      const { rows } = await db.query(
        `SELECT name, scopes, "revokedAt", "expiresAt" FROM "ApiKey" WHERE "keyHash" = $1`,
        [createHash('sha256').update(key).digest('hex')],
      );
      const row = rows[0];
      if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return null;
      return { kind: 'apiClient', name: row.name, scopes: row.scopes };
    }
    const token = req.headers.cookie
      ?.split(/;\s*/)
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
      ?.slice(SESSION_COOKIE.length + 1);
    if (!token) return null;
    const claims = await decode({ token: decodeURIComponent(token), secret: secret! }).catch(() => null);
    if (typeof claims?.uid !== 'string') return null;
    const { rows } = await db.query(`SELECT id, role, "departmentId", active FROM "User" WHERE id = $1`, [claims.uid]);
    const user = rows[0];
    if (!user || !user.active || user.role === 'CUSTOMER') return null;
    return { kind: 'staff', userId: user.id, role: user.role, departmentId: user.departmentId };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      void (async () => {
        if (req.method !== 'POST' || req.url !== '/api/graphql')
          return answer(404, { errors: [{ message: 'Not found' }] });
        let operation: string | undefined;
        let variables: Record<string, unknown> = {};
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            query?: string;
            operationName?: string;
            variables?: Record<string, unknown>;
          };
          operation = body.operationName ?? /^\s*(?:query|mutation)\s+([_A-Za-z]\w*)/.exec(body.query ?? '')?.[1];
          variables = body.variables ?? {};
        } catch {
          return answer(400, { errors: [{ message: 'Invalid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
        const handler = operation ? RAW_OPERATIONS[operation] : undefined;
        if (!handler)
          return answer(400, {
            errors: [{ message: `Unknown operation ${operation}`, extensions: { code: 'BAD_REQUEST' } }],
          });
        try {
          const viewer = await viewerOf(req);
          if (!viewer)
            return answer(200, {
              errors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }],
              data: null,
            });
          answer(200, { data: await handler(ctx, viewer, variables) });
        } catch (error) {
          if (error instanceof RawError)
            return answer(200, { errors: [{ message: error.message, extensions: { code: error.code } }], data: null });
          const message = error instanceof Error ? error.message : String(error);
          answer(200, { errors: [{ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }], data: null });
        }
      })();
    });
  });
  const port = Number(process.env.RAW_PORT ?? 3211);
  server.listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void db.end().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
