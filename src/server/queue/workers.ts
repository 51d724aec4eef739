import 'server-only';
import type PgBoss from 'pg-boss';
import { forgetReads } from '@/server/cache/read-cache';
import { now as clockNow } from '@/server/clock';
import { prisma } from '@/server/db';
import {
  deliverDueWebhooks,
  mailDueNotices,
  runEscalationSweep,
  runKeyAccountProposal,
  runCallbackProgrammes,
  runKpiFactRefresh,
  runReportDeliveries,
  runSurveySweep,
  runVisitCycleRecompute,
} from '@/server/domain-registry';
import { sendMail, smtpConnections } from '@/server/mail/mailer';
import {
  MAIL_QUEUE_NAMES,
  QUEUES,
  startQueue,
  stopQueue,
  SWEEP_BUDGET_MS,
  type MailJob,
  type MailQueue,
  type StartQueueOptions,
} from './boss';
import { runHousekeeping } from './housekeeping';

/** Data of a sweep job: the scheduled job carries none (the sweep uses the current time). */
export type SweepJob = { now?: string };

export type WorkerOptions = StartQueueOptions & {
  /** How often an idle worker looks for jobs (pg-boss default 2 s; at least 0.5 s). */
  pollingIntervalSeconds?: number;
  /** Cron of the escalation sweep (UTC); null: no schedule (tests send sweep jobs themselves). */
  sweepCron?: string | null;
  /** Cron of the survey sweep (UTC); default every 15 minutes; null: no schedule. */
  surveyCron?: string | null;
  /** Cron of the housekeeping job (UTC); default hourly; null: no schedule. */
  housekeepingCron?: string | null;
  /** Cron of the key-account proposal (Asia/Shanghai); default 02:30 nightly; null: no schedule. */
  keyAccountCron?: string | null;
  /** The callback programmes' daily run (default 03:00 Asia/Shanghai); null: not scheduled. */
  callbackProgrammeCron?: string | null;
  /** Cron of the webhook delivery safety net (UTC); default every minute; null: no schedule. */
  webhookCron?: string | null;
  /** Cron of the periodic report delivery (Asia/Shanghai); default 08:00 daily; null: no schedule. */
  reportDeliveryCron?: string | null;
  /** Cron of the KPI rollup refresh (UTC); default every minute; null: no schedule. */
  kpiFactCron?: string | null;
};

/**
 * Mail jobs a worker takes per fetch and sends at once over the SMTP pool (MAIL_BATCH_SIZE, default five per SMTP
 * connection, so every connection has its next messages waiting and the fetch/complete round trips are few).
 */
export function mailBatchSize(): number {
  const n = Number(process.env.MAIL_BATCH_SIZE ?? smtpConnections() * 5);
  return Number.isInteger(n) && n >= 1 ? n : smtpConnections() * 5;
}

type SentMailRow = { key: string; queue: string; to: string; subject: string; ref: string | null; messageId: string };

/**
 * Records accepted mails as they are accepted, group-commit style: a row waits only for the INSERT in flight, then
 * goes with every row that arrived meanwhile — a few statements per batch instead of one per mail, and the window
 * between acceptance and record stays one INSERT long.
 */
function sentMailRecorder(): (row: SentMailRow) => Promise<void> {
  let waiting: { row: SentMailRow; done: (error?: unknown) => void }[] = [];
  let flushing = false;
  const flush = async () => {
    flushing = true;
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      const error = await prisma.sentMail.createMany({ data: group.map((g) => g.row), skipDuplicates: true }).then(
        () => undefined,
        (e: unknown) => e ?? new Error('insert failed'),
      );
      for (const g of group) g.done(error);
    }
    flushing = false;
  };
  return (row) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ row, done: (error) => (error ? reject(error) : resolve()) });
      if (!flushing) void flush();
    });
}

/**
 * Sends a batch of mail jobs concurrently (the SMTP pool bounds how many are on the wire). Each job's idempotency key
 * is looked up first: a mail whose key is in SentMail was accepted by the SMTP server before — its job is being
 * retried after a crash — and is not sent again. Right after the server accepts a mail its key is recorded.
 *
 * The window that remains: the process dies (or the database fails) after the SMTP server accepted a mail and before
 * its SentMail row commits — the INSERT in flight plus its own, milliseconds — or the server accepted it but its
 * reply never arrived. Such a job is retried after its expiry (MAIL_EXPIRE_SECONDS) and that mail goes out twice;
 * the mails of the batch already recorded do not.
 *
 * A mail that fails is failed on its own (pg-boss retries it with growing delays); the rest of the batch completes.
 */
async function deliverBatch(boss: PgBoss, queue: string, jobs: PgBoss.Job<MailJob>[]): Promise<void> {
  const keyOf = (job: PgBoss.Job<MailJob>) => job.data.key ?? job.id;
  const alreadySent = new Set(
    (await prisma.sentMail.findMany({ where: { key: { in: jobs.map(keyOf) } }, select: { key: true } })).map(
      (row) => row.key,
    ),
  );
  const record = sentMailRecorder();
  let sent = 0;
  const failed: { id: string; message: string }[] = [];
  await Promise.all(
    jobs.map(async (job) => {
      const key = keyOf(job);
      if (alreadySent.has(key)) {
        console.info(`[mail] already sent, not again: key=${key} to=${job.data.to} ref=${job.data.ref ?? '-'}`);
        return;
      }
      let result: Awaited<ReturnType<typeof sendMail>>;
      try {
        result = await sendMail(job.data);
      } catch (error) {
        failed.push({ id: job.id, message: error instanceof Error ? error.message : String(error) });
        return;
      }
      if (!result.sent) return;
      sent += 1;
      await record({
        key,
        queue,
        to: job.data.to,
        subject: job.data.subject,
        ref: job.data.ref ?? null,
        messageId: result.messageId,
      }).catch((error: unknown) => {
        // The mail is out; failing its job would send it again. Completing it is the lesser evil.
        console.error(
          `[mail] sent but not recorded (a retry of this job would send it again): key=${key}`,
          error instanceof Error ? error.message : error,
        );
      });
    }),
  );
  for (const { id, message } of failed) await boss.fail(queue, id, { message });
  if (sent > 0 || failed.length > 0)
    console.info(
      `[mail] ${queue}: sent ${sent}${failed.length ? `, failed ${failed.length} (${failed[0]!.message})` : ''}`,
    );
}

async function workMail(boss: PgBoss, queue: MailQueue, polling: { pollingIntervalSeconds?: number }): Promise<void> {
  const name = MAIL_QUEUE_NAMES[queue];
  let workerId: string | undefined;
  // eslint-disable-next-line prefer-const -- the handler reads workerId and may run before work() resolves: a const would be in its TDZ there
  workerId = await boss.work<MailJob>(name, { ...polling, batchSize: mailBatchSize() }, async (jobs) => {
    await deliverBatch(boss, name, jobs);
    // pg-boss 10's work loop waits out the rest of its polling interval after every fetch, even a full one (worker.js):
    // one batch per 2 s. Waking it makes it fetch again at once while mail is queued; an empty fetch lets it idle.
    if (workerId) boss.notifyWorker(workerId);
  });
}

/** The time a scheduled job runs as: the `now` it was sent with (tests, a manual run), else the clock's. */
const jobNow = (job: { data?: SweepJob | null } | undefined) => (job?.data?.now ? new Date(job.data.now) : clockNow());

/**
 * A nightly job (the key-account proposal, the callback programmes): one run at the job's time; what it wrote may
 * change what the cached reads count, so they are forgotten; the result is logged.
 */
async function workNightly<R>(
  boss: PgBoss,
  queue: string,
  polling: { pollingIntervalSeconds?: number },
  tag: string,
  run: (now: Date) => Promise<R>,
): Promise<void> {
  await boss.work<SweepJob>(queue, { ...polling, batchSize: 1 }, async ([job]) => {
    const result = await run(jobNow(job));
    forgetReads();
    console.info(`[${tag}] ${JSON.stringify(result)}`);
    return result;
  });
}

/**
 * A sweep job runs within SWEEP_BUDGET_MS, so its short expiry (SWEEP_EXPIRE_SECONDS) fits its real duration and a
 * sweep whose process died is retried promptly. A sweep that ran out of budget with work left queues a follow-up job
 * at once (stately queue: at most one waits).
 */
async function workSweep<R extends { more: boolean }>(
  boss: PgBoss,
  queue: string,
  polling: { pollingIntervalSeconds?: number },
  run: (now: Date, deadline: number) => Promise<R>,
  log: (result: R) => void,
): Promise<void> {
  await boss.work<SweepJob>(queue, { ...polling, batchSize: 1 }, async ([job]) => {
    if (!job) return;
    const result = await run(jobNow(job), Date.now() + SWEEP_BUDGET_MS);
    // A sweep may have changed records the queue tabs count (callbacks opened, surveys closed).
    forgetReads();
    log(result);
    if (result.more) await boss.send(queue, job.data ?? {});
    return result;
  });
}

/** The handlers, on any pg-boss instance: the process's own (startWorkers) or, in tests, a second "instance". */
export async function registerWorkers(
  boss: PgBoss,
  options: Pick<WorkerOptions, 'pollingIntervalSeconds'> = {},
): Promise<void> {
  const polling = options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {};
  await workMail(boss, 'staff', polling);
  await workMail(boss, 'customer', polling);
  await workSweep(
    boss,
    QUEUES.escalationSweep,
    polling,
    // The minute sweep also mails urgent notices published for a later time once it has come (notices module).
    async (now, deadline) => {
      const noticeMails = await mailDueNotices(now);
      if (noticeMails > 0) console.info(`[notices] ${noticeMails} urgent notice mails queued`);
      return runEscalationSweep(now, { deadline });
    },
    (result) => {
      if (result.escalations > 0 || result.skipped > 0 || result.failed > 0 || result.more)
        console.info(`[escalation] ${JSON.stringify(result)}`);
    },
  );
  await workSweep(
    boss,
    QUEUES.surveyReminders,
    polling,
    (now, deadline) => runSurveySweep(now, { deadline }),
    (result) => {
      if (result.closed > 0 || result.invitations > 0 || result.reminders > 0 || result.more)
        console.info(`[surveys] ${JSON.stringify(result)}`);
    },
  );
  await boss.work(QUEUES.housekeeping, { ...polling, batchSize: 1 }, async () =>
    logHousekeeping(await runHousekeeping()),
  );
  await workNightly(boss, QUEUES.keyAccountProposal, polling, 'key-accounts', runKeyAccountProposal);
  await workNightly(boss, QUEUES.callbackProgrammes, polling, 'callback-programmes', runCallbackProgrammes);
  // Webhooks: a job is a wake-up (sent with the event's transaction, or for a retry's time); the rows say what is due.
  await workSweep(
    boss,
    QUEUES.webhookDelivery,
    polling,
    (now, deadline) => deliverDueWebhooks(now, { deadline }),
    (result) => {
      if (result.succeeded > 0 || result.retrying > 0 || result.failed > 0 || result.more)
        console.info(`[webhooks] ${JSON.stringify(result)}`);
    },
  );
  await workSweep(
    boss,
    QUEUES.kpiFactRefresh,
    polling,
    (now, deadline) => runKpiFactRefresh(now, { deadline }),
    (result) => {
      if (result.refreshed > 0 || result.repeats || result.more || result.snapshots?.recomputed)
        console.info(`[kpi-facts] ${JSON.stringify(result)}`);
    },
  );
  await boss.work(QUEUES.visitCycleRecompute, { ...polling, batchSize: 1 }, async () => {
    const result = await runVisitCycleRecompute();
    console.info(`[visits] cycles recomputed: ${JSON.stringify(result)}`);
    return result;
  });
  await boss.work<SweepJob>(QUEUES.reportDelivery, { ...polling, batchSize: 1 }, async ([job]) => {
    const result = await runReportDeliveries(jobNow(job));
    console.info(`[reports] ${JSON.stringify(result)}`);
    // A failed send fails the job: pg-boss retries it later, and the retry sends only what is still unsent.
    if (result.failed > 0) throw new Error(`report delivery: ${result.failed} sends failed`);
    return result;
  });
}

function logHousekeeping(result: Awaited<ReturnType<typeof runHousekeeping>>) {
  if (result.tempFiles > 0 || result.emptyFolders > 0 || result.sentMailPruned > 0 || result.pendingUploadsExpired > 0)
    console.info(`[housekeeping] ${JSON.stringify(result)}`);
  return result;
}

const globalForWorkers = globalThis as unknown as { kefuWorkers?: Promise<PgBoss> };

/** Schedules a queue's job: on the option's cron when one is given (null: no schedule), else on the default. */
async function scheduleCron(
  boss: PgBoss,
  queue: string,
  option: string | null | undefined,
  fallback: string,
  tz: 'UTC' | 'Asia/Shanghai',
): Promise<void> {
  const cron = option === undefined ? fallback : option;
  if (cron) await boss.schedule(queue, cron, {}, { tz });
}

/**
 * Starts the queue, the mail, sweep and housekeeping workers, and their schedules (escalation every minute, surveys
 * every 15 minutes, housekeeping hourly, the key-account proposal nightly), and runs housekeeping once now (what a crash left behind goes at the next
 * start). pg-boss keeps the schedules in its `schedule` table and sends at most one job per tick however many
 * instances run it, so every app instance may call this. Idempotent within a process.
 */
export function startWorkers(options: WorkerOptions = {}): Promise<PgBoss> {
  globalForWorkers.kefuWorkers ??= (async () => {
    const boss = await startQueue(options);
    await registerWorkers(boss, options);
    await scheduleCron(boss, QUEUES.escalationSweep, options.sweepCron, '* * * * *', 'UTC');
    // Reminders are counted in days, so every 15 minutes is punctual enough and keeps the sweep's queries rare.
    await scheduleCron(boss, QUEUES.surveyReminders, options.surveyCron, '*/15 * * * *', 'UTC');
    await scheduleCron(boss, QUEUES.housekeeping, options.housekeepingCron, '23 * * * *', 'UTC');
    // SPEC §2: candidates are proposed at night, 02:30 company time (Asia/Shanghai).
    await scheduleCron(boss, QUEUES.keyAccountProposal, options.keyAccountCron, '30 2 * * *', 'Asia/Shanghai');
    // 001 §6.2: the programmes' callback tasks are made each morning, 03:00 company time.
    await scheduleCron(boss, QUEUES.callbackProgrammes, options.callbackProgrammeCron, '0 3 * * *', 'Asia/Shanghai');
    // Webhook deliveries whose wake-up was lost (written while the queue was down) go at the next minute.
    await scheduleCron(boss, QUEUES.webhookDelivery, options.webhookCron, '* * * * *', 'UTC');
    // SPEC §9: reports go out on their delivery day (the 2nd by default) at 08:00 company time; the job is daily so a
    // subscription's own day and a missed morning are caught up.
    await scheduleCron(boss, QUEUES.reportDelivery, options.reportDeliveryCron, '0 8 * * *', 'Asia/Shanghai');
    // The KPI rollup: what the dashboard requests did not refresh themselves (a bulk backlog) is at most a minute late.
    await scheduleCron(boss, QUEUES.kpiFactRefresh, options.kpiFactCron, '* * * * *', 'UTC');
    runHousekeeping()
      .then(logHousekeeping)
      .catch((error: unknown) =>
        console.error('[housekeeping] failed at start:', error instanceof Error ? error.message : error),
      );
    return boss;
  })();
  globalForWorkers.kefuWorkers.catch(() => {
    globalForWorkers.kefuWorkers = undefined;
  });
  return globalForWorkers.kefuWorkers;
}

/** Stops the workers and the queue (waits for running jobs), so a test — or a shutdown — leaves nothing behind. */
export async function stopWorkers(timeoutMs?: number): Promise<void> {
  globalForWorkers.kefuWorkers = undefined;
  await stopQueue(timeoutMs);
}
