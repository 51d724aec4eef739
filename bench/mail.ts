// npx tsx --import ./scripts/server-only-noop.mjs bench/mail.ts — drains a queue of queued mails (BENCH_MAILS, default 5,000 customer mails plus one staff
// mail queued after them) through the app's own mail workers into a local SMTP server (tests/helpers/smtp.ts, in this
// process), and prints the drain time, the rate, and when the staff mail went out.
// Target (issue 9): ≥ 20 mails/s; 5,000 queued mails drained in under 5 minutes.
// Uses BENCH_DATABASE_URL (a PostgreSQL server; the bench wipes and re-migrates its `public` schema) or an in-memory
// embedded database. MAIL_SMTP_CONNECTIONS and MAIL_BATCH_SIZE apply as in the app.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { startSmtpCapture } from '../tests/helpers/smtp';

type Embedded = { url: string; stop: () => Promise<void> };

async function main() {
  const count = Number(process.env.BENCH_MAILS ?? 5_000);
  let embedded: Embedded | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS pgboss_bench_mail CASCADE;',
    );
    await client.end();
  } else {
    // @ts-expect-error — plain ESM helper shared with npm start, no type declarations
    const { startEmbedded } = (await import('../scripts/db/embedded.mjs')) as {
      startEmbedded: () => Promise<Embedded>;
    };
    embedded = await startEmbedded();
    url = embedded.url;
  }
  await promisify(execFile)(
    process.execPath,
    ['--experimental-wasm-modules', '--no-warnings', 'scripts/db/migrate.mjs'],
    { env: { ...process.env, DATABASE_URL: url } },
  );
  process.env.DATABASE_URL = url;
  process.env.KEFU_QUEUE_SCHEMA = 'pgboss_bench_mail';
  const smtp = await startSmtpCapture();
  process.env.SMTP_URL = smtp.url;
  const { prisma, disconnectPrisma } = await import('@/server/db');
  const { enqueueMail, startQueue } = await import('@/server/queue/boss');
  const { startWorkers, stopWorkers, mailBatchSize } = await import('@/server/queue/workers');
  const { closeMailer, smtpConnections } = await import('@/server/mail/mailer');

  // The backlog a first sweep over a large database left (issue 9: 4,700 mails), queued while no worker runs.
  await startQueue({ schedule: false });
  const t0 = performance.now();
  for (let i = 0; i < count; i += 500) {
    const mails = Array.from({ length: Math.min(500, count - i) }, (_, j) => ({
      to: `kunde${i + j}@example.cn`,
      subject: `【满意度调查】2026-Q4 客户满意度调查 #${i + j}`,
      text: `尊敬的客户${i + j}：\n\n感谢您一直以来的支持。请通过以下链接填写本季度满意度调查：http://localhost:3000/s/${'x'.repeat(43)}\n\n—— 客服通`,
      ref: `bench ${i + j}`,
    }));
    await prisma.$transaction((tx) => enqueueMail(tx, 'customer', mails));
  }
  await prisma.$transaction((tx) =>
    enqueueMail(tx, 'staff', [
      { to: 'manager@kefu.demo', subject: '【危机客诉】TS-2026-000001 请立即关注', text: '危机', ref: 'bench staff' },
    ]),
  );
  console.log(
    `queued ${count.toLocaleString('zh-CN')} customer mails + 1 staff mail in ${((performance.now() - t0) / 1000).toFixed(1)} s on ${embedded ? 'embedded PGlite' : 'PostgreSQL server'}`,
  );
  console.log(`SMTP pool ${smtpConnections()} connections, batch ${mailBatchSize()} per worker`);

  const started = performance.now();
  await startWorkers({ schedule: false, sweepCron: null, surveyCron: null, housekeepingCron: null });
  let staffAt: number | null = null;
  const total = count + 1;
  const progress = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    console.log(`  ${elapsed.toFixed(0).padStart(4)} s  ${smtp.messages.length.toLocaleString('zh-CN')} sent`);
  }, 10_000);
  while (smtp.messages.length < total) {
    if (staffAt === null && smtp.messages.some((m) => m.subject.startsWith('【危机客诉】')))
      staffAt = performance.now() - started;
    if (performance.now() - started > 15 * 60_000)
      throw new Error(`gave up after 15 minutes with ${smtp.messages.length} sent`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(progress);
  const position = smtp.messages.findIndex((m) => m.subject.startsWith('【危机客诉】'));
  const recorded = await prisma.sentMail.count();
  console.log(
    `drained ${total.toLocaleString('zh-CN')} mails in ${seconds.toFixed(1)} s: ${(total / seconds).toFixed(1)} mails/s (target ≥ 20; 5,000 in < 300 s)`,
  );
  console.log(
    `the staff mail queued last went out as number ${position + 1}, after ${((staffAt ?? 0) / 1000).toFixed(1)} s`,
  );
  console.log(
    `SentMail rows ${recorded.toLocaleString('zh-CN')}; distinct subjects received ${new Set(smtp.messages.map((m) => m.subject)).size.toLocaleString('zh-CN')}`,
  );
  console.log(
    `load average ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await stopWorkers(10_000);
  closeMailer();
  await smtp.stop();
  await prisma.$executeRawUnsafe('DROP SCHEMA IF EXISTS pgboss_bench_mail CASCADE');
  await disconnectPrisma();
  await embedded?.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
