// npm start — serves Kefu on http://localhost:3000 with nothing else to set up:
//   no DATABASE_URL → embedded PostgreSQL (PGlite, data in ./.data/pglite) served on a local port from this process,
//   under an OS-level lock of the data folder, with a control socket for `npm run backup`;
//   migrations applied; demo data loaded on first run; production build made when missing or stale; demo logins printed.
// npm run dev — the same, with `next dev` instead of a production build.
//
// Stopping — SIGINT, SIGTERM, the web server exiting, or the parent (npm) gone — is ordered: the web server is asked to
// stop (SIGTERM: it stops accepting, drains its requests, stops the queue workers and closes its pool) and waited for;
// only then is the embedded database closed and its lock released. The other order leaves a web server that answers
// every request with HTTP 500 while it lasts.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveControl } from './db/control.mjs';
import { dataDirPaths } from './db/data-dir.mjs';
import { applyMigrations, root } from './db/engine.mjs';
import { startEmbedded } from './db/embedded.mjs';
import { DataDirLockedError, lockDataDir } from './db/lock.mjs';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
// KEFU_DATA_DIR: where the embedded database, the generated auth secret and the uploads live (the e2e suite uses its own).
const paths = dataDirPaths();
const bin = (name) => join(root, 'node_modules/.bin', name);
// The web server. It is spawned with an IPC channel and stops on SIGTERM/SIGINT, or by itself when the channel closes
// because this launcher is gone (killed with -9): it must never outlive the database it serves.
// It is the app's own HTTP server (src/server/http/main.ts: Next for pages, Apollo directly for /api/graphql), loaded
// with tsx; it drains within KEFU_SHUTDOWN_TIMEOUT_MS (10 s).
// scripts/server-only-noop.mjs lets the server modules' `import 'server-only'` load outside Next's bundler.
const serverCommand = [
  process.execPath,
  '--import',
  'tsx',
  '--import',
  './scripts/server-only-noop.mjs',
  'src/server/http/main.ts',
  ...(dev ? ['--dev'] : []),
];
// How long the web server may take to drain and stop before it is killed; longer than its own drain bound.
const SERVER_STOP_TIMEOUT_MS = 20_000;

let child = null; // the step running now (seed, build) or the web server
let embedded = null;
let lock = null;
let control = null;
let stopping = null;

function exited(proc, timeoutMs) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => resolveExit(false), timeoutMs);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });
}

/** Stops everything in order (once, however often it is called) and exits with `code`. */
function stop(reason, code) {
  stopping ??= (async () => {
    console.log(`▶ stopping (${reason})…`);
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await exited(child, SERVER_STOP_TIMEOUT_MS))) {
        console.error(
          `✖ ${child.spawnargs.slice(0, 2).join(' ')} did not stop within ${SERVER_STOP_TIMEOUT_MS / 1000} s: killed`,
        );
        child.kill('SIGKILL');
        await exited(child, 5_000);
      }
    }
    await control?.close();
    await embedded?.stop().catch((error) => console.error('✖ closing the embedded database:', error));
    lock?.release();
    console.log('▶ stopped');
    process.exit(code);
  })();
  return stopping;
}

// npm forwards SIGINT and SIGTERM to its script's process, and the scripts `exec` node, so that process is this one.
// (Through `sh -c` without exec, SIGINT to npm reached only sh, which ignores it, and SIGTERM killed sh and npm and left
// this process running, orphaned.)
process.on('SIGINT', () => void stop('SIGINT', 0));
process.on('SIGTERM', () => void stop('SIGTERM', 0));
process.on('SIGHUP', () => void stop('SIGHUP', 0));
// npm killed outright (-9) tells nobody: this process is re-parented, which it notices here.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) void stop(`its parent process ${parentPid} is gone`, 0);
}, 500).unref();

function run(cmd, args, env) {
  return new Promise((resolveRun, reject) => {
    child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code, signal) =>
      code === 0 ? resolveRun() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`)),
    );
  });
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIsStale() {
  const buildId = join(root, '.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const inputs = ['src', 'messages', 'prisma/schema.prisma', 'next.config.js', 'package-lock.json'].map((p) =>
    newestMtime(join(root, p)),
  );
  return Math.max(...inputs) > built;
}

/** A stable NEXTAUTH_SECRET for the embedded set-up, so sessions survive a restart (and a backup carries it). */
function authSecret() {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  mkdirSync(paths.base, { recursive: true });
  const file = paths.secret('nextauth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

let url = process.env.DATABASE_URL;
if (!url) {
  try {
    lock = lockDataDir(paths, dev ? 'npm run dev' : 'npm start');
  } catch (error) {
    console.error(error instanceof DataDirLockedError ? `✖ ${error.message}` : error);
    process.exit(1);
  }
  embedded = await startEmbedded({
    dataDir: paths.pglite,
    port: process.env.EMBEDDED_DB_PORT ? Number(process.env.EMBEDDED_DB_PORT) : undefined,
  });
  url = embedded.url;
  console.log(`▶ embedded PostgreSQL (PGlite, ${paths.pglite}) at ${url}`);
  try {
    control = await serveControl(paths, {
      async dump() {
        const started = Date.now();
        const bytes = await embedded.dumpDataDir();
        console.log(
          `▶ backup: embedded database copied (${(bytes.length / 1048576).toFixed(1)} MB; queries waited ${Date.now() - started} ms)`,
        );
        return bytes;
      },
    });
  } catch (error) {
    console.error(
      `! no control socket at ${paths.control} (${error.message}): npm run backup cannot reach this instance`,
    );
  }
} else {
  console.log('▶ using the PostgreSQL server in DATABASE_URL');
}

const env = {
  ...process.env,
  DATABASE_URL: url,
  KEFU_DATA_DIR: paths.base,
  NEXTAUTH_SECRET: authSecret(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  PORT: String(port),
  NEXT_TELEMETRY_DISABLED: '1',
  // `next start` would set it; our own server must, or React and Apollo run in their slow development modes.
  NODE_ENV: dev ? 'development' : 'production',
};

try {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `▶ migrations applied: ${applied.join(', ')}` : '▶ database schema is up to date');
  await run(bin('tsx'), ['--import', './scripts/server-only-noop.mjs', 'scripts/seed.ts'], env);
  if (!dev && (process.env.KEFU_FORCE_BUILD === '1' || buildIsStale())) {
    console.log('▶ building the production bundle (first start, or sources changed)…');
    await run(bin('next'), ['build'], env);
  }
} catch (error) {
  if (!stopping) console.error(error);
  await stop('start-up failed', 1);
}

// A signal during the last step: stop() is under way and must not find a web server it never asked to stop.
if (stopping) await stopping;
child = spawn(serverCommand[0], serverCommand.slice(1), {
  cwd: root,
  env,
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
});
child.on('exit', (code, signal) => void stop(`the web server exited (${code ?? signal})`, code ?? 1));

const { DEMO_LOGINS, DEMO_PASSWORD } = {
  DEMO_PASSWORD: 'kefu-demo-2026',
  DEMO_LOGINS: [
    ['console', 'admin@kefu.demo', '系统管理员 admin'],
    ['console', 'agent@kefu.demo', '客服专员 service agent'],
    ['console', 'quality@kefu.demo', '质量经理 quality manager'],
    ['console', 'handler@kefu.demo', '责任部门 department handler'],
    ['console', 'manager@kefu.demo', '客服部部长 service manager'],
    ['console', 'executive@kefu.demo', '总经理 executive'],
    ['portal', 'customer@kefu.demo', '客户 customer (华东精密汽配有限公司)'],
  ],
};
console.log(`
┌ Kefu 客服通 — http://localhost:${port}
│ console: http://localhost:${port}/console   portal: http://localhost:${port}/portal
│ demo logins (password: ${DEMO_PASSWORD})
${DEMO_LOGINS.map(([where, email, who]) => `│   ${where.padEnd(8)} ${email.padEnd(22)} ${who}`).join('\n')}
└`);
