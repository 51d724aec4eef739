import PgBoss from 'pg-boss';
import type { Tx } from '@/server/db';

/**
 * The job queue: pg-boss on the application's own PostgreSQL (DATABASE_URL), in its own schema (`pgboss` unless
 * KEFU_QUEUE_SCHEMA says otherwise). Jobs are rows, so they survive a restart and any number of app instances share
 * them; a job is handed to one worker at a time (SELECT … FOR UPDATE SKIP LOCKED).
 */
export const QUEUES = {
  sendMail: 'send-mail',
  escalationSweep: 'escalation-sweep',
  /** The survey sweep (SPEC §6): invitations due, reminders to non-respondents, closing expired campaigns. */
  surveyReminders: 'survey-reminders',
} as const;

export type MailJob = {
  to: string;
  subject: string;
  text: string;
  /** What the mail is about, for the log line: e.g. the escalation id. */
  ref?: string;
};

type QueueState = { boss: PgBoss; schema: string; ready: Promise<PgBoss>; isStarted: () => boolean };
// On globalThis so `next dev` reloading this module does not start a second queue in the same process.
const globalForQueue = globalThis as unknown as { kefuQueue?: QueueState };

export function queueSchema(): string {
  return process.env.KEFU_QUEUE_SCHEMA ?? 'pgboss';
}

export type StartQueueOptions = {
  /** pg-boss schema; tests use one of their own so concurrent runs on one server do not take each other's jobs. */
  schema?: string;
  /** Run pg-boss's cron monitor (the `schedule`d jobs). Off in tests that drive the sweep themselves. */
  schedule?: boolean;
};

/**
 * Starts pg-boss once per process (installs or migrates its schema, creates the queues) and returns it. Later calls
 * return the same instance.
 */
export function startQueue(options: StartQueueOptions = {}): Promise<PgBoss> {
  const existing = globalForQueue.kefuQueue;
  if (existing) return existing.ready;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: the job queue lives in the application database');
  const schema = options.schema ?? queueSchema();
  const boss = new PgBoss({
    connectionString: url,
    schema,
    max: Number(process.env.KEFU_QUEUE_POOL_SIZE ?? 4),
    application_name: 'kefu-queue',
    schedule: options.schedule ?? true,
    // Check the cron table every 30 s so a once-a-minute schedule is never missed.
    cronMonitorIntervalSeconds: 30,
  });
  boss.on('error', (error: Error) => console.error('[queue] pg-boss error:', error.message));
  let started = false;
  const ready = (async () => {
    await boss.start();
    // Mail: retried with growing delays (30 s, 60 s, 120 s, …) while the SMTP server is unreachable.
    await boss.createQueue(QUEUES.sendMail, { name: QUEUES.sendMail, retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 });
    // The sweep: at most one queued and one running (stately), so a slow sweep never piles up behind itself.
    await boss.createQueue(QUEUES.escalationSweep, { name: QUEUES.escalationSweep, policy: 'stately', retryLimit: 0, expireInSeconds: 600 });
    // The survey sweep, likewise: one queued and one running at most.
    await boss.createQueue(QUEUES.surveyReminders, { name: QUEUES.surveyReminders, policy: 'stately', retryLimit: 0, expireInSeconds: 600 });
    started = true;
    return boss;
  })();
  const state: QueueState = { boss, schema, ready, isStarted: () => started };
  globalForQueue.kefuQueue = state;
  ready.catch(() => {
    if (globalForQueue.kefuQueue?.boss === boss) globalForQueue.kefuQueue = undefined;
  });
  return ready;
}

/** Stops the process's queue (waits for running jobs up to `timeoutMs`). */
export async function stopQueue(timeoutMs = 10_000): Promise<void> {
  const state = globalForQueue.kefuQueue;
  if (!state) return;
  globalForQueue.kefuQueue = undefined;
  await state.ready.catch(() => undefined);
  await state.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
}

/** pg-boss's SQL run on a Prisma transaction, so jobs are written (or not) together with the caller's rows. */
function onTransaction(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values.map((v) => v ?? null));
      return { rows };
    },
  };
}

/**
 * Enqueues mail jobs inside the caller's transaction: if the transaction rolls back, no mail goes out; once it
 * commits, the jobs are in PostgreSQL and survive a restart. Call `startQueue()` before opening the transaction:
 * starting pg-boss (installing its schema) from inside it would wait on the transaction's own locks — and on the
 * embedded database, whose single backend the transaction holds, until the transaction times out.
 */
export async function enqueueMail(tx: Tx, mails: readonly MailJob[]): Promise<void> {
  if (mails.length === 0) return;
  const state = globalForQueue.kefuQueue;
  if (!state?.isStarted()) throw new Error('enqueueMail: the queue is not started (await startQueue() before the transaction)');
  await state.boss.insert(
    mails.map((data) => ({ name: QUEUES.sendMail, data })),
    { db: onTransaction(tx) },
  );
}
