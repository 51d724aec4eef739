import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

// The authorisation matrix of the callbacks module through the real GraphQL pipeline (policies, services, relation
// fields, error formatting): customers never see callbacks; department handlers hold no callbacks:read; quality and
// the executive read; agents and service managers write; API keys read with the callbacks:read scope only.

const CALLBACK = `query($id: ID!) { callback(id: $id) { id status reason customer { id } interaction { id number } assignee { id } } }`;
const LIST = `{ callbacks(filter: { queue: PENDING }) { totalCount nodes { id } } callbackQueueCounts { queue count } }`;
const RECORD = `mutation($id: ID!, $version: Int!, $input: RecordCallbackInput!) {
  recordCallback(id: $id, version: $version, input: $input) { id status outcome version interaction { status } }
}`;
const CREATE = `mutation($input: CreateCallbackInput!) { createCallback(input: $input) { id assignee { id } } }`;
const ON_INTERACTION = `query($id: ID!) { interaction(id: $id) { id callbacks { id } } }`;
const ON_CUSTOMER = `query($id: ID!) { customer(id: $id) { id callbacks { id } } }`;
const scores = { accuracyScore: 4, timelinessScore: 4, attitudeScore: 5 };

let agent: Viewer;
let manager: Viewer;
let quality: Viewer;
let executive: Viewer;
let handler: Viewer;
let customerA: Viewer;
let customerB: Viewer;
let customerAId: string;
let complaintId: string;
let taskId: string;
const apiWith = (scopes: string[]): Viewer => ({
  kind: 'apiClient',
  apiKeyId: '00000000-0000-4000-8000-000000000001',
  name: 'crm',
  scopes,
});

beforeAll(async () => {
  const department = await prisma.department.create({ data: { code: 'PROD-AUTH', name: '生产部' } });
  agent = (await createStaff('SERVICE_AGENT')).viewer;
  manager = (await createStaff('SERVICE_MANAGER')).viewer;
  quality = (await createStaff('QUALITY_MANAGER')).viewer;
  executive = (await createStaff('EXECUTIVE')).viewer;
  const h = await createStaff('DEPARTMENT_HANDLER', { departmentId: department.id });
  handler = h.viewer;
  customerAId = (await createCustomerRecord({ name: '甲方客户' })).id;
  const customerBId = (await createCustomerRecord({ name: '乙方客户' })).id;
  customerA = (await createCustomerUser(customerAId)).viewer;
  customerB = (await createCustomerUser(customerBId)).viewer;
  // A resolved complaint of customer A, worked by the handler's department, with its pending post-resolution callback.
  const complaint = await prisma.interaction.create({
    data: {
      number: 'TS-CBA-1',
      type: 'COMPLAINT',
      channel: 'PORTAL',
      status: 'RESOLVED',
      severity: 'GENERAL',
      resolvedAt: new Date(),
      customerId: customerAId,
      subject: '尺寸超差',
      description: '外径超差',
      responsibleDepartmentId: department.id,
      ownerId: h.user.id,
    },
  });
  complaintId = complaint.id;
  const agentId = agent.kind === 'staff' ? agent.userId : '';
  taskId = (
    await prisma.callback.create({
      data: {
        customerId: customerAId,
        interactionId: complaint.id,
        reason: 'POST_RESOLUTION',
        dueAt: new Date(Date.now() + 86_400_000),
        assigneeId: agentId,
      },
    })
  ).id;
});

describe('reading callbacks', () => {
  it('agents, service managers, quality and the executive read lists, counts and single tasks with their relations', async () => {
    for (const viewer of [agent, manager, quality, executive]) {
      const list = await gqlOk<{
        callbacks: { totalCount: number; nodes: { id: string }[] };
        callbackQueueCounts: { queue: string; count: number }[];
      }>(viewer, LIST);
      expect(list.callbacks.nodes.map((c) => c.id)).toEqual([taskId]);
      expect(list.callbackQueueCounts.find((c) => c.queue === 'PENDING')?.count).toBe(1);
      const one = await gqlOk<{
        callback: {
          customer: { id: string } | null;
          interaction: { number: string } | null;
          assignee: { id: string } | null;
        };
      }>(viewer, CALLBACK, { id: taskId });
      expect(one.callback).toMatchObject({ customer: { id: customerAId }, interaction: { number: 'TS-CBA-1' } });
      expect(one.callback.assignee).not.toBeNull();
    }
  });

  it('customers and department handlers are refused every callback field; anonymous visitors must sign in', async () => {
    for (const viewer of [customerA, customerB, handler]) {
      expect(errorCodes(await gqlAs(viewer, LIST))).toContain('FORBIDDEN');
      expect(errorCodes(await gqlAs(viewer, CALLBACK, { id: taskId }))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await gqlAs({ kind: 'anonymous' }, CALLBACK, { id: taskId }))).toEqual(['UNAUTHENTICATED']);
  });

  it('on the records they may read, customers and handlers see no callbacks; another organisation’s complaint is NOT_FOUND', async () => {
    const own = await gqlOk<{ interaction: { callbacks: unknown[] } }>(customerA, ON_INTERACTION, { id: complaintId });
    expect(own.interaction.callbacks).toEqual([]);
    const ownCustomer = await gqlOk<{ customer: { callbacks: unknown[] } }>(customerA, ON_CUSTOMER, {
      id: customerAId,
    });
    expect(ownCustomer.customer.callbacks).toEqual([]);
    expect(errorCodes(await gqlAs(customerB, ON_INTERACTION, { id: complaintId }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gqlAs(customerB, ON_CUSTOMER, { id: customerAId }))).toEqual(['NOT_FOUND']);
    const worked = await gqlOk<{ interaction: { callbacks: unknown[] } }>(handler, ON_INTERACTION, { id: complaintId });
    expect(worked.interaction.callbacks).toEqual([]);
    // Staff with callbacks:read see them on both.
    const forAgent = await gqlOk<{ interaction: { callbacks: { id: string }[] } }>(agent, ON_INTERACTION, {
      id: complaintId,
    });
    expect(forAgent.interaction.callbacks.map((c) => c.id)).toEqual([taskId]);
    const onCustomer = await gqlOk<{ customer: { callbacks: { id: string }[] } }>(quality, ON_CUSTOMER, {
      id: customerAId,
    });
    expect(onCustomer.customer.callbacks.map((c) => c.id)).toEqual([taskId]);
  });

  it('an API key reads with callbacks:read (relations only with their own scopes), and is refused without it', async () => {
    const readOnly = apiWith(['callbacks:read']);
    const one = await gqlOk<{ callback: { customer: unknown; interaction: unknown; assignee: unknown } }>(
      readOnly,
      CALLBACK,
      { id: taskId },
    );
    expect(one.callback).toMatchObject({ customer: null, interaction: null, assignee: null });
    const wide = await gqlOk<{ callback: { customer: { id: string }; interaction: { number: string } } }>(
      apiWith(['callbacks:read', 'customers:read', 'interactions:read']),
      CALLBACK,
      { id: taskId },
    );
    expect(wide.callback).toMatchObject({ customer: { id: customerAId }, interaction: { number: 'TS-CBA-1' } });
    expect(errorCodes(await gqlAs(apiWith(['interactions:read', 'customers:read']), CALLBACK, { id: taskId }))).toEqual(
      ['FORBIDDEN'],
    );
    const onInteraction = await gqlOk<{ interaction: { callbacks: unknown[] } }>(
      apiWith(['interactions:read']),
      ON_INTERACTION,
      { id: complaintId },
    );
    expect(onInteraction.interaction.callbacks).toEqual([]);
    expect(
      errorCodes(
        await gqlAs(readOnly, RECORD, { id: taskId, version: 1, input: { outcome: 'NO_PROBLEM', ...scores } }),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('viewerCanRecord / viewerCanManage follow the service: the assignee and the service manager, not quality or another agent', async () => {
    const other = (await createStaff('SERVICE_AGENT')).viewer;
    const admin = (await createStaff('ADMIN')).viewer;
    const Q = `query($id: ID!) { callback(id: $id) { viewerCanRecord viewerCanManage } }`;
    const ask = async (viewer: Viewer) =>
      (await gqlOk<{ callback: { viewerCanRecord: boolean; viewerCanManage: boolean } }>(viewer, Q, { id: taskId }))
        .callback;
    expect(await ask(agent)).toEqual({ viewerCanRecord: true, viewerCanManage: true });
    expect(await ask(manager)).toEqual({ viewerCanRecord: true, viewerCanManage: true });
    expect(await ask(other)).toEqual({ viewerCanRecord: false, viewerCanManage: false });
    expect(await ask(admin)).toEqual({ viewerCanRecord: false, viewerCanManage: true });
    expect(await ask(quality)).toEqual({ viewerCanRecord: false, viewerCanManage: false });
    expect(await ask(apiWith(['callbacks:read']))).toEqual({ viewerCanRecord: false, viewerCanManage: false });
  });

  it('an unknown or malformed id is NOT_FOUND', async () => {
    expect(errorCodes(await gqlAs(agent, CALLBACK, { id: '5b0a3c1e-1c7e-4b7a-9a52-3f2f4c1d9e00' }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(errorCodes(await gqlAs(agent, CALLBACK, { id: 'not-an-id' }))).toEqual(['NOT_FOUND']);
  });
});

describe('writing callbacks', () => {
  it('quality and the executive may read but not write; customers and handlers neither', async () => {
    const input = {
      customerId: customerAId,
      reason: 'PERIODIC',
      dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    };
    for (const viewer of [quality, executive, handler, customerA]) {
      expect(errorCodes(await gqlAs(viewer, CREATE, { input }))).toEqual(['FORBIDDEN']);
      expect(
        errorCodes(
          await gqlAs(viewer, RECORD, { id: taskId, version: 1, input: { outcome: 'NO_PROBLEM', ...scores } }),
        ),
      ).toEqual(['FORBIDDEN']);
    }
    const created = await gqlOk<{ createCallback: { assignee: { id: string } } }>(manager, CREATE, { input });
    expect(created.createCallback.assignee.id).toBe(manager.kind === 'staff' ? manager.userId : '');
  });

  it('field errors come back in extensions.fields; a stale version as CONFLICT with the current version', async () => {
    const missing = await gqlAs(agent, RECORD, {
      id: taskId,
      version: 1,
      input: { outcome: 'NO_PROBLEM', accuracyScore: 9 },
    });
    expect(errorCodes(missing)).toEqual(['BAD_USER_INPUT']);
    expect(missing.errors?.[0]?.extensions?.fields).toEqual({
      accuracyScore: expect.objectContaining({ key: 'callback.scoreRequired' }),
      timelinessScore: expect.objectContaining({ key: 'callback.scoreRequired' }),
      attitudeScore: expect.objectContaining({ key: 'callback.scoreRequired' }),
    });
    const stale = await gqlAs(agent, RECORD, { id: taskId, version: 7, input: { outcome: 'NO_PROBLEM', ...scores } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(1);
  });

  it('the assignee records it: the task is done and the complaint it follows up shows FOLLOW_UP_DONE', async () => {
    const result = await gqlOk<{
      recordCallback: { status: string; outcome: string; version: number; interaction: { status: string } };
    }>(agent, RECORD, {
      id: taskId,
      version: 1,
      input: { outcome: 'NO_PROBLEM', ...scores },
    });
    expect(result.recordCallback).toEqual({
      id: taskId,
      status: 'DONE',
      outcome: 'NO_PROBLEM',
      version: 2,
      interaction: { status: 'FOLLOW_UP_DONE' },
    });
    // The customer's timeline says the callback happened; the internals stay internal.
    const timeline = await gqlOk<{ interaction: { timeline: { action: string; message: { key: string } | null }[] } }>(
      customerA,
      `query($id: ID!) { interaction(id: $id) { timeline { action message { key } } } }`,
      { id: complaintId },
    );
    expect(timeline.interaction.timeline).toEqual(
      expect.arrayContaining([{ action: 'CALLBACK_RECORDED', message: { key: 'callback.onComplaintDone' } }]),
    );
    const history = await gqlOk<{ callback: { history: { action: string }[]; unreachableAttempts: number } }>(
      agent,
      `query($id: ID!) { callback(id: $id) { history { action } unreachableAttempts } }`,
      { id: taskId },
    );
    expect(history.callback).toEqual({ history: [{ action: 'RECORD' }], unreachableAttempts: 0 });
    // Done: nothing is offered any more.
    const after = await gqlOk<{ callback: { viewerCanRecord: boolean; viewerCanManage: boolean } }>(
      manager,
      `query($id: ID!) { callback(id: $id) { viewerCanRecord viewerCanManage } }`,
      { id: taskId },
    );
    expect(after.callback).toEqual({ viewerCanRecord: false, viewerCanManage: false });
  });

  it('callbackAssignees lists the active desk for writers only', async () => {
    const list = await gqlOk<{ callbackAssignees: { id: string; role: string }[] }>(
      agent,
      `{ callbackAssignees { id role } }`,
    );
    expect(new Set(list.callbackAssignees.map((u) => u.role))).toEqual(new Set(['SERVICE_AGENT', 'SERVICE_MANAGER']));
    expect(errorCodes(await gqlAs(quality, `{ callbackAssignees { id } }`))).toEqual(['FORBIDDEN']);
  });
});
