import 'server-only';
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Tx } from '@/server/db';

/**
 * The job queue: pg-boss on the application's own PostgreSQL (DATABASE_URL), in its own schema (`pgboss` unless
 * KEFU_QUEUE_SCHEMA says otherwise). Jobs are rows, so they survive a restart and any number of app instances share
 * them; a job is handed to one worker at a time (SELECT … FOR UPDATE SKIP LOCKED).
 */
export const QUEUES = {
  /** Mail to staff (escalation digests): its own worker, so it never waits behind a burst of customer mail. */
  staffMail: 'send-mail',
  /** Mail to customers: receipts of their records' steps, survey invitations and reminders. */
  customerMail: 'send-mail-customer',
  escalationSweep: 'escalation-sweep',
  /** The survey sweep (SPEC §6): invitations due, reminders to non-respondents, closing expired campaigns. */
  surveyReminders: 'survey-reminders',
  /** Upload temp files left by failed or crashed uploads, old SentMail rows. */
  housekeeping: 'housekeeping',
  /** The nightly key-account proposal (SPEC §2): candidates, downgrades and re-checks from the data. */
  keyAccountProposal: 'key-account-proposal',
  /** The periodic callback programmes (001 §6.2), daily: tasks for the customers of each segment that are due. */
  callbackProgrammes: 'callback-programmes',
  /** Webhook deliveries due (src/graphql/webhooks): the job only wakes the worker, the rows say what is due. */
  webhookDelivery: 'webhook-delivery',
  /** The periodic reports mailed to their subscribers (SPEC §9), each morning; a failed send fails the job (retried). */
  reportDelivery: 'report-delivery',
  /** Every customer's visit cycle recomputed after the visit rules changed (SPEC §7); the job reads the rules itself. */
  visitCycleRecompute: 'visit-cycle-recompute',
  /** The KPI rollup (ComplaintKpiFact): complaints marked since the last refresh recomputed, each minute. */
  kpiFactRefresh: 'kpi-fact-refresh',
} as const;

/** Which mail queue a mail goes to: every caller of enqueueMail chooses. */
export type MailQueue = 'staff' | 'customer';
export const MAIL_QUEUE_NAMES: Record<MailQueue, string> = { staff: QUEUES.staffMail, customer: QUEUES.customerMail };

export type MailJob = {
  to: string;
  subject: string;
  text: string;
  /** What the mail is about, for the log line: e.g. the escalation id. */
  ref?: string;
  /**
   * Idempotency key, recorded in SentMail once the SMTP server has accepted the mail: a job retried after a crash
   * finds it and does not send again. Jobs queued before keys existed use their job id.
   */
  key?: string;
};

/**
 * How long a sweep may take steps before it stops and queues a follow-up job for the rest: it bounds the sweep's
 * real duration, so its expiry below can be short.
 */
export const SWEEP_BUDGET_MS = 15_000;
/**
 * A sweep job still active after this long is taken for dead (its process crashed) and retried: the budget plus room
 * for the step or page in flight when it ran out. A live sweep that overruns it is harmless — steps are taken once
 * whatever runs concurrently (see escalation.service.ts) — it only costs a second sweep.
 */
export const SWEEP_EXPIRE_SECONDS = 30;
/**
 * How often pg-boss fails expired jobs (its maintenance, once per interval for the whole cluster). With the expiry
 * above and the sweeps' 5 s retry delay, a sweep whose process died is retried within 30 + 10 + 5 s + one poll (2 s)
 * of its start: under a minute.
 */
export const MAINTENANCE_INTERVAL_SECONDS = 10;
/** A batch of mails is bounded by the SMTP timeouts (mailer.ts); a crashed one is retried after this. */
export const MAIL_EXPIRE_SECONDS = 60;

type QueueState = { boss: PgBoss; schema: string; ready: Promise<PgBoss>; isStarted: () => boolean };
// On globalThis so `next dev` reloading this module — or a second copy of the server modules in the same process —
// does not start a second queue.
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

/** The queues and their policies; createQueue leaves an existing queue as it is, so they are also applied with updateQueue. */
const QUEUE_OPTIONS: [string, Omit<PgBoss.Queue, 'name'>][] = [
  // Mail: retried with growing delays (30 s, 60 s, 120 s, …) while the SMTP server is unreachable.
  [QUEUES.staffMail, { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: MAIL_EXPIRE_SECONDS }],
  [QUEUES.customerMail, { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: MAIL_EXPIRE_SECONDS }],
  // The sweeps: at most one queued and one running (stately), so a slow sweep never piles up behind itself; a sweep
  // that died is retried (a retry waits in a slot of its own) 5 s after its expiry.
  [QUEUES.escalationSweep, { policy: 'stately', retryLimit: 2, retryDelay: 5, expireInSeconds: SWEEP_EXPIRE_SECONDS }],
  [QUEUES.surveyReminders, { policy: 'stately', retryLimit: 2, retryDelay: 5, expireInSeconds: SWEEP_EXPIRE_SECONDS }],
  [QUEUES.housekeeping, { policy: 'stately', retryLimit: 0, expireInSeconds: 600 }],
  // One statement per kind of proposal, idempotent: a failed night is simply retried.
  [QUEUES.keyAccountProposal, { policy: 'stately', retryLimit: 2, retryDelay: 60, expireInSeconds: 900 }],
  // Idempotent by its unique occurrence key: a failed or repeated run creates nothing twice.
  [QUEUES.callbackProgrammes, { policy: 'stately', retryLimit: 2, retryDelay: 60, expireInSeconds: 900 }],
  // A wake-up call: the delivery rows carry their own retry schedule, so a failed run is simply the next one.
  [QUEUES.webhookDelivery, { retryLimit: 0, expireInSeconds: 120 }],
  // Idempotent by its delivery table: a retry (5, 10, 20 min …) sends only what is still unsent or failed.
  // One queued and one running at most: a change made while one runs is picked up by the queued one (it reads the
  // newest rules); idempotent, so a crashed run is simply run again.
  [QUEUES.visitCycleRecompute, { policy: 'stately', retryLimit: 2, retryDelay: 30, expireInSeconds: 1800 }],
  // Idempotent (marks are removed only with the facts written): one queued and one running; a bulk refresh takes
  // SWEEP_BUDGET_MS slices and queues its follow-up, its last slice the set-based repeat pass (minutes at 1M records).
  [QUEUES.kpiFactRefresh, { policy: 'stately', retryLimit: 2, retryDelay: 30, expireInSeconds: 900 }],
  [
    QUEUES.reportDelivery,
    { policy: 'stately', retryLimit: 4, retryDelay: 300, retryBackoff: true, expireInSeconds: 900 },
  ],
];

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
    maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
  });
  boss.on('error', (error: Error) => console.error('[queue] pg-boss error:', error.message));
  let started = false;
  const ready = (async () => {
    await boss.start();
    await createQueues(boss);
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

/** Creates the queues, or brings an existing queue's policy up to date (expiry, retries). */
export async function createQueues(boss: PgBoss): Promise<void> {
  for (const [name, options] of QUEUE_OPTIONS) {
    await boss.createQueue(name, { name, ...options });
    await boss.updateQueue(name, { name, ...options });
  }
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
 * commits, the jobs are in PostgreSQL and survive a restart. `queue` says who the mail is for: staff mail has a
 * worker of its own and never waits behind customer mail. Each mail gets an idempotency key (see MailJob.key). Call
 * `startQueue()` before opening the transaction: starting pg-boss (installing its schema) from inside it would wait
 * on the transaction's own locks — and on the embedded database, whose single backend the transaction holds, until
 * the transaction times out.
 */
export async function enqueueMail(tx: Tx, queue: MailQueue, mails: readonly MailJob[]): Promise<void> {
  if (mails.length === 0) return;
  const state = globalForQueue.kefuQueue;
  if (!state?.isStarted())
    throw new Error('enqueueMail: the queue is not started (await startQueue() before the transaction)');
  await state.boss.insert(
    mails.map((mail) => ({ name: MAIL_QUEUE_NAMES[queue], data: { ...mail, key: mail.key ?? randomUUID() } })),
    { db: onTransaction(tx) },
  );
}

/**
 * Inserts jobs inside the caller's transaction when this process's queue is started (they exist only if it commits);
 * returns false when it is not started (embedded database, a script) — the caller's rows then wait for the next run
 * of the job's schedule.
 */
export async function enqueueInTransaction(
  tx: Tx,
  jobs: readonly { name: string; data?: object; startAfter?: Date }[],
): Promise<boolean> {
  const state = globalForQueue.kefuQueue;
  if (!state?.isStarted() || jobs.length === 0) return false;
  await state.boss.insert(
    jobs.map((job) => ({
      name: job.name,
      data: job.data ?? {},
      ...(job.startAfter ? { startAfter: job.startAfter } : {}),
    })),
    { db: onTransaction(tx) },
  );
  return true;
}

/** Sends a job outside any transaction when the queue is started (a retry's wake-up); false when it is not. */
export async function sendWhenStarted(name: string, data: object, startAfter?: Date): Promise<boolean> {
  const state = globalForQueue.kefuQueue;
  if (!state?.isStarted()) return false;
  await state.boss.send(name, data, startAfter ? { startAfter } : {});
  return true;
}
