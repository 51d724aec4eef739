/**
 * The app's HTTP server (what `npm start` and `npm run dev` run, via scripts/start.mjs): one node:http server
 * (http-server.ts) that hands the client's address on in CLIENT_ADDRESS_HEADER, serves /api/graphql through Apollo
 * directly, admits requests per kind of work, and passes everything else to Next's request handler.
 *
 * KEFU_WEB_CONCURRENCY (default: 2 on two or more cores, else 1) > 1 runs that many server processes sharing the port (node:cluster): a primary that only
 * supervises (restarts a worker that dies, relays cache invalidations between workers, stops them in order) and the
 * workers that serve. The queue workers run in one server process only (the first), unless KEFU_WORKERS=off.
 *
 * Shutdown is ordered, on SIGTERM/SIGINT or when the launcher's IPC channel closes: stop accepting, drain in-flight
 * requests (KEFU_SHUTDOWN_TIMEOUT_MS, default 10 s), stop the queue workers, close the database pools, exit 0.
 */
import 'server-only';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST || undefined;
const shutdownTimeoutMs =
  Number(process.env.KEFU_SHUTDOWN_TIMEOUT_MS) > 0 ? Number(process.env.KEFU_SHUTDOWN_TIMEOUT_MS) : 10_000;
// Two server processes by default where there are two cores: one Node thread is what caps a single process (see the
// README's measurements), PostgreSQL and the rest take the other core's slack. One in development, and with the test
// clock (its offset is per process: a journey that moves it must meet the process it moved).
const defaultConcurrency = Math.min(availableParallelism(), 2);
const concurrency =
  dev || process.env.KEFU_TEST_CLOCK === '1'
    ? 1
    : Math.max(1, Math.floor(Number(process.env.KEFU_WEB_CONCURRENCY) || defaultConcurrency));

if (!process.env.NODE_ENV)
  console.warn('⚠ NODE_ENV is not set: React and Apollo run in development mode (npm start sets it)');
// The worker start-up in src/instrumentation.ts is for a bare `next start`; here the server starts them itself.
process.env.KEFU_HTTP_SERVER = '1';

/** Stops the process in order once, whatever asks first (a signal, the launcher or primary going away). */
function onStopRequest(stop: (reason: string) => Promise<void>) {
  let stopping: Promise<void> | null = null;
  const once = (reason: string) => void (stopping ??= stop(reason));
  process.on('SIGTERM', () => once('SIGTERM'));
  process.on('SIGINT', () => once('SIGINT'));
  // Started with an IPC channel (by the launcher, or as a cluster worker): when the parent is gone, so is the reason
  // to serve.
  if (process.send) process.on('disconnect', () => once('parent gone'));
}

async function runPrimary() {
  const { relayInvalidations } = await import('@/server/cache/invalidation');
  relayInvalidations();
  let stopping = false;
  const fork = (index: number) => {
    const worker = cluster.fork({ KEFU_WORKER_INDEX: String(index) });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`✖ server process ${index} exited (${signal ?? code}); starting another`);
      setTimeout(() => fork(index), 1_000).unref();
    });
  };
  for (let i = 0; i < concurrency; i++) fork(i);
  console.log(`▶ ${concurrency} server processes on port ${port}`);
  onStopRequest(async (reason) => {
    stopping = true;
    console.log(`▶ stopping ${concurrency} server processes (${reason})…`);
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
            setTimeout(() => {
              worker.process.kill('SIGKILL');
              resolve();
            }, shutdownTimeoutMs * 2).unref();
          }),
      ),
    );
    process.exit(0);
  });
}

async function runServer() {
  const [{ default: next }, { createApolloServer }, { disconnectPrisma, runAs }, { createAppHttpServer }] =
    await Promise.all([import('next'), import('@/graphql/server'), import('@/server/db'), import('./http-server')]);
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
  const index = Number(process.env.KEFU_WORKER_INDEX ?? 0);
  if (index === 0) console.log(`▶ ready on http://localhost:${port} (${dev ? 'development' : 'production'})`);

  const runsJobs = process.env.KEFU_WORKERS !== 'off' && index === 0;
  if (runsJobs) {
    const { startWorkers } = await import('@/server/queue/workers');
    // Everything the workers do runs on the jobs pool: their polling loops inherit this async context.
    runAs('jobs', () => startWorkers())
      .then(() =>
        console.log(
          `▶ background jobs: escalation sweep every minute, survey reminders every 15 minutes, mail ${process.env.SMTP_URL ? 'over SMTP' : 'logged only (SMTP_URL not set)'}`,
        ),
      )
      .catch((error: unknown) =>
        console.error('✖ background jobs did not start:', error instanceof Error ? error.message : error),
      );
  }

  const tag = concurrency > 1 ? `[server ${index}] ` : '';
  onStopRequest(async (reason) => {
    console.log(`▶ ${tag}stopping (${reason}): no new connections, draining ${http.inFlight()} request(s)…`);
    await http.drain(shutdownTimeoutMs);
    console.log(`▶ ${tag}drained`);
    if (runsJobs) {
      const { stopWorkers } = await import('@/server/queue/workers');
      await stopWorkers(shutdownTimeoutMs).catch((error: unknown) => console.error('[shutdown] workers:', error));
    }
    await apollo.stop().catch(() => undefined);
    // API-key usage is counted in process and written in batches: write what this process still holds.
    const { flushApiKeyUsage } = await import('@/server/auth/api-key-gate');
    await flushApiKeyUsage();
    await disconnectPrisma().catch(() => undefined);
    console.log(`▶ ${tag}stopped`);
    process.exit(0);
  });
}

(concurrency > 1 && cluster.isPrimary ? runPrimary() : runServer()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
