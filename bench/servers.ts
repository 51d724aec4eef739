// The two servers of the load phase — the real app (`npm start`, a production build) and the raw baseline — and the
// credentials the scenarios send: an API key stored as the app stores keys, and staff sessions obtained through
// next-auth's credentials sign-in with its CSRF token, as a browser signs in.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import type pg from 'pg';

export const root = resolve(import.meta.dirname, '..');

export type RunningServer = { name: string; url: string; pid: number | null; stop: () => Promise<void> };

/** Ends a process group the bench started (its own child and whatever that started), gently and then firmly. */
function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const kill = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      clearTimeout(kill);
      done();
    }
  });
}

async function waitFor(url: string, child: ChildProcess | null, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`the server exited with ${child.exitCode} before answering (see ${logFile})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (see ${logFile})`);
}

/**
 * The app: BENCH_APP_URL when one is already running, else `npm start` on BENCH_APP_PORT with DATABASE_URL set to the
 * bench database (npm start builds first when the build is stale — minutes, once). Its output goes to a log file.
 */
export async function startApp(options: {
  appUrl: string | null;
  appPid: number | null;
  port: number;
  databaseUrl: string;
  secret: string;
  workers: string;
  logDir: string;
  log: (line: string) => void;
}): Promise<RunningServer> {
  if (options.appUrl)
    return { name: 'app', url: options.appUrl.replace(/\/$/, ''), pid: options.appPid, stop: async () => undefined };
  const url = `http://127.0.0.1:${options.port}`;
  const logFile = join(options.logDir, 'app.log');
  const out = createWriteStream(logFile);
  options.log(
    `starting the app: npm start on ${url} (KEFU_WORKERS=${options.workers}; output in ${logFile}; builds first if the build is stale)`,
  );
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      KEFU_WORKERS: options.workers,
      NEXTAUTH_SECRET: options.secret,
      NEXTAUTH_URL: url,
    },
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  await waitFor(`${url}/api/auth/csrf`, child, 20 * 60_000, logFile);
  return { name: 'app', url, pid: child.pid!, stop: () => stopGroup(child) };
}

/** The raw baseline (bench/raw-server.ts) in a process of its own, with the app's pool size. */
export async function startRaw(options: {
  port: number;
  databaseUrl: string;
  secret: string;
  poolSize: number;
  logDir: string;
}): Promise<RunningServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const logFile = join(options.logDir, 'raw.log');
  const out = createWriteStream(logFile);
  // tsx, and the no-op 'server-only' the server modules import (scripts/server-only-noop.mjs).
  const nodeArgs = ['--import', 'tsx', '--import', './scripts/server-only-noop.mjs'];
  const child = spawn(process.execPath, [...nodeArgs, 'bench/raw-server.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      RAW_PORT: String(options.port),
      RAW_POOL: String(options.poolSize),
      NEXTAUTH_SECRET: options.secret,
    },
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  await new Promise<void>((ready, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) ready();
    });
    child.once('exit', (code) => fail(new Error(`the raw server exited with ${code} (see ${logFile})`)));
  });
  return { name: 'raw', url, pid: child.pid!, stop: () => stopGroup(child) };
}

/**
 * An API key as an administrator would create it: only its SHA-256 is stored (src/server/auth/api-keys.ts). Its rate
 * limit is BENCH_API_KEY_LIMIT a minute (default 1,000,000 — above the 10,000 the admin screen allows, so the load
 * phase is never refused while the limiter still runs: one lease per 200 calls, src/server/auth/rate-limit.ts).
 */
export async function createApiKey(db: pg.Pool, scopes: readonly string[]): Promise<string> {
  const key = `kf_${randomBytes(24).toString('base64url')}`;
  const limit = Number(process.env.BENCH_API_KEY_LIMIT ?? 1_000_000);
  await db.query(
    `INSERT INTO "ApiKey" (id, name, prefix, "keyHash", scopes, "rateLimitPerMinute")
     VALUES (gen_random_uuid(), 'bench', $1, $2, $3, $4)`,
    [key.slice(0, 10), createHash('sha256').update(key).digest('hex'), scopes, limit],
  );
  return key;
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]!);

/** Signs in through next-auth as a browser does (CSRF token, credentials callback); returns the session cookie. */
export async function signIn(appUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf).join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${appUrl}/console`, json: 'true' }),
  });
  const session = cookiesOf(response).find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`signing in ${email} failed: HTTP ${response.status} ${await response.text()}`);
  const check = (await (await fetch(`${appUrl}/api/auth/session`, { headers: { cookie: session } })).json()) as {
    user?: { email?: string };
  };
  if (check.user?.email !== email)
    throw new Error(`the session of ${email} is not recognised: ${JSON.stringify(check)}`);
  return session;
}
