import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEscalationSweep } from '@/graphql/complaints/escalation.service';
import {
  cancelOpenObligations,
  createObligationsForKeyAccount,
} from '@/graphql/key-account-obligations/key-account-obligation.service';
import { prisma } from '@/server/db';
import { startQueue, stopQueue } from '@/server/queue/boss';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

// Issue 12 item 2: key-account obligations as scheduled work (SPEC §2, §5; 001 第五章 §7.2–7.7, 001 §6.2).

const queueSchema = `pgboss_katest_${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const sh = (local: string) => new Date(`${local}+08:00`); // Asia/Shanghai
const ACTIVATED = sh('2027-01-31T10:00:00'); // a month's last day

const OBLIGATION = `id kind status dueAt version overdue escalationLevel completedAt note rescheduleReason
  completedBy { id } owner { id } callback { id status version dueAt assignee { id } }
  history { action }`;
const LIST = `query($filter: KeyAccountObligationFilter) {
  keyAccountObligations(filter: $filter, first: 50) { totalCount nodes { ${OBLIGATION} } }
}`;
const COMPLETE = `mutation($id: ID!, $version: Int!, $input: CompleteKeyAccountObligationInput!) {
  completeKeyAccountObligation(id: $id, version: $version, input: $input) { ${OBLIGATION} }
}`;

type Row = {
  id: string;
  kind: string;
  status: string;
  dueAt: string;
  version: number;
  escalationLevel: number;
  completedBy: { id: string } | null;
  callback: { id: string; status: string; version: number; dueAt: string; assignee: { id: string } | null } | null;
  history: { action: string }[];
  rescheduleReason: string | null;
};

let owner: { id: string };
let ownerViewer: Viewer;
let manager: { id: string };
let managerViewer: Viewer;
let customerId: string;

async function list(filter: Record<string, unknown>): Promise<Row[]> {
  const data = await gqlOk<{ keyAccountObligations: { nodes: Row[] } }>(ownerViewer, LIST, { filter });
  return data.keyAccountObligations.nodes;
}
const open = async (kind: string) => (await list({ customerId, kind: [kind], status: ['OPEN'] }))[0]!;

beforeAll(async () => {
  await startQueue({ schedule: false });
  ({ user: owner, viewer: ownerViewer } = await createStaff('SERVICE_AGENT'));
  ({ user: manager, viewer: managerViewer } = await createStaff('SERVICE_MANAGER'));
  const customer = await createCustomerRecord({ name: '华东重工集团', keyAccountStatus: 'ACTIVE', ownerId: owner.id });
  customerId = customer.id;
  await prisma.$transaction((tx) =>
    createObligationsForKeyAccount(tx, { customerId, ownerId: owner.id, nominationId: null, activatedAt: ACTIVATED }),
  );
});

afterAll(async () => {
  await stopQueue();
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

describe('key-account obligations', () => {
  it('activation creates the first due occurrence of each scheduled kind, month-end safe, none for on-request kinds', async () => {
    const rows = await list({ customerId });
    const due = Object.fromEntries(rows.map((r) => [r.kind, r.dueAt]));
    expect(due).toEqual({
      CALLBACK: sh('2027-02-28T10:00:00').toISOString(), // Jan 31 + 1 month
      LEADERSHIP_VISIT: sh('2027-04-30T10:00:00').toISOString(),
      EXCHANGE_SUMMARY: sh('2027-04-30T10:00:00').toISOString(),
      TRAINING: sh('2027-07-31T10:00:00').toISOString(),
      PRICING_REVIEW: sh('2028-01-31T10:00:00').toISOString(),
    });
    expect(rows.every((r) => r.status === 'OPEN' && r.history[0]?.action === 'CREATE')).toBe(true);
    // The callback obligation is carried by a key-account callback task assigned to the owner.
    const callback = rows.find((r) => r.kind === 'CALLBACK')!.callback!;
    expect(callback).toMatchObject({ status: 'PENDING', dueAt: due.CALLBACK, assignee: { id: owner.id } });
    // Idempotent: a second activation call adds nothing while the kinds are open.
    await prisma.$transaction((tx) =>
      createObligationsForKeyAccount(tx, { customerId, ownerId: owner.id, nominationId: null, activatedAt: ACTIVATED }),
    );
    expect(await list({ customerId })).toHaveLength(5);
  });

  it('completion records who and when and schedules the next occurrence from the due date (last day stays last)', async () => {
    const visit = await open('LEADERSHIP_VISIT');
    const done = await gqlOk<{ completeKeyAccountObligation: Row }>(ownerViewer, COMPLETE, {
      id: visit.id,
      version: visit.version,
      input: { note: '王总带队走访，客户满意' },
    });
    expect(done.completeKeyAccountObligation).toMatchObject({ status: 'DONE', completedBy: { id: owner.id } });
    expect(done.completeKeyAccountObligation.history.map((h) => h.action)).toEqual(['CREATE', 'COMPLETE']);
    const next = await open('LEADERSHIP_VISIT');
    expect(next.id).not.toBe(visit.id);
    expect(next.dueAt).toBe(sh('2027-07-31T10:00:00').toISOString()); // Apr 30 (last day) + 3 months
  });

  it('concurrent completions of one obligation: exactly one succeeds, the other gets CONFLICT', async () => {
    const training = await open('TRAINING');
    const results = await Promise.all(
      [1, 2].map(() =>
        gqlAs(managerViewer, COMPLETE, { id: training.id, version: training.version, input: { note: '已提供培训' } }),
      ),
    );
    expect(results.map(errorCodes).sort()).toEqual([[], ['CONFLICT']]);
    expect(await list({ customerId, kind: ['TRAINING'], status: ['OPEN'] })).toHaveLength(1);
  });

  it('a CALLBACK obligation is done through its callback task: recording it completes and links the next callback', async () => {
    const obligation = await open('CALLBACK');
    expect(errorCodes(await gqlAs(ownerViewer, COMPLETE, { id: obligation.id, version: 1, input: {} }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    await gqlOk(
      ownerViewer,
      `mutation($id: ID!, $version: Int!, $input: RecordCallbackInput!) { recordCallback(id: $id, version: $version, input: $input) { id status } }`,
      {
        id: obligation.callback!.id,
        version: obligation.callback!.version,
        input: { outcome: 'NO_PROBLEM', accuracyScore: 5, timelinessScore: 5, attitudeScore: 5, notes: '客户满意' },
      },
    );
    const [done] = await list({ customerId, kind: ['CALLBACK'], status: ['DONE'] });
    expect(done).toMatchObject({ id: obligation.id, completedBy: { id: owner.id }, callback: { status: 'DONE' } });
    const next = await open('CALLBACK');
    expect(next.dueAt).toBe(sh('2027-03-31T10:00:00').toISOString()); // Feb 28 (last day) + 1 month
    expect(next.callback).toMatchObject({ status: 'PENDING', dueAt: next.dueAt });
    expect(next.callback!.id).not.toBe(obligation.callback!.id);
  });

  it('reschedule with a reason: the due time moves, with the reason in the history', async () => {
    const pricing = await open('PRICING_REVIEW');
    const moved = await gqlOk<{ rescheduleKeyAccountObligation: Row }>(
      ownerViewer,
      `mutation($id: ID!, $version: Int!, $input: RescheduleKeyAccountObligationInput!) {
        rescheduleKeyAccountObligation(id: $id, version: $version, input: $input) { ${OBLIGATION} } }`,
      {
        id: pricing.id,
        version: pricing.version,
        input: { dueAt: '2028-02-15T02:00:00.000Z', reason: '客户要求延后' },
      },
    );
    expect(moved.rescheduleKeyAccountObligation).toMatchObject({
      dueAt: '2028-02-15T02:00:00.000Z',
      rescheduleReason: '客户要求延后',
      version: pricing.version + 1,
    });
    expect(moved.rescheduleKeyAccountObligation.history.at(-1)?.action).toBe('RESCHEDULE');
    const stale = await gqlAs(
      ownerViewer,
      `mutation($id: ID!) { rescheduleKeyAccountObligation(id: $id, version: 1, input: { dueAt: "2028-03-01T00:00:00Z", reason: "x" }) { id } }`,
      { id: pricing.id },
    );
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
  });

  it('a quality-analysis report on request is an open obligation of the owner', async () => {
    const requested = await gqlOk<{ requestQualityReport: Row }>(
      ownerViewer,
      `mutation($input: RequestQualityReportInput!) { requestQualityReport(input: $input) { ${OBLIGATION} } }`,
      { input: { customerId, note: '客户要求年度质量分析' } },
    );
    expect(requested.requestQualityReport).toMatchObject({
      kind: 'QUALITY_REPORT',
      status: 'OPEN',
      owner: { id: owner.id },
    });
    const plain = await createCustomerRecord({ name: '普通客户' });
    const refused = await gqlAs(
      ownerViewer,
      `mutation($input: RequestQualityReportInput!) { requestQualityReport(input: $input) { id } }`,
      { input: { customerId: plain.id } },
    );
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
  });

  it('overdue obligations escalate through the sweep: the owner at level 1, the service managers a week later, once each', async () => {
    const periodical = await open('EXCHANGE_SUMMARY'); // due 2027-04-30 10:00
    const escalations = () =>
      prisma.escalation.findMany({ where: { obligationId: periodical.id }, orderBy: { level: 'asc' } });
    await runEscalationSweep(sh('2027-04-30T09:59:00'));
    expect(await escalations()).toEqual([]);
    await runEscalationSweep(sh('2027-04-30T10:00:00'));
    await runEscalationSweep(sh('2027-04-30T11:00:00'));
    expect(await escalations()).toMatchObject([
      { level: 1, reason: 'OBLIGATION_OVERDUE', notifiedUserIds: [owner.id] },
    ]);
    await runEscalationSweep(sh('2027-05-07T10:00:00'));
    await runEscalationSweep(sh('2027-05-20T10:00:00'));
    const taken = await escalations();
    expect(taken.map((e) => e.level)).toEqual([1, 2]);
    expect(taken[1]!.notifiedUserIds).toContain(manager.id);
    const notices = await prisma.notification.findMany({
      where: { entityId: periodical.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(notices.filter((n) => n.userId === owner.id)).toHaveLength(1);
    expect(notices.filter((n) => n.userId === manager.id)).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: 'ESCALATION_OBLIGATION_OVERDUE',
      messageKey: 'notice.OBLIGATION_OVERDUE',
    });
    expect((await open('EXCHANGE_SUMMARY')).escalationLevel).toBe(2);
    const overdue = await list({ customerId, overdue: true });
    expect(overdue).toEqual([]); // by the real clock (2026) nothing is overdue yet
  });

  it('the schedules are a service rule the service manager edits (version-checked)', async () => {
    const query = `{ keyAccountObligationSchedule { version rows { kind every unit } } }`;
    const before = await gqlOk<{ keyAccountObligationSchedule: { version: number; rows: unknown[] } }>(
      managerViewer,
      query,
    );
    expect(before.keyAccountObligationSchedule.rows).toContainEqual({
      kind: 'QUALITY_REPORT',
      every: null,
      unit: null,
    });
    const update = `mutation($version: Int!, $rows: [ObligationScheduleRowInput!]!) { updateObligationSchedule(version: $version, rows: $rows) { version rows { kind every unit } } }`;
    const rows = [{ kind: 'CALLBACK', every: 2, unit: 'MONTH' }];
    const updated = await gqlOk<{ updateObligationSchedule: { version: number; rows: unknown[] } }>(
      managerViewer,
      update,
      {
        version: before.keyAccountObligationSchedule.version,
        rows,
      },
    );
    expect(updated.updateObligationSchedule.rows).toContainEqual({ kind: 'CALLBACK', every: 2, unit: 'MONTH' });
    expect(errorCodes(await gqlAs(managerViewer, update, { version: 0, rows }))).toEqual(['CONFLICT']);
    expect(errorCodes(await gqlAs(ownerViewer, update, { version: 1, rows }))).toEqual(['FORBIDDEN']);
    await gqlOk(managerViewer, update, {
      version: updated.updateObligationSchedule.version,
      rows: [{ kind: 'CALLBACK', every: 1, unit: 'MONTH' }],
    });
  });

  it('revoking cancels every open obligation and its pending callback task', async () => {
    const callback = (await open('CALLBACK')).callback!;
    const cancelled = await prisma.$transaction((tx) => cancelOpenObligations(tx, customerId));
    expect(cancelled).toBeGreaterThan(0);
    expect(await list({ customerId, status: ['OPEN'] })).toEqual([]);
    expect((await prisma.callback.findUniqueOrThrow({ where: { id: callback.id } })).status).toBe('CANCELLED');
  });
});
