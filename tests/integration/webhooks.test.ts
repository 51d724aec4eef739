import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '@/graphql/complaints/complaint.service';
import { createCustomer, updateCustomer } from '@/graphql/customers/customer.service';
import { recordInteraction } from '@/graphql/interactions/interaction.service';
import { importCustomers } from '@/graphql/customers/customer.import';
import { runKeyAccountProposal } from '@/graphql/key-accounts/key-account.service';
import { deliverDueWebhooks } from '@/graphql/webhooks/webhook-delivery.service';
import { WEBHOOK_EVENT_TYPES } from '@/graphql/webhooks/webhook-events.rules';
import { verifyWebhook } from '@/graphql/webhooks/webhook-signature.service';
import { invalidateWebhookSubscriptions } from '@/graphql/webhooks/webhook-outbox.service';
import { createWebhookEndpoint, updateWebhookSettings } from '@/graphql/webhooks/webhook.service';
import type { Prisma } from '@/generated/prisma/client';
import { prisma } from '@/server/db';
import { startWorkers, stopWorkers } from '@/server/queue/workers';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

// Webhooks end to end against a receiver this file starts (node:http on 127.0.0.1 — so the tests allow private
// targets explicitly once the SSRF refusals are checked).
type Received = { path: string; id: string; timestamp: string; signature: string; body: string };
const received: Received[] = [];
const failing = new Set<string>();
let server: Server;
let base = '';
let admin: Viewer;
let adminId = '';
let agent: Viewer;
let settingsVersion = 0;
let departmentId = '';

const bodiesAt = (path: string) => received.filter((r) => r.path === path);
const typesAt = (path: string) => bodiesAt(path).map((r) => (JSON.parse(r.body) as { type: string }).type);

/** A new endpoint, the only active one: each test reads what its own receiver path got. */
async function register(path: string, eventTypes: readonly string[] = WEBHOOK_EVENT_TYPES) {
  await deactivateAll();
  return createWebhookEndpoint(admin, { url: `${base}${path}`, eventTypes: [...eventTypes] });
}
/**
 * Endpoints written here directly, not through the webhook service: the outbox's cached subscriptions are told, as
 * the service tells them after its writes.
 */
async function deactivateAll(where: Prisma.WebhookEndpointWhereInput = {}) {
  await prisma.webhookEndpoint.updateMany({ where, data: { active: false } });
  invalidateWebhookSubscriptions();
}
async function setSettings(allowPrivateTargets: boolean, failureLimit: number) {
  const s = await updateWebhookSettings(admin, settingsVersion, { allowPrivateTargets, failureLimit });
  settingsVersion = s.version;
}
const later = (ms: number) => new Date(Date.now() + ms);

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const path = req.url ?? '/';
      if (failing.has(path)) {
        res.writeHead(503).end('down for maintenance');
        return;
      }
      received.push({
        path,
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        body,
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const a = await createStaff('ADMIN');
  admin = a.viewer;
  adminId = a.user.id;
  agent = (await createStaff('SERVICE_AGENT')).viewer;
  departmentId = (await prisma.department.create({ data: { code: 'QA', name: '质量部' } })).id;
});

afterAll(async () => {
  await stopWorkers(5_000);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('webhook administration', () => {
  it('is for admins only: FORBIDDEN for other staff', async () => {
    expect(errorCodes(await gqlAs(agent, '{ webhookEndpoints { id } }'))).toEqual(['FORBIDDEN']);
    const create = await gqlAs(
      agent,
      'mutation($i: WebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret } }',
      { i: { url: 'https://hooks.example.com/x', eventTypes: ['customer.created'] } },
    );
    expect(errorCodes(create)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(agent, '{ webhookSettings { failureLimit } }'))).toEqual(['FORBIDDEN']);
  });

  it('refuses loopback, link-local and private targets (SSRF) unless the admin setting allows them', async () => {
    const attempt = (url: string) =>
      gqlAs(admin, 'mutation($i: WebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret } }', {
        i: { url, eventTypes: ['customer.created'] },
      });
    const refusals: [string, string][] = [
      ['http://127.0.0.1:9/hook', 'webhook.targetLoopback'],
      ['http://[::1]:9/hook', 'webhook.targetLoopback'],
      ['http://localhost:9/hook', 'webhook.targetLoopback'],
      ['http://10.1.2.3/hook', 'webhook.targetPrivate'],
      ['http://192.168.1.20/hook', 'webhook.targetPrivate'],
      ['http://169.254.169.254/latest/meta-data', 'webhook.targetLinkLocal'],
      ['ftp://hooks.example.com/x', 'webhook.targetScheme'],
    ];
    for (const [url, key] of refusals) {
      const result = await attempt(url);
      expect(errorCodes(result), url).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.fields).toMatchObject({ url: { key } });
    }
    expect(await prisma.webhookEndpoint.count()).toBe(0);
    await setSettings(true, 20);
    const ok = await gqlOk<{ createWebhookEndpoint: { secret: string; endpoint: { url: string; active: boolean } } }>(
      admin,
      'mutation($i: WebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret endpoint { url active } } }',
      { i: { url: `${base}/allowed`, eventTypes: ['customer.created'], active: false } },
    );
    expect(ok.createWebhookEndpoint.secret).toMatch(/^whsec_/);
    expect(ok.createWebhookEndpoint.endpoint).toEqual({ url: `${base}/allowed`, active: false });
  });
});

describe('webhook delivery', () => {
  it('delivers each event once, signed (webhook-id, webhook-timestamp, webhook-signature)', async () => {
    const { secret } = await register('/all');
    const customer = await createCustomer(agent, { name: '苏州回调精密' });
    const updated = await updateCustomer(agent, customer.id, customer.version, { name: '苏州回调精密有限公司' });
    const complaint = await recordInteraction(agent, {
      type: 'COMPLAINT',
      channel: 'PHONE',
      customerId: updated.id,
      subject: '来料尺寸超差',
      description: '抽检 20 件，孔径偏大',
    });
    const triaged = await runCommand(agent, complaint.id, complaint.version, {
      type: 'TRIAGE',
      severity: 'GENERAL',
      causeClass: 'QUALITY',
      triageResult: 'WITHIN_AUTHORITY',
      responsibleDepartmentId: departmentId,
      ownerId: null,
    });
    expect(triaged.status).toBe('TRIAGED');
    const run = await deliverDueWebhooks(later(1000));
    expect(run).toMatchObject({ succeeded: 4, retrying: 0, failed: 0 });
    // Once: a second run finds nothing due.
    expect(await deliverDueWebhooks(later(60_000))).toMatchObject({ succeeded: 0, retrying: 0 });
    const got = bodiesAt('/all');
    expect(typesAt('/all').sort()).toEqual(
      ['complaint.triaged', 'customer.created', 'customer.updated', 'interaction.received'].sort(),
    );
    expect(new Set(got.map((r) => r.id)).size).toBe(4);
    for (const r of got) expect(verifyWebhook(secret, r, r.body, Number(r.timestamp)), `${r.id} signature`).toBe(true);
    const triage = got.find((r) => r.body.includes('complaint.triaged'))!;
    expect(JSON.parse(triage.body)).toMatchObject({
      type: 'complaint.triaged',
      data: { id: complaint.id, number: complaint.number, status: 'TRIAGED', from: 'REGISTERED' },
    });
    // The deliveries are logged as delivered, with the answer.
    const log = await prisma.webhookDelivery.findMany({ where: { id: { in: got.map((r) => r.id) } } });
    expect(log.every((d) => d.status === 'SUCCEEDED' && d.attempts === 1 && d.lastStatusCode === 200)).toBe(true);
    expect(log[0]!.lastResponse).toBe('ok');
  });

  it('does not record an event whose change rolled back', async () => {
    await register('/rollback', ['customer.updated']);
    const customer = await createCustomer(agent, { name: '回滚测试公司' });
    await expect(updateCustomer(agent, customer.id, customer.version + 5, { name: '不会生效' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await deliverDueWebhooks(later(1000));
    expect(bodiesAt('/rollback')).toHaveLength(0);
  });

  it('answers from cached subscriptions; a stale cache neither fails the write nor feeds a removed endpoint', async () => {
    const kept = (await register('/cached', ['customer.created'])).endpoint;
    const gone = (await createWebhookEndpoint(admin, { url: `${base}/gone`, eventTypes: ['customer.created'] }))
      .endpoint;
    await createCustomer(agent, { name: '缓存预热公司' }); // both endpoints are in the cache now
    // Changed behind the cache's back (as another instance would): one endpoint disabled, one deleted.
    await prisma.webhookEndpoint.update({ where: { id: kept.id }, data: { active: false } });
    await prisma.webhookEndpoint.delete({ where: { id: gone.id } });
    await createCustomer(agent, { name: '缓存过期公司' });
    expect(await prisma.webhookDelivery.count({ where: { endpointId: kept.id } })).toBe(1);
    // Told (as the service does after its writes): the next event asks afresh.
    await prisma.webhookEndpoint.update({ where: { id: kept.id }, data: { active: true } });
    invalidateWebhookSubscriptions();
    await createCustomer(agent, { name: '缓存刷新公司' });
    expect(await prisma.webhookDelivery.count({ where: { endpointId: kept.id } })).toBe(2);
    await deactivateAll({ id: kept.id });
  });

  it('retries while the receiver is down, then delivers a record’s events in order', async () => {
    await register('/flaky', ['customer.updated']);
    const customer = await createCustomer(agent, { name: '顺序测试公司' });
    let version = customer.version;
    for (const name of ['顺序一', '顺序二', '顺序三'])
      version = (await updateCustomer(agent, customer.id, version, { name })).version;
    failing.add('/flaky');
    expect(await deliverDueWebhooks(later(1000))).toMatchObject({ retrying: 1, succeeded: 0 });
    // Not yet due: the first retry waits 30 s; the later events wait behind the first.
    expect(await deliverDueWebhooks(later(10_000))).toMatchObject({ retrying: 0, succeeded: 0 });
    expect(await deliverDueWebhooks(later(45_000))).toMatchObject({ retrying: 1, succeeded: 0 });
    failing.delete('/flaky');
    expect(await deliverDueWebhooks(later(5 * 60_000))).toMatchObject({ succeeded: 3 });
    const names = bodiesAt('/flaky').map((r) => (JSON.parse(r.body) as { data: { name: string } }).data.name);
    expect(names).toEqual(['顺序一', '顺序二', '顺序三']);
    const first = await prisma.webhookDelivery.findFirstOrThrow({
      where: { endpoint: { url: `${base}/flaky` } },
      orderBy: { seq: 'asc' },
    });
    expect(first).toMatchObject({ status: 'SUCCEEDED', attempts: 3, lastStatusCode: 200 });
  });

  it('disables an endpoint that always fails after the configured attempts and notifies the admins', async () => {
    await setSettings(true, 3);
    const { endpoint } = await register('/broken', ['customer.created']);
    failing.add('/broken');
    await createCustomer(agent, { name: '总失败公司' });
    for (const offset of [1000, 60_000, 5 * 60_000]) await deliverDueWebhooks(later(offset));
    const after = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(after).toMatchObject({ active: false, consecutiveFailures: 3 });
    expect(after.disabledAt).not.toBeNull();
    const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 3, lastStatusCode: 503 });
    expect(delivery.lastResponse).toBe('down for maintenance');
    // No more attempts while disabled.
    expect(await deliverDueWebhooks(later(24 * 3600_000 - 60_000))).toMatchObject({ retrying: 0, failed: 0 });
    const notices = await prisma.notification.findMany({ where: { userId: adminId, kind: 'WEBHOOK_DISABLED' } });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ entityType: 'WebhookEndpoint', entityId: endpoint.id });
    expect(notices[0]!.messageParams).toMatchObject({ url: `${base}/broken`, failures: 3 });
    failing.delete('/broken');
    await setSettings(true, 20);
  });

  it('checks the target again at delivery time: private targets refused once the setting is off', async () => {
    const { endpoint } = await register('/later-refused', ['customer.created']);
    await setSettings(false, 20);
    await createCustomer(agent, { name: '投递时拒绝公司' });
    await deliverDueWebhooks(later(1000));
    const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: null });
    expect(delivery.lastError).toMatch(/target refused: loopback/);
    expect(bodiesAt('/later-refused')).toHaveLength(0);
    await setSettings(true, 20);
    await deactivateAll({ id: endpoint.id });
  });

  it('sends a test event and redelivers it with the same webhook-id, both in the delivery log', async () => {
    const { endpoint } = await register('/test', ['customer.created']);
    const sent = await gqlOk<{
      sendWebhookTestEvent: { id: string; status: string; eventType: string; lastStatusCode: number };
    }>(
      admin,
      'mutation($id: ID!) { sendWebhookTestEvent(endpointId: $id) { id status eventType lastStatusCode lastLatencyMs } }',
      { id: endpoint.id },
    );
    expect(sent.sendWebhookTestEvent).toMatchObject({
      status: 'SUCCEEDED',
      eventType: 'webhook.test',
      lastStatusCode: 200,
    });
    const again = await gqlOk<{ redeliverWebhook: { id: string; status: string; attempts: number } }>(
      admin,
      'mutation($id: ID!) { redeliverWebhook(id: $id) { id status attempts } }',
      { id: sent.sendWebhookTestEvent.id },
    );
    expect(again.redeliverWebhook).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
    expect(bodiesAt('/test').map((r) => r.id)).toEqual([sent.sendWebhookTestEvent.id, sent.sendWebhookTestEvent.id]);
    const log = await gqlOk<{
      webhookDeliveries: { totalCount: number; nodes: { eventType: string; lastResponse: string }[] };
    }>(
      admin,
      'query($id: ID!) { webhookDeliveries(endpointId: $id, first: 10) { totalCount nodes { eventType lastResponse } } }',
      { id: endpoint.id },
    );
    expect(log.webhookDeliveries).toEqual({
      totalCount: 1,
      nodes: [{ eventType: 'webhook.test', lastResponse: 'ok' }],
    });
  });

  it('the customer import and the nightly key-account proposal emit their events, set-based, with the change', async () => {
    await register('/bulk', ['customer.created', 'key_account.status_changed']);
    const imported = await importCustomers(agent, {
      format: 'CSV',
      content: ['公司名称,证书编号', '导入一公司,IMP-1', '导入二公司,IMP-2'].join('\n'),
    });
    expect(imported.importedCount).toBe(2);
    // A customer the criteria nominate (good credit, ≥ 500,000 in contracts within the window).
    const big = await createCustomerRecord({ name: '大额合同公司', creditStanding: 'GOOD' });
    await prisma.contract.create({
      data: { customerId: big.id, contractNo: 'C-BULK-1', amount: '600000.00', signedAt: new Date() },
    });
    expect((await runKeyAccountProposal()).nominated).toBe(1);

    await deliverDueWebhooks(later(1000));
    const bodies = bodiesAt('/bulk').map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    expect(
      bodies
        .filter((b) => b.type === 'customer.created')
        .map((b) => b.data.name)
        .sort(),
    ).toEqual(['导入一公司', '导入二公司']);
    const imported1 = bodies.find((b) => b.data.name === '导入一公司')!.data;
    expect(imported1).toMatchObject({ status: 'ACTIVE', keyAccountStatus: 'NONE', subject: { type: 'Customer' } });
    expect(bodies.filter((b) => b.type === 'key_account.status_changed').map((b) => b.data)).toEqual([
      { customerId: big.id, from: 'NONE', to: 'CANDIDATE', subject: { type: 'Customer', id: big.id } },
    ]);
    // Each signed like any other delivery.
    for (const r of bodiesAt('/bulk')) expect(r.signature).toMatch(/^v1,/);
  });

  it('delivers through the pg-boss worker: the event’s transaction wakes it', async () => {
    await startWorkers({
      schedule: false,
      sweepCron: null,
      surveyCron: null,
      webhookCron: null,
      pollingIntervalSeconds: 0.5,
    });
    await register('/queued', ['customer.created']);
    await createCustomer(agent, { name: '队列投递公司' });
    const deadline = Date.now() + 20_000;
    while (bodiesAt('/queued').length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(typesAt('/queued')).toEqual(['customer.created']);
  });
});
