import { describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import { sendMail } from '@/server/mail/mailer';
import { enqueueMail, QUEUES, startQueue, stopQueue, type MailJob, type MailQueue } from '@/server/queue/boss';
import { startWorkers, stopWorkers } from '@/server/queue/workers';
import { useMailWorkers } from '../helpers/mail-workers';
import { until } from '../helpers/until';

// A pg-boss schema of this file's own: other runs on the same server database never take these jobs.
const queueSchema = `pgboss_test_mail${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

// The workers as the app starts them: pg-boss's default 2 s polling, no schedules.
const startAppWorkers = () =>
  startWorkers({ schedule: false, sweepCron: null, surveyCron: null, housekeepingCron: null });

async function jobsLeft(): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "${queueSchema}".job WHERE name LIKE 'send-mail%' AND state <> 'completed'`,
  );
  return rows[0]?.n ?? 0;
}

async function enqueue(queue: MailQueue, subjects: readonly string[]): Promise<void> {
  await startQueue({ schedule: false });
  for (let i = 0; i < subjects.length; i += 500) {
    const mails: MailJob[] = subjects
      .slice(i, i + 500)
      .map((subject, j) => ({ to: `r${i + j}@kunde.cn`, subject, text: `${subject}：正文`, ref: subject }));
    await prisma.$transaction((tx) => enqueueMail(tx, queue, mails));
  }
}

/** Every mail job of the file's queue schema done. */
const drained = () => until(async () => (await jobsLeft()) === 0, 60_000, 100);

const numbered = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

// The workers start in each test, after its mails are queued.
const smtp = useMailWorkers({ workers: null });

describe('mail queue', () => {
  it('sends 400 queued mails at 20 or more a second over pooled connections, each once, each recorded', async () => {
    await enqueue('customer', numbered('回执', 400));
    const started = performance.now();
    await startAppWorkers();
    await smtp.waitFor(400, 60_000);
    const seconds = (performance.now() - started) / 1000;
    const rate = 400 / seconds;
    console.info(`[mail] 400 mails in ${seconds.toFixed(2)} s: ${rate.toFixed(0)} mails/s`);
    // One batch per 2 s poll (the old worker's pace, with any batch size up to 20) could not reach 20 a second.
    expect(rate).toBeGreaterThanOrEqual(20);
    await drained();
    expect(smtp.messages).toHaveLength(400);
    expect(new Set(smtp.messages.map((m) => m.subject)).size).toBe(400);
    expect(await prisma.sentMail.count({ where: { queue: QUEUES.customerMail } })).toBe(400);
  });

  it('staff mail does not wait behind a burst of customer mail', async () => {
    await stopWorkers(5_000);
    smtp.messages.splice(0);
    await enqueue('customer', numbered('问卷邀请', 600));
    await enqueue('staff', ['【危机客诉】TS-2026-000001 请立即关注']); // queued last
    await startAppWorkers();
    await smtp.waitFor(601, 60_000);
    const position = smtp.messages.findIndex((m) => m.subject.startsWith('【危机客诉】'));
    console.info(`[mail] the staff mail queued after 600 customer mails went out as number ${position + 1}`);
    expect(position).toBeGreaterThanOrEqual(0);
    expect(position).toBeLessThan(60);
  });

  it('a job retried after its worker died once the mail was accepted is not sent again; one that died before sending is sent once', async () => {
    await stopWorkers(5_000);
    await drained();
    smtp.messages.splice(0);
    const boss = await startQueue({ schedule: false });
    await enqueue('staff', ['已发送后崩溃', '发送前崩溃']);

    // A worker takes both jobs (they turn active) and dies: it had sent the first — the SMTP server accepted it and
    // its key was recorded — and not yet the second. Neither job was completed.
    const taken = await boss.fetch<MailJob>(QUEUES.staffMail, { batchSize: 2 });
    expect(taken).toHaveLength(2);
    const sentBefore = taken.find((j) => j.data.subject === '已发送后崩溃')!;
    const result = await sendMail(sentBefore.data);
    expect(result.sent).toBe(true);
    await prisma.sentMail.create({
      data: {
        key: sentBefore.data.key!,
        queue: QUEUES.staffMail,
        to: sentBefore.data.to,
        subject: sentBefore.data.subject,
      },
    });
    await stopQueue(5_000);
    expect(smtp.messages.map((m) => m.subject)).toEqual(['已发送后崩溃']);

    // pg-boss's maintenance fails an active job past its expiry into retry (the same failJobs as fail by id); here at
    // once and without the 30 s retry delay.
    const again = await startQueue({ schedule: false });
    await again.fail(
      QUEUES.staffMail,
      taken.map((j) => j.id),
    );
    await prisma.$executeRawUnsafe(
      `UPDATE "${queueSchema}".job SET start_after = now() WHERE id = ANY($1::uuid[])`,
      taken.map((j) => j.id),
    );

    await startAppWorkers();
    await drained();
    const retried = await prisma.$queryRawUnsafe<{ retry_count: number }[]>(
      `SELECT retry_count FROM "${queueSchema}".job WHERE id = ANY($1::uuid[])`,
      taken.map((j) => j.id),
    );
    expect(retried.map((r) => r.retry_count)).toEqual([1, 1]);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages.map((m) => m.subject).sort()).toEqual(['发送前崩溃', '已发送后崩溃'].sort());
    expect(await prisma.sentMail.count({ where: { subject: { in: ['已发送后崩溃', '发送前崩溃'] } } })).toBe(2);
  });
});
