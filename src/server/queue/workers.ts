import type PgBoss from 'pg-boss';
import { runEscalationSweep } from '@/graphql/complaints/escalation.service';
import { runSurveySweep } from '@/graphql/surveys/survey-sweep.service';
import { sendMail } from '@/server/mail/mailer';
import { QUEUES, startQueue, stopQueue, type MailJob, type StartQueueOptions } from './boss';
import { now as clockNow } from '@/server/clock';

/** Data of an escalation-sweep job: the scheduled job carries none (the sweep uses the current time). */
export type SweepJob = { now?: string };

export type WorkerOptions = StartQueueOptions & {
  /** How often an idle worker looks for jobs (pg-boss default 2 s; at least 0.5 s). */
  pollingIntervalSeconds?: number;
  /** Cron of the escalation sweep (UTC); null: no schedule (tests send sweep jobs themselves). */
  sweepCron?: string | null;
  /** Cron of the survey sweep (UTC); default every 15 minutes; null: no schedule. */
  surveyCron?: string | null;
};

/** The handlers, on any pg-boss instance: the process's own (startWorkers) or, in tests, a second "instance". */
export async function registerWorkers(boss: PgBoss, options: Pick<WorkerOptions, 'pollingIntervalSeconds'> = {}): Promise<void> {
  const polling = options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {};
  await boss.work<MailJob>(QUEUES.sendMail, { ...polling, batchSize: 1 }, async (jobs) => {
    for (const job of jobs) {
      const result = await sendMail(job.data);
      if (result.sent) console.info(`[mail] sent to=${job.data.to} subject="${job.data.subject}" ref=${job.data.ref ?? '-'}`);
    }
  });
  await boss.work<SweepJob>(QUEUES.escalationSweep, { ...polling, batchSize: 1 }, async (jobs) => {
    for (const job of jobs) {
      const result = await runEscalationSweep(job.data?.now ? new Date(job.data.now) : clockNow());
      if (result.escalations > 0 || result.skipped > 0) console.info(`[escalation] ${JSON.stringify(result)}`);
      return result;
    }
  });
  await boss.work<SweepJob>(QUEUES.surveyReminders, { ...polling, batchSize: 1 }, async (jobs) => {
    for (const job of jobs) {
      const result = await runSurveySweep(job.data?.now ? new Date(job.data.now) : clockNow());
      if (result.closed > 0 || result.invitations > 0 || result.reminders > 0) console.info(`[surveys] ${JSON.stringify(result)}`);
      return result;
    }
  });
}

const globalForWorkers = globalThis as unknown as { kefuWorkers?: Promise<PgBoss> };

/**
 * Starts the queue, the send-mail, escalation-sweep and survey-reminders workers, and their schedules (escalation every
 * minute, surveys every 15 minutes). pg-boss keeps the schedules in its `schedule` table and sends at most one job per
 * tick however many instances run it, so every app instance may call this. Idempotent within a process.
 */
export function startWorkers(options: WorkerOptions = {}): Promise<PgBoss> {
  globalForWorkers.kefuWorkers ??= (async () => {
    const boss = await startQueue(options);
    await registerWorkers(boss, options);
    const cron = options.sweepCron === undefined ? '* * * * *' : options.sweepCron;
    if (cron) await boss.schedule(QUEUES.escalationSweep, cron, {}, { tz: 'UTC' });
    // Reminders are counted in days, so every 15 minutes is punctual enough and keeps the sweep's queries rare.
    const surveyCron = options.surveyCron === undefined ? '*/15 * * * *' : options.surveyCron;
    if (surveyCron) await boss.schedule(QUEUES.surveyReminders, surveyCron, {}, { tz: 'UTC' });
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
