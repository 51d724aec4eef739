/**
 * The app's HTTP server (what `npm start` and `npm run dev` run, via scripts/start.mjs): one node:http server
 * (http-server.ts) that hands the client's address on in CLIENT_ADDRESS_HEADER, serves /api/graphql through Apollo
 * directly, admits requests per kind of work, and passes everything else to Next's request handler. The queue workers
 * run in this process unless KEFU_WORKERS=off. It shuts down in order on SIGTERM/SIGINT or when the launcher's IPC
 * channel closes: stop accepting, drain in-flight requests (KEFU_SHUTDOWN_TIMEOUT_MS, default 10 s), stop the workers,
 * close the database pools, exit 0.
 */
import next from 'next';
import { createApolloServer } from '@/graphql/server';
import { disconnectPrisma, runAs } from '@/server/db';
import { createAppHttpServer } from './http-server';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST || undefined;
const shutdownTimeoutMs = Number(process.env.KEFU_SHUTDOWN_TIMEOUT_MS) > 0 ? Number(process.env.KEFU_SHUTDOWN_TIMEOUT_MS) : 10_000;

if (!process.env.NODE_ENV) console.warn('⚠ NODE_ENV is not set: React and Apollo run in development mode (npm start sets it)');
// The worker start-up in src/instrumentation.ts is for a bare `next start`; here this process starts them itself.
process.env.KEFU_HTTP_SERVER = '1';

async function main() {
  const app = next({ dev, dir: process.cwd(), port, hostname: 'localhost' });
  const handleNext = app.getRequestHandler();
  await app.prepare();
  const apollo = createApolloServer();
  await apollo.start();

  const http = createAppHttpServer({ apollo, next: (req, res) => handleNext(req, res) });
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(port, host, () => resolve());
  });
  console.log(`▶ ready on http://localhost:${port} (${dev ? 'development' : 'production'})`);

  if (process.env.KEFU_WORKERS !== 'off') {
    const { startWorkers } = await import('@/server/queue/workers');
    // Everything the workers do runs on the jobs pool: their polling loops inherit this async context.
    runAs('jobs', () => startWorkers())
      .then(() => console.log(`▶ background jobs: escalation sweep every minute, survey reminders every 15 minutes, mail ${process.env.SMTP_URL ? 'over SMTP' : 'logged only (SMTP_URL not set)'}`))
      .catch((error: unknown) => console.error('✖ background jobs did not start:', error instanceof Error ? error.message : error));
  }

  let stopping: Promise<void> | null = null;
  const shutdown = (reason: string) =>
    (stopping ??= (async () => {
      console.log(`▶ stopping (${reason}): no new connections, draining ${http.inFlight()} request(s)…`);
      await http.drain(shutdownTimeoutMs);
      const { stopWorkers } = await import('@/server/queue/workers');
      await stopWorkers(shutdownTimeoutMs).catch((error: unknown) => console.error('[shutdown] workers:', error));
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
