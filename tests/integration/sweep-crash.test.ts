import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import { QUEUES, startQueue } from '@/server/queue/boss';
import { registerWorkers, stopWorkers } from '@/server/queue/workers';
import { createStaff } from '../helpers/factories';

// A pg-boss schema of this file's own: other runs on the same server database never take these jobs.
const queueSchema = `pgboss_test_crash${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const root = resolve(import.meta.dirname, '../..');
const sh = (local: string) => new Date(`${local}+08:00`);
const RECORDS = 400;

let child: ChildProcess | undefined;

/** The app's workers in a process of their own (tests/helpers/worker-process.ts), ready when it says so. */
async function startWorkerProcess(): Promise<ChildProcess> {
  // tsx, and the no-op 'server-only' the services import (scripts/server-only-noop.mjs).
  const nodeArgs = ['--import', 'tsx', '--import', './scripts/server-only-noop.mjs'];
  const proc = spawn(process.execPath, [...nodeArgs, 'tests/helpers/worker-process.ts'], {
    cwd: root,
    env: {
      ...process.env,
      KEFU_QUEUE_SCHEMA: queueSchema,
      KEFU_DATA_DIR: mkdtempSync(join(tmpdir(), 'kefu-crash-')),
      SMTP_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((ready, fail) => {
    proc.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) ready();
    });
    proc.on('exit', (code) => fail(new Error(`worker process exited (${code}): ${output}`)));
  });
  return proc;
}

async function job(id: string) {
  const rows = await prisma.$queryRawUnsafe<{ state: string; retry_count: number; started_on: Date | null }[]>(
    `SELECT state::text, retry_count, started_on FROM "${queueSchema}".job WHERE id = $1::uuid`,
    id,
  );
  return rows[0];
}

async function until<T>(check: () => Promise<T | undefined | false>, timeoutMs: number, step = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, step));
  }
}

const escalated = () => prisma.escalation.count({ where: { interaction: { number: { startsWith: 'TS-CRASH-' } } } });

let boss: PgBoss;

beforeAll(async () => {
  const owner = (await createStaff('DEPARTMENT_HANDLER')).user;
  await prisma.interaction.createMany({
    data: Array.from({ length: RECORDS }, (_, i) => ({
      number: `TS-CRASH-${i}`,
      type: 'COMPLAINT' as const,
      channel: 'PHONE' as const,
      subject: `批次 ${i} 尺寸超差`,
      description: '外径超差',
      status: 'INVESTIGATING' as const,
      ownerId: owner.id,
      resolutionDueAt: sh('2026-11-24T09:00:00'),
    })),
  });
  // This process is the instance that survives (or the app restarted): its pg-boss runs the maintenance.
  boss = await startQueue({ schedule: false });
});

afterAll(async () => {
  child?.kill('SIGKILL');
  await stopWorkers(5_000);
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

describe('a sweep whose process is killed', () => {
  it('is retried within a minute of the kill -9 and finishes the steps, each taken once', async () => {
    child = await startWorkerProcess();
    const jobId = await boss.send(QUEUES.escalationSweep, { now: sh('2026-11-24T10:00:00').toISOString() });
    expect(jobId).toBeTruthy();

    // Mid-sweep: the child has taken some of the steps.
    await until(async () => (await escalated()) > 0, 60_000);
    child.kill('SIGKILL');
    const killedAt = Date.now();
    await new Promise((r) => child!.once('exit', r));
    const atKill = await escalated();
    console.info(`[crash] killed the worker process after ${atKill} of ${RECORDS} steps`);
    expect(atKill).toBeLessThan(RECORDS);
    expect((await job(jobId!))?.state).toBe('active'); // what pg-boss believes until the job expires

    // The surviving instance works the queues with the app's settings (2 s polling).
    await registerWorkers(boss);
    const rerun = await until(
      async () => {
        const j = await job(jobId!);
        return j && j.retry_count >= 1 && (j.state === 'active' || j.state === 'completed') ? j : undefined;
      },
      75_000,
      250,
    );
    const seconds = (Date.now() - killedAt) / 1000;
    console.info(`[crash] the sweep ran again ${seconds.toFixed(1)} s after the kill (retry ${rerun.retry_count})`);
    expect(seconds).toBeLessThan(60);

    // The retried sweep (and any follow-up it queued when its time budget ran out) takes the rest.
    const sweepsLeft = async () =>
      (
        await prisma.$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM "${queueSchema}".job WHERE name = $1 AND state <> 'completed'`,
          QUEUES.escalationSweep,
        )
      )[0]?.n;
    await until(async () => (await sweepsLeft()) === 0, 90_000, 250);
    // Every step exactly once: nothing lost with the killed process, nothing taken twice.
    expect(await escalated()).toBe(RECORDS);
    const history = await prisma.historyEntry.count({ where: { action: 'ESCALATED', entityType: 'Interaction' } });
    expect(history).toBe(RECORDS);
    expect(await prisma.escalation.count({ where: { mailedAt: null } })).toBe(0);
  }, 180_000);
});
