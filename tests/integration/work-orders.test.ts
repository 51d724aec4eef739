import { finished } from 'node:stream/promises';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as orderPdf } from '@/app/api/work-orders/[id]/order.pdf/route';
import { GET as signatureImage } from '@/app/api/work-orders/[id]/signature/route';
import { GET as statsExport } from '@/app/api/work-orders/stats/export/route';
import { runEscalationSweep } from '@/graphql/complaints/escalation.service';
import { localDate } from '@/graphql/complaints/sla-clock.rules';
import { WORK_ORDER_STATUSES } from '@/graphql/work-orders/work-order.rules';
import { prisma } from '@/server/db';
import { startQueue, stopQueue } from '@/server/queue/boss';
import { savePendingUpload } from '@/server/storage/pending-uploads';
import type { Viewer } from '@/server/viewer';
import { createApiKeyRow, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk, type GqlResult } from '../helpers/graphql';
import { useTempStorage } from '../helpers/interactions';
import { sessionCookie } from '../helpers/session';

// Issue 13 item 4: work orders (派工单, SPEC §7, seed 003 售后服务) through GraphQL, for every role and path.

const queueSchema = `pgboss_wotest_${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const ORDER = `id number status origin priority version description siteAddress equipment requestedAt scheduledAt
  acceptedAt departedAt arrivedAt finishedAt workDone fee receiptNo customerFeedback signerName signerPhone signedOffAt
  hasSignature returnFeedback reportedAt closedAt customerConfirmedAt onSiteComplaint onSiteComplaintDueAt
  onSiteComplaintOverdue viewerActions
  parts { name quantity direction } warrantyLines { kind part quantity cost }
  technician { id name } complaint { id number type } history { action fromState toState }`;
const CREATE = `mutation($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { ${ORDER} } }`;
const ASSIGN = `mutation($id: ID!, $version: Int!, $input: AssignWorkOrderInput!) {
  assignWorkOrder(id: $id, version: $version, input: $input) { ${ORDER} } }`;
const ADVANCE = `mutation($id: ID!, $version: Int!, $step: WorkOrderStep!) {
  advanceWorkOrder(id: $id, version: $version, step: $step) { ${ORDER} } }`;
const RECORD = `mutation($id: ID!, $version: Int!, $input: RecordWorkOrderWorkInput!) {
  recordWorkOrderWork(id: $id, version: $version, input: $input) { ${ORDER} } }`;
const SIGN = `mutation($id: ID!, $version: Int!, $input: SignOffWorkOrderInput!) {
  signOffWorkOrder(id: $id, version: $version, input: $input) { ${ORDER} } }`;
const REPORT = `mutation($id: ID!, $version: Int!, $feedback: String!) {
  reportBackWorkOrder(id: $id, version: $version, returnFeedback: $feedback) { ${ORDER} } }`;
const CLOSE = `mutation($id: ID!, $version: Int!) { closeWorkOrder(id: $id, version: $version) { ${ORDER} } }`;
const CANCEL = `mutation($id: ID!, $version: Int!, $reason: String!) {
  cancelWorkOrder(id: $id, version: $version, reason: $reason) { ${ORDER} } }`;
const FLAG = `mutation($id: ID!, $version: Int!, $complaint: String!) {
  flagWorkOrderComplaint(id: $id, version: $version, complaint: $complaint) { ${ORDER} } }`;
const REGISTER = `mutation($id: ID!, $version: Int!) { registerWorkOrderComplaint(id: $id, version: $version) { ${ORDER} } }`;
const WARRANTY = `mutation($id: ID!, $version: Int!, $input: WarrantyLineInput!) {
  addWorkOrderWarrantyLine(id: $id, version: $version, input: $input) { ${ORDER} } }`;
const CONFIRM = `mutation($id: ID!) { confirmWorkOrderVisit(id: $id) { ${ORDER} } }`;
const ONE = `query($id: ID!) { workOrder(id: $id) { ${ORDER} } }`;
const LIST = `query($filter: WorkOrderFilter) { workOrders(filter: $filter, first: 50) { totalCount nodes { id number } } }`;
const DAY = `query($technicianId: ID, $day: Date) { technicianDay(technicianId: $technicianId, day: $day) { id number } }`;
const STATS = `query($week: Date!) { workOrderWeeklyStats(weekStart: $week) { weekStart
  rows { technician { id } finished onTime fees partsUsed repeatRepairs } } }`;

type Order = {
  id: string;
  number: string;
  status: string;
  origin: string;
  version: number;
  hasSignature: boolean;
  viewerActions: string[];
  onSiteComplaintDueAt: string | null;
  complaint: { id: string; number: string; type: string } | null;
  history: { action: string }[];
  [key: string]: unknown;
};

let dispatcher: Viewer;
let dispatcher2: Viewer;
let agent: Viewer;
let quality: Viewer;
let techA: { id: string; viewer: Viewer };
let techB: { id: string; viewer: Viewer };
let customerId: string;
let otherCustomerId: string;
let customerViewer: Viewer;
let otherCustomerViewer: Viewer;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A pending upload as POST /api/uploads leaves it (the bytes claimed by the sign-off). */
async function upload(bytes: Uint8Array, fileName: string, mimeType: string): Promise<string> {
  const receipt = await savePendingUpload(async (file) => {
    file.end(bytes);
    await finished(file);
    return { fileName, mimeType, sizeBytes: bytes.length };
  });
  return receipt.token;
}

const ok = <T = Order>(result: GqlResult<Record<string, T>>): T => {
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return Object.values(result.data!)[0]!;
};

async function create(viewer: Viewer = dispatcher, input: Record<string, unknown> = {}): Promise<Order> {
  return ok(
    await gqlAs<Record<string, Order>>(viewer, CREATE, {
      input: {
        customerId,
        description: '空压机无法启动',
        siteAddress: '上海市浦东新区张江路 88 号',
        equipment: 'AC-200',
        ...input,
      },
    }),
  );
}
const run = (viewer: Viewer, query: string, variables: Record<string, unknown>) =>
  gqlAs<Record<string, Order>>(viewer, query, variables);
async function step(viewer: Viewer, order: Order, s: string): Promise<Order> {
  return ok(await run(viewer, ADVANCE, { id: order.id, version: order.version, step: s }));
}
async function assigned(technician = techA): Promise<Order> {
  const order = await create();
  return ok(
    await run(dispatcher, ASSIGN, { id: order.id, version: order.version, input: { technicianId: technician.id } }),
  );
}
async function finishedOrder(): Promise<Order> {
  let order = await assigned();
  for (const s of ['ACCEPT', 'DEPART', 'ARRIVE', 'FINISH']) order = await step(techA.viewer, order, s);
  return order;
}

beforeAll(async () => {
  useTempStorage();
  await startQueue({ schedule: false });
  ({ viewer: dispatcher } = await createStaff('DISPATCHER'));
  ({ viewer: dispatcher2 } = await createStaff('SERVICE_AGENT'));
  ({ viewer: agent } = await createStaff('SERVICE_AGENT'));
  ({ viewer: quality } = await createStaff('QUALITY_MANAGER'));
  await createStaff('SERVICE_MANAGER');
  const a = await createStaff('TECHNICIAN', { name: '技术员甲' });
  const b = await createStaff('TECHNICIAN', { name: '技术员乙' });
  techA = { id: a.user.id, viewer: a.viewer };
  techB = { id: b.user.id, viewer: b.viewer };
  customerId = (await createCustomerRecord({ name: '浦东精密机械有限公司' })).id;
  otherCustomerId = (await createCustomerRecord({ name: '苏州另一家公司' })).id;
  ({ viewer: customerViewer } = await createCustomerUser(customerId));
  ({ viewer: otherCustomerViewer } = await createCustomerUser(otherCustomerId));
});
afterAll(async () => {
  await stopQueue();
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

describe('creating work orders (the dispatcher)', () => {
  it('numbers PG-<year>-<6 digits> consecutively and records where the order came from', async () => {
    const first = await create();
    const second = await create();
    expect(first.number).toMatch(/^PG-\d{4}-\d{6}$/);
    expect(Number(second.number.slice(-6))).toBe(Number(first.number.slice(-6)) + 1);
    expect(first).toMatchObject({ status: 'CREATED', origin: 'MANUAL', priority: 'NORMAL' });
    expect(first.history.map((h) => h.action)).toEqual(['CREATE']);

    const call = await prisma.interaction.create({
      data: {
        number: `ZX-2026-9${Date.now() % 100000}`,
        type: 'CONSULTATION',
        channel: 'PHONE',
        customerId,
        subject: '设备报修来电',
        description: '空压机不启动',
      },
    });
    const fromCall = await create(dispatcher, { interactionId: call.id });
    expect(fromCall.origin).toBe('INTERACTION');
    const obligation = await prisma.keyAccountObligation.create({
      data: { customerId, kind: 'TRAINING', dueAt: new Date() },
    });
    const fromObligation = await create(dispatcher, { obligationId: obligation.id });
    expect(fromObligation.origin).toBe('OBLIGATION');
    // The source's screens list the orders dispatched from it (派工 links back), and nothing else.
    const bySource = async (filter: Record<string, string>) =>
      (await gqlOk<{ workOrders: { nodes: { id: string }[] } }>(dispatcher, LIST, { filter })).workOrders.nodes;
    expect(await bySource({ interactionId: call.id })).toEqual([{ id: fromCall.id, number: fromCall.number }]);
    expect(await bySource({ obligationId: obligation.id })).toEqual([
      { id: fromObligation.id, number: fromObligation.number },
    ]);
    expect(errorCodes(await run(dispatcher, LIST, { filter: { interactionId: 'nope' } }))).toEqual(['BAD_USER_INPUT']);
    // A source of another customer is refused on its field.
    const wrong = await run(dispatcher, CREATE, {
      input: { customerId: otherCustomerId, description: 'x', interactionId: call.id },
    });
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors![0]!.extensions!.fields).toHaveProperty('interactionId');
  });

  it('refuses a blank fault with a field error, and creation by a technician, a reader or a customer', async () => {
    const blank = await run(dispatcher, CREATE, { input: { customerId, description: '  ' } });
    expect(errorCodes(blank)).toEqual(['BAD_USER_INPUT']);
    expect(blank.errors![0]!.extensions!.fields).toHaveProperty('description');
    for (const viewer of [techA.viewer, quality, customerViewer]) {
      expect(errorCodes(await run(viewer, CREATE, { input: { customerId, description: '故障' } }))).toEqual([
        'FORBIDDEN',
      ]);
    }
  });
});

describe('assigning', () => {
  it("shows the technician's other orders that day, and lets one of two concurrent dispatchers win", async () => {
    const earlier = await assigned(techA);
    const order = await create();
    const day = await gqlOk<{ technicianDay: { id: string }[] }>(dispatcher, DAY, { technicianId: techA.id });
    expect(day.technicianDay.map((o) => o.id)).toContain(earlier.id);

    const results = await Promise.all([
      run(dispatcher, ASSIGN, { id: order.id, version: order.version, input: { technicianId: techA.id } }),
      run(dispatcher2, ASSIGN, { id: order.id, version: order.version, input: { technicianId: techB.id } }),
    ]);
    const codes = results.map((r) => (r.errors?.length ? errorCodes(r)[0] : 'OK')).sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const stored = await prisma.workOrder.findUniqueOrThrow({ where: { id: order.id } });
    expect(stored.version).toBe(order.version + 1);
    expect(stored.status).toBe('ASSIGNED');
  });

  it('refuses a user who is not an active technician', async () => {
    const order = await create();
    const bad = await run(dispatcher, ASSIGN, {
      id: order.id,
      version: order.version,
      input: { technicianId: (await createStaff('SERVICE_AGENT')).user.id },
    });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('the technician', () => {
  it("sees only their own orders: another technician's is NOT_FOUND to read and to change", async () => {
    const order = await assigned(techA);
    expect(errorCodes(await run(techB.viewer, ONE, { id: order.id }))).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(await run(techB.viewer, ADVANCE, { id: order.id, version: order.version, step: 'ACCEPT' })),
    ).toEqual(['NOT_FOUND']);
    const listB = await gqlOk<{ workOrders: { nodes: { id: string }[] } }>(techB.viewer, LIST, {});
    expect(listB.workOrders.nodes.map((o) => o.id)).not.toContain(order.id);
    // Asking for another technician's day gives the viewer's own.
    const dayB = await gqlOk<{ technicianDay: { id: string }[] }>(techB.viewer, DAY, { technicianId: techA.id });
    expect(dayB.technicianDay.map((o) => o.id)).not.toContain(order.id);
    // The 工作台's "today" block (the list filtered to today, cancelled left out): the technician's own, the
    // dispatcher's whole day.
    const today = {
      day: localDate(new Date(), 'Asia/Shanghai'),
      status: WORK_ORDER_STATUSES.filter((s) => s !== 'CANCELLED'),
    };
    const todayOf = async (viewer: Viewer) =>
      (await gqlOk<{ workOrders: { nodes: { id: string }[] } }>(viewer, LIST, { filter: today })).workOrders.nodes.map(
        (o) => o.id,
      );
    expect(await todayOf(techA.viewer)).toContain(order.id);
    expect(await todayOf(techB.viewer)).not.toContain(order.id);
    expect(await todayOf(dispatcher)).toContain(order.id);
    expect((await gqlOk<{ workOrder: Order }>(techA.viewer, ONE, { id: order.id })).workOrder.viewerActions).toContain(
      'ACCEPT',
    );
  });

  it('works the order through to the close: steps, work, fee with receipt, signature, report back; the dispatcher closes', async () => {
    let order = await assigned(techA);
    // The dispatcher cannot take the technician's steps, nor steps out of order be taken.
    expect(
      errorCodes(await run(dispatcher, ADVANCE, { id: order.id, version: order.version, step: 'ACCEPT' })),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await run(techA.viewer, ADVANCE, { id: order.id, version: order.version, step: 'FINISH' })),
    ).toEqual(['CONFLICT']);
    for (const s of ['ACCEPT', 'DEPART', 'ARRIVE']) order = await step(techA.viewer, order, s);
    expect(order.status).toBe('IN_PROGRESS');
    expect(order.arrivedAt).toBeTruthy();

    const noReceipt = await run(techA.viewer, RECORD, {
      id: order.id,
      version: order.version,
      input: { fee: '120.00' },
    });
    expect(errorCodes(noReceipt)).toEqual(['BAD_USER_INPUT']);
    expect(noReceipt.errors![0]!.extensions!.fields).toHaveProperty('receiptNo');
    order = ok(
      await run(techA.viewer, RECORD, {
        id: order.id,
        version: order.version,
        input: {
          workDone: '更换启动继电器，试机正常',
          fee: '120.50',
          receiptNo: 'SJ-0001',
          parts: [
            { name: '启动继电器', quantity: 1, direction: 'USED' },
            { name: '旧继电器', quantity: 1, direction: 'TAKEN_BACK' },
          ],
        },
      }),
    );
    expect(order).toMatchObject({ fee: '120.50', receiptNo: 'SJ-0001', workDone: '更换启动继电器，试机正常' });
    order = ok(
      await run(techA.viewer, WARRANTY, {
        id: order.id,
        version: order.version,
        input: { kind: 'REPLACE', part: '启动继电器', quantity: 1, cost: '85.00' },
      }),
    );
    expect(order.warrantyLines).toEqual([{ kind: 'REPLACE', part: '启动继电器', quantity: 1, cost: '85.00' }]);
    order = await step(techA.viewer, order, 'FINISH');
    expect(order.status).toBe('COMPLETED');

    // A signature that is not an image is refused with a clear error on its field.
    const notImage = await run(techA.viewer, SIGN, {
      id: order.id,
      version: order.version,
      input: { signatureUploadToken: await upload(Buffer.from('%PDF-1.4\n'), 'sig.pdf', 'application/pdf') },
    });
    expect(errorCodes(notImage)).toEqual(['BAD_USER_INPUT']);
    expect(notImage.errors![0]!.extensions!.fields).toMatchObject({
      signatureUploadToken: { key: 'workOrder.signatureNotImage' },
    });
    expect(notImage.errors![0]!.message).toMatch(/image/i);

    order = ok(
      await run(techA.viewer, SIGN, {
        id: order.id,
        version: order.version,
        input: {
          signatureUploadToken: await upload(PNG, 'signature.png', 'image/png'),
          signerName: '王经理',
          signerPhone: '13800138000',
          customerFeedback: '维修及时，满意',
        },
      }),
    );
    expect(order).toMatchObject({ status: 'SIGNED_OFF', hasSignature: true, signerName: '王经理' });

    expect(errorCodes(await run(techA.viewer, CLOSE, { id: order.id, version: order.version }))).toEqual(['FORBIDDEN']);
    order = ok(await run(techA.viewer, REPORT, { id: order.id, version: order.version, feedback: '已修复，旧件带回' }));
    expect(order.status).toBe('REPORTED');
    order = ok(await run(dispatcher, CLOSE, { id: order.id, version: order.version }));
    expect(order.status).toBe('CLOSED');
    expect(order.history.map((h) => h.action)).toEqual([
      'CREATE',
      'ASSIGN',
      'ACCEPT',
      'DEPART',
      'ARRIVE',
      'RECORD_WORK',
      'ADD_WARRANTY',
      'FINISH',
      'SIGN_OFF',
      'REPORT_BACK',
      'CLOSE',
    ]);

    // The printable PDF carries the signature as an image XObject; the image itself is served to who may read the order.
    const cookie = await sessionCookie((techA.viewer as { userId: string }).userId);
    const pdf = await orderPdf(
      new NextRequest(`http://localhost/api/work-orders/${order.id}/order.pdf`, { headers: { cookie } }),
      {
        params: Promise.resolve({ id: order.id }),
      },
    );
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
    const image = await signatureImage(
      new NextRequest(`http://localhost/api/work-orders/${order.id}/signature`, { headers: { cookie } }),
      { params: Promise.resolve({ id: order.id }) },
    );
    expect(image.headers.get('content-type')).toBe('image/png');
    const otherCookie = await sessionCookie((techB.viewer as { userId: string }).userId);
    const hidden = await orderPdf(
      new NextRequest(`http://localhost/api/work-orders/${order.id}/order.pdf`, { headers: { cookie: otherCookie } }),
      { params: Promise.resolve({ id: order.id }) },
    );
    expect(hidden.status).toBe(404);
  });

  it('lets the dispatcher cancel an order not yet reported, with a reason', async () => {
    const order = await assigned(techA);
    expect(errorCodes(await run(dispatcher, CANCEL, { id: order.id, version: order.version, reason: ' ' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(ok(await run(dispatcher, CANCEL, { id: order.id, version: order.version, reason: '客户取消' })).status).toBe(
      'CANCELLED',
    );
  });
});

describe('the on-site complaint (003: registered within 4 working hours)', () => {
  it('registers in one step through the intake and links the complaint; the desk', async () => {
    let order = await finishedOrder();
    order = ok(
      await run(techA.viewer, FLAG, { id: order.id, version: order.version, complaint: '客户对上次维修不满' }),
    );
    expect(order.onSiteComplaintDueAt).toBeTruthy();
    order = ok(await run(agent, REGISTER, { id: order.id, version: order.version }));
    expect(order.complaint).toMatchObject({ type: 'COMPLAINT' });
    expect(order.complaint!.number).toMatch(/^TS-\d{4}-\d{6}$/);
    const complaint = await prisma.interaction.findUniqueOrThrow({ where: { id: order.complaint!.id } });
    expect(complaint).toMatchObject({ customerId, channel: 'VISIT', description: '客户对上次维修不满' });
    expect(errorCodes(await run(agent, REGISTER, { id: order.id, version: order.version }))).toEqual(['CONFLICT']);
  });

  it("lets the order's own technician and a dispatcher register it without interactions:write; nobody else", async () => {
    const flagged = async () => {
      const order = await finishedOrder();
      return ok(await run(techA.viewer, FLAG, { id: order.id, version: order.version, complaint: '现场投诉：漏水' }));
    };
    // The order's own technician (the one on site): the action is offered and the complaint is registered.
    let order = await flagged();
    expect(order.viewerActions).toContain('REGISTER_COMPLAINT');
    // Another technician cannot see the order at all; a customer, a reader and an API key without
    // interactions:write may not register it.
    expect(errorCodes(await run(techB.viewer, REGISTER, { id: order.id, version: order.version }))).toEqual([
      'NOT_FOUND',
    ]);
    const fieldApp: Viewer = {
      kind: 'apiClient',
      apiKeyId: (await createApiKeyRow(['workorders:read', 'workorders:write'])).row.id,
      name: 'field app',
      scopes: ['workorders:read', 'workorders:write'],
    };
    const { viewer: executive } = await createStaff('EXECUTIVE');
    for (const viewer of [fieldApp, executive, customerViewer])
      expect(errorCodes(await run(viewer, REGISTER, { id: order.id, version: order.version }))).toEqual(['FORBIDDEN']);
    order = ok(await run(techA.viewer, REGISTER, { id: order.id, version: order.version }));
    expect(order.complaint).toMatchObject({ type: 'COMPLAINT' });
    const complaint = await prisma.interaction.findUniqueOrThrow({ where: { id: order.complaint!.id } });
    expect(complaint).toMatchObject({ customerId, channel: 'VISIT', registeredById: techA.id });

    // The dispatcher (workorders:write, no interactions:write).
    order = await flagged();
    expect((await gqlOk<{ workOrder: Order }>(dispatcher, ONE, { id: order.id })).workOrder.viewerActions).toContain(
      'REGISTER_COMPLAINT',
    );
    order = ok(await run(dispatcher, REGISTER, { id: order.id, version: order.version }));
    expect(order.complaint!.number).toMatch(/^TS-\d{4}-\d{6}$/);
  });

  it('escalates an order whose on-site complaint was not registered in time, once, through the sweep', async () => {
    let order = await finishedOrder();
    order = ok(
      await run(techA.viewer, FLAG, { id: order.id, version: order.version, complaint: '现场投诉：响应太慢' }),
    );
    const dueAt = new Date(order.onSiteComplaintDueAt!);
    await runEscalationSweep(new Date(dueAt.getTime() - 60_000));
    expect(await prisma.escalation.count({ where: { workOrderId: order.id } })).toBe(0);
    await runEscalationSweep(new Date(dueAt.getTime() + 60_000));
    await runEscalationSweep(new Date(dueAt.getTime() + 3_600_000));
    const escalations = await prisma.escalation.findMany({ where: { workOrderId: order.id } });
    expect(escalations).toMatchObject([{ reason: 'ONSITE_COMPLAINT_UNREGISTERED', level: 1 }]);
    expect(escalations[0]!.notifiedUserIds.length).toBeGreaterThan(0);
    const stored = await prisma.workOrder.findUniqueOrThrow({ where: { id: order.id } });
    expect(stored.escalationLevel).toBe(1);
  });
});

describe('the customer portal', () => {
  it('shows a customer their own orders and lets them confirm the visit; never another customer’s order', async () => {
    const order = await finishedOrder();
    const mine = await gqlOk<{ workOrders: { nodes: { id: string }[] } }>(customerViewer, LIST, {});
    expect(mine.workOrders.nodes.map((o) => o.id)).toContain(order.id);
    const seen = (await gqlOk<{ workOrder: Order }>(customerViewer, ONE, { id: order.id })).workOrder;
    expect(seen.viewerActions).toEqual(['CONFIRM_VISIT']);
    expect(seen.history).toEqual([]);

    const theirs = await gqlOk<{ workOrders: { nodes: { id: string }[] } }>(otherCustomerViewer, LIST, {});
    expect(theirs.workOrders.nodes.map((o) => o.id)).not.toContain(order.id);
    expect(errorCodes(await run(otherCustomerViewer, ONE, { id: order.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await run(otherCustomerViewer, CONFIRM, { id: order.id }))).toEqual(['NOT_FOUND']);
    // Asking for another customer's orders by filter gives nothing of theirs.
    const probed = await gqlOk<{ workOrders: { nodes: { id: string }[] } }>(otherCustomerViewer, LIST, {
      filter: { customerId },
    });
    expect(probed.workOrders.nodes).toEqual([]);

    const confirmed = ok(await run(customerViewer, CONFIRM, { id: order.id }));
    expect(confirmed.customerConfirmedAt).toBeTruthy();
    expect(errorCodes(await run(customerViewer, CONFIRM, { id: order.id }))).toEqual(['CONFLICT']);
    // The customer cannot take staff steps.
    expect(errorCodes(await run(customerViewer, CLOSE, { id: order.id, version: confirmed.version }))).toEqual([
      'FORBIDDEN',
    ]);
  });
});

describe('API keys', () => {
  it('reads and updates orders with workorders:write; workorders:read alone cannot write; no scope cannot read', async () => {
    const order = await assigned(techA);
    const writer: Viewer = {
      kind: 'apiClient',
      apiKeyId: (await createApiKeyRow(['workorders:read', 'workorders:write'])).row.id,
      name: 'field app',
      scopes: ['workorders:read', 'workorders:write'],
    };
    const reader: Viewer = { kind: 'apiClient', apiKeyId: 'k2', name: 'erp', scopes: ['workorders:read'] };
    const none: Viewer = { kind: 'apiClient', apiKeyId: 'k3', name: 'other', scopes: ['customers:read'] };
    expect((await gqlOk<{ workOrder: Order }>(writer, ONE, { id: order.id })).workOrder.number).toBe(order.number);
    expect((await step(writer, order, 'ACCEPT')).status).toBe('ACCEPTED');
    const fresh = (await gqlOk<{ workOrder: Order }>(reader, ONE, { id: order.id })).workOrder;
    expect(errorCodes(await run(reader, ADVANCE, { id: order.id, version: fresh.version, step: 'DEPART' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await run(none, ONE, { id: order.id }))).toEqual(['FORBIDDEN']);
  });
});

describe('weekly statistics per technician', () => {
  it('counts finished orders, on time, fees, parts and repeat repairs, and exports them as CSV', async () => {
    const statsTech = await createStaff('TECHNICIAN', { name: '统计技术员' });
    const statsCustomer = await createCustomerRecord({ name: '统计客户' });
    const sh = (local: string) => new Date(`${local}+08:00`);
    const base = {
      customerId: statsCustomer.id,
      technicianId: statsTech.user.id,
      description: '维修',
      equipment: 'PUMP-1',
      status: 'CLOSED' as const,
    };
    await prisma.workOrder.createMany({
      data: [
        {
          ...base,
          number: 'PG-2030-000001',
          createdAt: sh('2030-03-04T08:00:00'),
          requestedAt: sh('2030-03-04T10:00:00'),
          arrivedAt: sh('2030-03-04T09:30:00'),
          finishedAt: sh('2030-03-04T11:00:00'),
          fee: '100.00',
          parts: [{ name: '密封圈', quantity: 3, direction: 'USED' }],
        },
        {
          ...base,
          number: 'PG-2030-000002',
          equipment: 'PUMP-2', // another machine: no repeat of the first
          createdAt: sh('2030-03-05T08:00:00'),
          requestedAt: sh('2030-03-05T09:00:00'),
          arrivedAt: sh('2030-03-05T10:00:00'), // late
          finishedAt: sh('2030-03-05T12:00:00'),
          fee: '50.50',
        },
        // The same pump again on Sunday, within 30 days of the repair on Monday: a repeat repair.
        { ...base, number: 'PG-2030-000003', createdAt: sh('2030-03-10T20:00:00'), status: 'CREATED' },
        // Finished the next Monday: another week.
        {
          ...base,
          number: 'PG-2030-000004',
          createdAt: sh('2030-03-11T08:00:00'),
          finishedAt: sh('2030-03-11T09:00:00'),
        },
      ],
    });
    const stats = (
      await gqlOk<{
        workOrderWeeklyStats: { weekStart: string; rows: { technician: { id: string }; [k: string]: unknown }[] };
      }>(dispatcher, STATS, { week: '2030-03-06' })
    ).workOrderWeeklyStats;
    expect(stats.weekStart).toBe('2030-03-04');
    expect(stats.rows.find((r) => r.technician.id === statsTech.user.id)).toMatchObject({
      finished: 2,
      onTime: 1,
      fees: '150.50',
      partsUsed: 3,
      repeatRepairs: 1,
    });
    // A technician sees their own row only.
    const own = await gqlOk<{ workOrderWeeklyStats: { rows: { technician: { id: string } }[] } }>(
      statsTech.viewer,
      STATS,
      { week: '2030-03-06' },
    );
    expect(own.workOrderWeeklyStats.rows.map((r) => r.technician.id)).toEqual([statsTech.user.id]);

    const cookie = await sessionCookie((dispatcher as { userId: string }).userId);
    const csv = await statsExport(
      new NextRequest('http://localhost/api/work-orders/stats/export?week=2030-03-06&format=csv', {
        headers: { cookie },
      }),
    );
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain('技术员,完工单数,准时到达,收费（元）,配件用量,返修');
    expect(text).toContain('统计技术员,2,1,150.50,3,1');
    const xlsx = await statsExport(
      new NextRequest('http://localhost/api/work-orders/stats/export?week=2030-03-06&format=xlsx', {
        headers: { cookie },
      }),
    );
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const customerCookie = await sessionCookie((customerViewer as { userId: string }).userId);
    const refused = await statsExport(
      new NextRequest('http://localhost/api/work-orders/stats/export?week=2030-03-06', {
        headers: { cookie: customerCookie },
      }),
    );
    expect(refused.status).toBe(403);
  });
});
