/**
 * The app's HTTP server (what `npm start` and `npm run dev` run, via scripts/start.mjs): one node:http server that
 *   - works out the client's address from the socket and TRUSTED_PROXIES and hands it on in CLIENT_ADDRESS_HEADER
 *     (any copy of that header sent by a client is dropped first);
 *   - serves /api/graphql through Apollo directly (graphql-http.ts) and everything else through Next's handler;
 *   - admits requests per kind of work (admission.ts) and runs exports on the reports pool (db.ts);
 *   - runs the queue workers in this process unless KEFU_WORKERS=off;
 *   - shuts down in order on SIGTERM/SIGINT or when the launcher's IPC channel closes: stop accepting, drain in-flight
 *     requests (bounded by KEFU_SHUTDOWN_TIMEOUT_MS), stop the workers, close the database pools, exit.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { createApolloServer } from '@/graphql/server';
import { acquireTimeoutMs, disconnectPrisma, poolSize, runAs } from '@/server/db';
import { createGate } from './admission';
import { CLIENT_ADDRESS_HEADER, parseTrustedProxies, resolveClientAddress } from './client-address';
import { createGraphQLHttpHandler, unavailableBody } from './graphql-http';
import { isReportPath, isStaticPath } from './routes';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST || undefined;
const positive = (value: string | undefined, fallback: number) => (Number(value) > 0 ? Number(value) : fallback);

// The worker start-up in src/instrumentation.ts is for a bare `next start`; here this process starts them itself.
process.env.KEFU_HTTP_SERVER = '1';

async function main() {
  const app = next({ dev, dir: process.cwd(), port, hostname: 'localhost' });
  const handleNext = app.getRequestHandler();
  await app.prepare();

  const apollo = createApolloServer();
  await apollo.start();

  // Interactive work (API and pages) may run a few more requests than there are connections — most of a request's
  // time is not spent in the database — and waits at most the connection budget for a turn.
  const interactive = createGate('interactive', positive(process.env.KEFU_MAX_CONCURRENT_REQUESTS, poolSize('interactive') * 4), acquireTimeoutMs());
  // Exports hold a connection for seconds: a couple at a time, each waiting a little longer for its turn.
  const reports = createGate('reports', poolSize('reports'), Math.max(acquireTimeoutMs(), 10_000));
  const graphql = createGraphQLHttpHandler(apollo, { maxBodyBytes: positive(process.env.KEFU_MAX_BODY_BYTES, 72 * 1024 * 1024), gate: interactive });
  const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);

  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | null = null;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const forwardedFor = req.headers['x-forwarded-for'];
    const address = resolveClientAddress(req.socket.remoteAddress, Array.isArray(forwardedFor) ? forwardedFor.join(', ') : forwardedFor, trusted);
    delete req.headers[CLIENT_ADDRESS_HEADER];
    if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
    if (draining) res.setHeader('connection', 'close');

    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (path === '/api/graphql') return graphql(req, res, address);
    if (isStaticPath(path)) return handleNext(req, res);
    const gate = isReportPath(path) ? reports : interactive;
    const release = await gate.enter();
    if (!release) {
      const body = unavailableBody();
      res.writeHead(body.status, { 'content-type': 'application/json; charset=utf-8', ...body.headers });
      res.end(JSON.stringify({ errors: [{ message: body.message, extensions: { code: body.code } }] }));
      return;
    }
    try {
      await (isReportPath(path) ? runAs('reports', () => handleNext(req, res)) : handleNext(req, res));
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
    handle(req, res).catch((error: unknown) => {
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

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  console.log(`▶ ready on http://localhost:${port} (${dev ? 'development' : 'production'})`);

  if (process.env.KEFU_WORKERS !== 'off') {
    const { startWorkers } = await import('@/server/queue/workers');
    // Everything the workers do runs on the jobs pool: the async context is inherited by their polling loops.
    runAs('jobs', () => startWorkers())
      .then(() => console.log(`▶ background jobs: escalation sweep every minute, survey reminders every 15 minutes, mail ${process.env.SMTP_URL ? 'over SMTP' : 'logged only (SMTP_URL not set)'}`))
      .catch((error: unknown) => console.error('✖ background jobs did not start:', error instanceof Error ? error.message : error));
  }

  let stopping: Promise<void> | null = null;
  const shutdown = (reason: string) =>
    (stopping ??= (async () => {
      console.log(`▶ stopping (${reason}): no new connections, draining ${inFlight} request(s)…`);
      draining = true;
      server.close();
      server.closeIdleConnections();
      const timeout = positive(process.env.KEFU_SHUTDOWN_TIMEOUT_MS, 10_000);
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, timeout).unref();
        });
      }
      server.closeAllConnections();
      const { stopWorkers } = await import('@/server/queue/workers');
      await stopWorkers(timeout).catch((error: unknown) => console.error('[shutdown] workers:', error));
      await apollo.stop().catch(() => undefined);
      await disconnectPrisma().catch(() => undefined);
      console.log('▶ stopped');
      process.exit(0);
    })());

  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Started by the launcher with an IPC channel: when the launcher is gone, so is the reason to serve.
  if (process.send) process.on('disconnect', () => void shutdown('launcher gone'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
