import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import { QUEUES, startQueue, stopQueue } from '@/server/queue/boss';
import { registerWorkers } from '@/server/queue/workers';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import { until } from '../helpers/until';

// Issue 13: changing the visit rules no longer recomputes every cycle inside the request (a minute at 100,000
// customers): the mutation enqueues a job with the change and returns; the rules screen reads the job's state.

const queueSchema = `pgboss_visitrc_${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const RULES = `mutation($version: Int!, $input: VisitRulesInput!) {
  updateVisitRules(version: $version, input: $input) { version defaultDays recompute { state requestedAt finishedAt customers } } }`;
const READ = `{ visitRules { version recompute { state requestedAt startedAt finishedAt customers } } }`;

type Recompute = {
  state: string;
  requestedAt: string | null;
  startedAt?: string | null;
  finishedAt: string | null;
  customers: number | null;
};
const input = (defaultDays: number) => ({
  defaultDays,
  keyAccountDays: null,
  gradeDays: [],
  provinceDays: [],
  deadlineWeekday: 5,
  deadlineTime: '18:00',
});

let manager: Viewer;
let worker: PgBoss | null = null;
let customerId: string;

const intervalOf = async () =>
  (await prisma.visitCycle.findUnique({ where: { customerId }, select: { intervalDays: true } }))?.intervalDays;
const status = async () => (await gqlOk<{ visitRules: { recompute: Recompute } }>(manager, READ)).visitRules.recompute;

beforeAll(async () => {
  // The queue is started (jobs can be sent) but no worker takes them until the test starts one.
  await startQueue({ schedule: false });
  ({ viewer: manager } = await createStaff('SERVICE_MANAGER'));
  customerId = (await createCustomerRecord({ name: '周期重算公司' })).id;
});
afterAll(async () => {
  await worker?.stop({ graceful: true, wait: true, timeout: 5_000 });
  await stopQueue();
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

describe('updateVisitRules with the queue running', () => {
  it('returns at once with the recompute queued; the job recomputes every cycle and the screen reads it done', async () => {
    const current = (await gqlOk<{ visitRules: { version: number } }>(manager, READ)).visitRules.version;
    const saved = await gqlOk<{ updateVisitRules: { version: number; recompute: Recompute } }>(manager, RULES, {
      version: current,
      input: input(77),
    });
    expect(saved.updateVisitRules.version).toBe(current + 1);
    expect(saved.updateVisitRules.recompute).toMatchObject({ state: 'QUEUED', finishedAt: null });
    expect(saved.updateVisitRules.recompute.requestedAt).toBeTruthy();
    // Nothing was recomputed in the request: the customer has no cycle (or its old one) yet.
    expect(await intervalOf()).not.toBe(77);
    const [job] = await prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${queueSchema}".job WHERE name = $1 AND state = 'created'`,
      QUEUES.visitCycleRecompute,
    );
    expect(job!.n).toBe(1);
    // A stale version is refused, and queues nothing.
    expect(errorCodes(await gqlAs(manager, RULES, { version: current, input: input(60) }))).toEqual(['CONFLICT']);

    // A worker (another app instance's, on the same database) takes the job.
    worker = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: queueSchema, schedule: false });
    worker.on('error', (e: Error) => console.error(e));
    await worker.start();
    await registerWorkers(worker, { pollingIntervalSeconds: 0.5 });
    await until(async () => (await status()).state === 'DONE', 30_000);
    const done = await status();
    expect(done.customers).toBeGreaterThanOrEqual(1);
    expect(new Date(done.finishedAt!).getTime()).toBeGreaterThanOrEqual(new Date(done.startedAt!).getTime());
    expect(await intervalOf()).toBe(77);
  });

  it('is for the manager only: a salesperson reads the state but cannot change the rules', async () => {
    const { viewer: agent } = await createStaff('SERVICE_AGENT');
    const read = await gqlOk<{ visitRules: { version: number; recompute: Recompute } }>(agent, READ);
    expect(read.visitRules.recompute.state).toBe('DONE');
    expect(errorCodes(await gqlAs(agent, RULES, { version: read.visitRules.version, input: input(10) }))).toEqual([
      'FORBIDDEN',
    ]);
  });
});
