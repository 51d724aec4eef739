import 'server-only';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { englishMessage } from '@/server/error-keys';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLContext } from '@/graphql/context';
import { acquireTimeoutMs, poolSize, runAs } from '@/server/db';
import { createGate, type Gate } from './admission';
import { CLIENT_ADDRESS_HEADER, parseTrustedProxies, resolveClientAddress } from './client-address';
import { createGraphQLHttpHandler, unavailableBody } from './graphql-http';
import { createUploadHttpHandler } from './upload-http';
import { isReportPath, isStaticPath } from './routes';
import { requestIsHttps, securityHeaders } from './security-headers';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export type AppHttpServerOptions = {
  apollo: ApolloServer<GraphQLContext>;
  /** Everything but /api/graphql (Next's request handler in the app; tests may leave it out → 404). */
  next?: RequestHandler;
  gates?: { interactive?: Gate; reports?: Gate };
  maxBodyBytes?: number;
  maxStaffBodyBytes?: number;
};

export type AppHttpServer = {
  server: Server;
  gates: { interactive: Gate; reports: Gate };
  inFlight: () => number;
  /** Stops accepting, drains in-flight requests up to `timeoutMs`, then closes what is left. */
  drain: (timeoutMs: number) => Promise<void>;
};

const positive = (value: string | undefined, fallback: number) => (Number(value) > 0 ? Number(value) : fallback);

/**
 * The HTTP front of the app: the client's address, the GraphQL endpoint, admission per kind of work, and a drain for
 * an ordered shutdown. (main.ts wires it to Next and the process's signals.)
 */
export function createAppHttpServer(options: AppHttpServerOptions): AppHttpServer {
  const gates = {
    // Interactive work (API and pages) may run a few more requests than there are connections — most of a request's
    // time is not spent in the database — and waits at most the connection budget for a turn.
    interactive:
      options.gates?.interactive ??
      createGate(
        'interactive',
        positive(process.env.KEFU_MAX_CONCURRENT_REQUESTS, poolSize('interactive') * 4),
        acquireTimeoutMs(),
      ),
    // Exports hold a connection for seconds: a couple at a time, each waiting a little longer for its turn.
    reports: options.gates?.reports ?? createGate('reports', poolSize('reports'), Math.max(acquireTimeoutMs(), 10_000)),
  };
  const graphql = createGraphQLHttpHandler(options.apollo, {
    // Attachments travel through /api/uploads (their own limit), so a GraphQL request is small: 1 MiB bounds what any
    // caller, anonymous ones included, can make us read before parsing.
    maxBodyBytes: options.maxBodyBytes ?? positive(process.env.KEFU_MAX_BODY_BYTES, 1024 * 1024),
    // The customer import sends a file of up to 10 MB as text (base64 for Excel: ~13.4 MB).
    maxStaffBodyBytes: options.maxStaffBodyBytes ?? positive(process.env.KEFU_MAX_STAFF_BODY_BYTES, 16 * 1024 * 1024),
    gate: gates.interactive,
  });
  const upload = createUploadHttpHandler({
    gate: createGate('uploads', positive(process.env.KEFU_MAX_CONCURRENT_UPLOADS, 16), 0),
  });
  const handleNext: RequestHandler =
    options.next ??
    ((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
  const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  const socketAddresses = new WeakMap<object, string | null>();

  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | null = null;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const forwardedFor = req.headers['x-forwarded-for'];
    // Without X-Forwarded-For the address is the connection's: worked out once per keep-alive connection.
    let address = forwardedFor === undefined ? socketAddresses.get(req.socket) : undefined;
    if (address === undefined) {
      address = resolveClientAddress(
        req.socket.remoteAddress,
        Array.isArray(forwardedFor) ? forwardedFor.join(', ') : forwardedFor,
        trusted,
      );
      if (forwardedFor === undefined) socketAddresses.set(req.socket, address);
    }
    // Only this server says who the client is: a copy sent by the client is dropped.
    delete req.headers[CLIENT_ADDRESS_HEADER];
    if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
    if (draining) res.setHeader('connection', 'close');

    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (path === '/api/graphql') return graphql(req, res, address);
    if (path === '/api/uploads') return upload(req, res);
    if (isStaticPath(path)) return handleNext(req, res);
    const report = isReportPath(path);
    const release = await (report ? gates.reports : gates.interactive).enter();
    if (!release) {
      const body = unavailableBody();
      const https = requestIsHttps(req.headers['x-forwarded-proto'] as string | undefined);
      res.writeHead(body.status, {
        ...securityHeaders({ kind: 'resource', https }),
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        ...body.headers,
      });
      res.end(JSON.stringify({ error: { code: body.code, key: body.key, message: englishMessage(body.key) } }));
      return;
    }
    try {
      await (report ? runAs('reports', () => handleNext(req, res)) : handleNext(req, res));
    } finally {
      release();
    }
  }

  const server = createServer((req, res) => {
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      if (draining && inFlight === 0) drained?.();
    });
    Promise.resolve(handle(req, res)).catch((error: unknown) => {
      console.error('[http] unhandled error:', error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // A slow client may not hold a request open for ever (slowloris).
  server.requestTimeout = positive(process.env.KEFU_REQUEST_TIMEOUT_MS, 120_000);

  return {
    server,
    gates,
    inFlight: () => inFlight,
    async drain(timeoutMs: number) {
      draining = true;
      server.close();
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, timeoutMs).unref();
        });
      }
      server.closeAllConnections();
    },
  };
}
