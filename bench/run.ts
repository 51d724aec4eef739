// npm run bench — Kefu over a company's history (bench/history.ts: 100,000 customers, 1,000,000 interactions, 350,000
// complaints of which 15,000 open, callbacks, notifications, history), then:
//   1. the customer list in process (bench/customers.ts)                                   BENCH_LIST=off skips it
//   2. the complaint work queues in process (bench/complaints.ts)                          BENCH_QUEUES=off
//   3. the load phase: 50 connections against a raw pg + node:http baseline and the real
//      /api/graphql of `npm start`, scenario by scenario (bench/load.ts)                   BENCH_LOAD=off
//   4. the survey analysis over 100,000 responses (bench/surveys.ts)                       BENCH_SURVEYS=off
// BENCH_DATABASE_URL names a PostgreSQL database the bench wipes and fills (its public schema); without it the
// sections run on an in-memory embedded database at a tenth of the size and the load phase is skipped. Sizes, the
// load phase's settings and the other switches: bench/config.ts and README § Benchmarks. The figures are printed and
// written to bench/results/<time>.json (the app's and the baseline's output to bench/results/<time>-logs/).
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { readConfig } from './config';
import { checkHistory, loadHistory, tableCounts } from './history';
import { loadAverage } from './proc';
import { root } from './servers';

type Embedded = { url: string; stop: () => Promise<void> };

async function main() {
  const cfg = readConfig();
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const resultsDir = join(root, 'bench/results');
  const logDir = join(resultsDir, `${stamp}-logs`);
  mkdirSync(logDir, { recursive: true });
  const log = (line: string) => console.log(line);
  const results: Record<string, unknown> = {
    startedAt: startedAt.toISOString(),
    machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), loadAverageAtStart: loadAverage() },
  };

  let embedded: Embedded | undefined;
  let url = cfg.databaseUrl;
  if (!url) {
    // @ts-expect-error — plain ESM helper shared with npm start, no type declarations
    const { startEmbedded } = (await import('../scripts/db/embedded.mjs')) as {
      startEmbedded: () => Promise<Embedded>;
    };
    embedded = await startEmbedded();
    url = embedded.url;
  }
  log(
    `Kefu bench on ${embedded ? 'an embedded database (PGlite, in memory)' : `PostgreSQL ${url.replace(/\/\/[^@]*@/, '//')}`}, ${cpus().length} CPUs, load average ${loadAverage().join(' ')}`,
  );

  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  if (cfg.reuse) {
    const counts = await tableCounts(admin);
    if (!counts.Customer) throw new Error('BENCH_REUSE=1 but the database holds no history: run once without it');
    results.history = { reused: true, counts, checks: await checkHistory(admin, new Date()) };
    log(`reusing the loaded history: ${JSON.stringify(counts)}`);
  } else {
    await admin.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    await promisify(execFile)(
      process.execPath,
      ['--experimental-wasm-modules', '--no-warnings', 'scripts/db/migrate.mjs'],
      { cwd: root, env: { ...process.env, DATABASE_URL: url } },
    );
    log(
      `\nloading the history (scale ${cfg.scale}: ${Object.entries(cfg.sizes)
        .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
        .join(', ')})`,
    );
    const history = await loadHistory(admin, cfg.sizes, new Date(), log);
    results.history = history;
    log(`loaded in ${history.seconds.toFixed(0)} s: ${JSON.stringify(history.counts)}`);
    log(`shape: ${JSON.stringify(history.checks)}`);
  }
  await admin.end();

  results.config = {
    scale: cfg.scale,
    sizes: cfg.sizes,
    sections: cfg.sections,
    load: { ...cfg.load, appUrl: cfg.load.appUrl ? 'given' : null },
  };
  process.env.DATABASE_URL = url;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const { prisma, disconnectPrisma } = await import('@/server/db');
  try {
    if (cfg.sections.customers) {
      log('\n— customer list (in process, one user) —');
      const { benchCustomerList } = await import('./customers');
      results.customerList = await benchCustomerList(log);
    }
    if (cfg.sections.queues) {
      log('\n— complaint work queues (in process, one user) —');
      const { benchComplaintQueues } = await import('./complaints');
      results.complaintQueues = await benchComplaintQueues(pool, log);
    }
    if (cfg.sections.load && embedded)
      log('\n(load phase skipped: it needs a PostgreSQL server — set BENCH_DATABASE_URL)');
    else if (cfg.sections.load) {
      log(
        `\n— load phase: ${cfg.load.connections} connections, ${cfg.load.warmupSeconds} s warm-up + ${cfg.load.durationSeconds} s per side —`,
      );
      const { runLoadPhase } = await import('./load');
      results.load = await runLoadPhase(cfg, pool, url, logDir, log);
    }
    if (cfg.sections.surveys) {
      log('\n— survey analysis (in process, one user) —');
      const { benchSurveys } = await import('./surveys');
      results.surveys = await benchSurveys(prisma, cfg.surveyResponses, log);
    }
  } finally {
    results.finishedAt = new Date().toISOString();
    const file = join(resultsDir, `${stamp}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    log(`\nresults: ${file}`);
    await pool.end();
    await disconnectPrisma();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
