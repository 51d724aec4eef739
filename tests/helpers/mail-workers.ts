import PgBoss from 'pg-boss';
import { afterAll, beforeAll } from 'vitest';
import { prisma } from '@/server/db';
import { closeMailer } from '@/server/mail/mailer';
import { queueSchema as currentQueueSchema } from '@/server/queue/boss';
import { registerWorkers, startWorkers, stopWorkers, type WorkerOptions } from '@/server/queue/workers';
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from './smtp';

/** What a file's tests reach of its mail set-up (the getters answer once the file's beforeAll has run). */
export type MailWorkers = {
  /** Every mail the capture received, in order: one array for the whole file (empty it with `splice(0)`). */
  messages: CapturedMail[];
  /** The mails once there are `count` of them (or all there are after `timeoutMs`). */
  waitFor: (count: number, timeoutMs?: number) => Promise<CapturedMail[]>;
  /** The capture's address, as SMTP_URL holds it. */
  readonly url: string;
  /** The pg-boss of this process's workers, as beforeAll started them. */
  readonly boss: PgBoss;
  /** With `secondInstance`: a second app instance's pg-boss on the same database and queue schema. */
  readonly second: PgBoss;
  /** Stops the second instance now (a test of the app going down); after the file it is then left alone. */
  stopSecond: () => Promise<void>;
};

/**
 * A test file's mail sent for real through the queue: an SMTP capture that SMTP_URL points the mailer at, then the
 * workers started with `workers` (and a second instance registering the same handlers, as another process of the app
 * would). After the file, in this order: the second instance and the workers stopped, the mailer's pooled
 * connections closed, the capture stopped, SMTP_URL removed and the file's queue schema (KEFU_QUEUE_SCHEMA: its own
 * when it chose one before its queue started, else the per-file setup's) dropped.
 * Call at the top level of the file.
 */
export function useMailWorkers({
  workers,
  secondInstance = false,
}: {
  /** startWorkers' options (polling, which schedules); null: the tests start the workers when they need them. */
  workers: WorkerOptions | null;
  secondInstance?: boolean;
}): MailWorkers {
  const messages: CapturedMail[] = [];
  let smtp: SmtpCapture | undefined;
  let boss: PgBoss | undefined;
  let second: PgBoss | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (useMailWorkers answers after beforeAll)`);
    return value;
  };
  const stopSecond = async () => {
    const instance = second;
    second = undefined;
    await instance?.stop({ graceful: true, wait: true, timeout: 5_000 });
  };

  beforeAll(async () => {
    smtp = await startSmtpCapture(messages);
    process.env.SMTP_URL = smtp.url;
    if (workers) boss = await startWorkers(workers);
    if (secondInstance) {
      second = new PgBoss({
        connectionString: process.env.DATABASE_URL,
        schema: currentQueueSchema(),
        schedule: false,
        max: 2,
      });
      second.on('error', (e: Error) => console.error(e));
      await second.start();
      await registerWorkers(second, { pollingIntervalSeconds: workers?.pollingIntervalSeconds });
    }
  });

  afterAll(async () => {
    await stopSecond();
    await stopWorkers(5_000);
    closeMailer();
    await smtp?.stop();
    delete process.env.SMTP_URL;
    // Only a schema named for this test process (the file's own or the per-file setup's), never one set from outside.
    const schema = currentQueueSchema();
    if (schema.endsWith(String(process.pid)))
      await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  return {
    messages,
    waitFor: (count, timeoutMs) => ready(smtp, 'the SMTP capture').waitFor(count, timeoutMs),
    get url() {
      return ready(smtp, 'the SMTP capture').url;
    },
    get boss() {
      return ready(boss, 'the workers');
    },
    get second() {
      return ready(second, 'the second instance');
    },
    stopSecond,
  };
}
