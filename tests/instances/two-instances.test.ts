import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture } from '../helpers/smtp';

/**
 * Two production instances of Kefu (`node scripts/start.mjs` with the flags `npm start` gives it) on one PostgreSQL database, each
 * with its own data folder (so nothing can be shared through the disk) and the same NEXTAUTH_SECRET, as behind a load
 * balancer. Proves that a file uploaded through one is claimed and downloaded through the other, that a session made on
 * one is honoured by the other, that the upload rate limit counts across both, that a mail is sent once, and that the
 * escalation sweep runs once per minute in total.
 *
 * INSTANCES_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/kefu_instances) is DROPPED and created afresh.
 * INSTANCES_PORTS (default 3101,3102). Building: the first instance builds .next when it is missing or stale.
 */
const root = resolve(import.meta.dirname, '../..');
const databaseUrl = process.env.INSTANCES_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/kefu_instances';
const [portA, portB] = (process.env.INSTANCES_PORTS ?? '3101,3102').split(',').map(Number) as [number, number];
/** Full minutes of both instances running over which the sweep jobs are counted. */
const SWEEP_MINUTES = Number(process.env.INSTANCES_SWEEP_MINUTES ?? 2);
const UPLOAD_LIMIT = 3;
const secret = randomBytes(32).toString('base64url');
const logDir = mkdtempSync(join(tmpdir(), 'kefu-instances-'));

type Instance = { name: string; url: string; child: ChildProcess; log: string; startedAt: Date };
let a: Instance;
let b: Instance;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let db: pg.Pool;
let bothUpAt: Date;

async function recreateDatabase() {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`INSTANCES_DATABASE_URL names an odd database: ${name}`);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

async function startInstance(name: string, port: number): Promise<Instance> {
  const url = `http://127.0.0.1:${port}`;
  const log = join(logDir, `${name}.log`);
  const out = createWriteStream(log);
  // What this shell may have set for another purpose does not leak in: defaults for storage, workers, queue schema.
  const inherited = { ...process.env };
  for (const name of ['KEFU_STORAGE', 'KEFU_WORKERS', 'KEFU_QUEUE_SCHEMA', 'KEFU_TEST_CLOCK', 'KEFU_WEB_CONCURRENCY'])
    delete inherited[name];
  const child = spawn(process.execPath, ['--experimental-wasm-modules', '--no-warnings', 'scripts/start.mjs'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      KEFU_DATA_DIR: mkdtempSync(join(tmpdir(), `kefu-instance-${name}-`)),
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: url,
      SMTP_URL: smtp.url,
      UPLOAD_LIMIT_PER_IP: String(UPLOAD_LIMIT),
      NODE_ENV: 'production',
    },
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const startedAt = new Date();
  // The first start may build (minutes on a busy machine).
  const deadline = Date.now() + 25 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${tail(log)}`);
    const up = await fetch(`${url}/api/auth/csrf`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    // Up, and its queue workers started (they start right after the server listens).
    if (up?.ok && readFileSync(log, 'utf8').includes('▶ background jobs:')) break;
    if (Date.now() > deadline) throw new Error(`${name} did not start:\n${tail(log)}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return { name, url, child, log, startedAt };
}

const tail = (log: string) => readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');

function stopInstance(instance: Instance | undefined): Promise<void> {
  const child = instance?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    process.kill(-child.pid!, 'SIGTERM');
  });
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]!);

/** Signs in through next-auth as a browser does; returns the session cookie. */
async function signIn(url: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf).join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${url}/console`, json: 'true' }),
  });
  const session = cookiesOf(response).find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`signing in ${email} failed: HTTP ${response.status}`);
  return session;
}

const upload = (url: string, fileName: string, bytes: Buffer) =>
  fetch(`${url}/api/uploads`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) },
    body: new Uint8Array(bytes),
  });

async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, cookie?: string) {
  const response = await fetch(`${url}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!response.ok || body.errors) throw new Error(`GraphQL ${response.status}: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

beforeAll(async () => {
  await recreateDatabase();
  db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  smtp = await startSmtpCapture();
  // One after the other: the first applies the migrations, seeds the demo data and builds when needed.
  a = await startInstance('a', portA);
  b = await startInstance('b', portB);
  bothUpAt = new Date();
  console.log(`[instances] a: ${a.url}, b: ${b.url}, logs in ${logDir}`);
});

afterAll(async () => {
  await Promise.all([stopInstance(a), stopInstance(b)]);
  await db?.end();
  await smtp?.stop();
});

describe('two instances on one PostgreSQL database', () => {
  let sessionFromA = '';

  it('a session made on A is honoured by B', async () => {
    sessionFromA = await signIn(a.url, 'admin@kefu.demo', 'kefu-demo-2026');
    const onB = (await (await fetch(`${b.url}/api/auth/session`, { headers: { cookie: sessionFromA } })).json()) as {
      user?: { email?: string };
    };
    expect(onB.user?.email).toBe('admin@kefu.demo');
  });

  it('a file uploaded through A is claimed by a submission through B and downloaded through B (and A); the mail is sent once', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1_500_000)]);
    const uploaded = await upload(a.url, '检测报告.pdf', bytes);
    expect(uploaded.status).toBe(201);
    const { token } = (await uploaded.json()) as { token: string };

    const { submitInteraction } = await graphql<{
      submitInteraction: { id: string; number: string; attachments: { id: string; sizeBytes: number }[] };
    }>(
      b.url,
      `
        mutation ($input: SubmitInteractionInput!) {
          submitInteraction(input: $input) {
            id
            number
            attachments {
              id
              sizeBytes
            }
          }
        }
      `,
      {
        input: {
          idempotencyKey: randomUUID(),
          type: 'COMPLAINT',
          subject: '两个实例',
          description: '经 A 上传、经 B 提交',
          companyName: '临时访客公司',
          contactName: '王先生',
          contactPhone: '138 0013 8000',
          contactEmail: 'visitor@instances.test',
          attachments: [{ uploadToken: token }],
        },
      },
    );
    expect(submitInteraction.attachments).toEqual([{ id: expect.any(String), sizeBytes: bytes.length }]);

    const path = `/api/interactions/${submitInteraction.id}/attachments/${submitInteraction.attachments[0]!.id}`;
    for (const instance of [b, a]) {
      const download = await fetch(`${instance.url}${path}`, { headers: { cookie: sessionFromA } });
      expect(download.status, instance.name).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(bytes), instance.name).toBe(true);
    }

    // The acknowledgement: one mail job, taken by one of the two instances' workers, one message at the SMTP server.
    const ours = () => smtp.messages.filter((m) => m.subject.includes(submitInteraction.number));
    const deadline = Date.now() + 60_000;
    while (ours().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(ours()).toHaveLength(1);
    // Both instances poll the mail queue every couple of seconds: give a second sender time to show itself.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.to).toEqual(['visitor@instances.test']);
    const sent = await db.query(`SELECT count(*)::int AS n FROM "SentMail" WHERE subject LIKE $1`, [
      `%${submitInteraction.number}%`,
    ]);
    expect(sent.rows[0].n).toBe(1);
  });

  it('the upload rate limit counts the uploads of both instances together', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    // One upload was made above through A; UPLOAD_LIMIT in all, whichever instance takes them.
    for (let i = 1; i < UPLOAD_LIMIT; i++) expect((await upload(i % 2 ? b.url : a.url, 'x.pdf', pdf)).status).toBe(201);
    const refusedByB = await upload(b.url, 'x.pdf', pdf);
    expect(refusedByB.status).toBe(429);
    expect(refusedByB.headers.get('retry-after')).toBeTruthy();
    expect((await upload(a.url, 'x.pdf', pdf)).status).toBe(429);
  });

  it(
    `the escalation sweep runs once per minute in total over ${SWEEP_MINUTES} minute(s), not once per instance`,
    async () => {
      // Both instances run the queue workers and pg-boss's cron monitor (their logs say so).
      for (const instance of [a, b]) expect(readFileSync(instance.log, 'utf8')).toContain('▶ background jobs:');
      // The window: whole minutes, all after both were up; wait until the last minute's tick has been sent and run (the
      // cron monitors look every 30 s) and a duplicate would have had time to appear.
      const { rows: clock } = await db.query<{ now: Date }>('SELECT now()');
      const upAt = Math.max(bothUpAt.getTime(), clock[0]!.now.getTime() - 1_000);
      const from = new Date(Math.ceil(upAt / 60_000) * 60_000);
      const to = new Date(from.getTime() + SWEEP_MINUTES * 60_000);
      const waitMs = to.getTime() + 50_000 - Date.now();
      console.log(`[instances] counting sweep jobs ${from.toISOString()} – ${to.toISOString()} (waiting ${waitMs} ms)`);
      await new Promise((r) => setTimeout(r, waitMs));
      // pg-boss turns each cron tick into one `__pgboss__send-it` job (singleton key = the queue, slot = the minute), whose
      // worker then sends the sweep job (singleton_on: a UTC time without zone): one per tick means every instance's monitor agreed on who sends it.
      const { rows: ticks } = await db.query<{ slot: Date; n: number; created: Date; completed: Date | null }>(
        `SELECT singleton_on AT TIME ZONE 'UTC' AS slot, count(*)::int AS n, min(created_on) AS created, max(completed_on) AS completed
         FROM pgboss.job WHERE name = '__pgboss__send-it' AND data->>'name' = 'escalation-sweep'
          AND singleton_on AT TIME ZONE 'UTC' >= $1 AND singleton_on AT TIME ZONE 'UTC' < $2
        GROUP BY 1 ORDER BY 1`,
        [from, to],
      );
      // And the sweep jobs those ticks sent: exactly one each (none from an instance acting on its own), all completed.
      const { rows: sweeps } = await db.query<{ created: Date; state: string }>(
        `SELECT created_on AS created, state FROM pgboss.job
        WHERE name = 'escalation-sweep' AND created_on >= $1 AND created_on <= $2 ORDER BY 1`,
        [ticks[0]?.created ?? from, ticks.at(-1)?.completed ?? to],
      );
      console.log(`[instances] ticks: ${JSON.stringify(ticks)}; sweep jobs: ${JSON.stringify(sweeps)}`);
      expect(ticks.map((t) => [t.slot.toISOString(), t.n])).toEqual(
        Array.from({ length: SWEEP_MINUTES }, (_, i) => [new Date(from.getTime() + i * 60_000).toISOString(), 1]),
      );
      expect(sweeps).toHaveLength(SWEEP_MINUTES);
      expect(sweeps.every((job) => job.state === 'completed')).toBe(true);
    },
    8 * 60_000,
  );
});
