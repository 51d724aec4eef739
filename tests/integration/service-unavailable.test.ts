import { createServer as createTcpServer, connect, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApolloServer } from '@/graphql/server';
import { disconnectPrisma, prisma } from '@/server/db';
import { createGate } from '@/server/http/admission';
import { createAppHttpServer, type AppHttpServer } from '@/server/http/http-server';
import { createApiKeyRow, createCustomerRecord } from '../helpers/factories';

/**
 * Connections are a budget (issue "hold at real scale"): a request that cannot get a connection within its budget, or
 * that meets a database that is down, answers 503 SERVICE_UNAVAILABLE with Retry-After quickly — and service comes
 * back by itself, without a restart, once connections are free or the database is back.
 *
 * The app's database is reached through a TCP relay in this file, so "the database goes down" is the relay refusing
 * and cutting connections — exactly what the app sees of a stopped server — without stopping the suite's database.
 */
const realUrl = new URL(process.env.DATABASE_URL!);
let relay: { server: TcpServer; port: number; sockets: Set<Socket> };
let app: AppHttpServer;
let base: string;
let apiKey: string;
let customerId: string;

function startRelay(port = 0): Promise<typeof relay> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    const upstream = connect(Number(realUrl.port), realUrl.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, sockets })),
  );
}

async function stopRelay() {
  await new Promise<void>((resolve) => {
    relay.server.close(() => resolve());
    for (const s of relay.sockets) s.destroy();
  });
}

async function ask(): Promise<{ status: number; retryAfter: string | null; code: unknown; ms: number; data: unknown }> {
  const started = performance.now();
  const response = await fetch(`${base}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: 'query($id: ID!) { customer(id: $id) { id name } }', variables: { id: customerId } }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    code: body.errors?.[0]?.extensions?.code,
    ms: performance.now() - started,
    data: body.data,
  };
}

beforeAll(async () => {
  const customer = await createCustomerRecord({ name: '预算测试公司' });
  customerId = customer.id;
  apiKey = (await createApiKeyRow(['customers:read'])).key;
  relay = await startRelay();
  // From here on the app's pools go through the relay, with a small pool and a short budget.
  await disconnectPrisma();
  const url = new URL(realUrl);
  url.port = String(relay.port);
  process.env.DATABASE_URL = url.toString();
  process.env.DATABASE_POOL_SIZE = '1';
  process.env.DATABASE_ACQUIRE_TIMEOUT_MS = '600';
  const apollo = createApolloServer();
  await apollo.start();
  app = createAppHttpServer({ apollo, gates: { interactive: createGate('interactive', 50, 600) } });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app.drain(1000);
  await disconnectPrisma();
  await stopRelay().catch(() => undefined);
  process.env.DATABASE_URL = realUrl.toString();
  delete process.env.DATABASE_POOL_SIZE;
  delete process.env.DATABASE_ACQUIRE_TIMEOUT_MS;
});

describe('the interactive budget', () => {
  it('answers 503 with Retry-After within the budget while every connection is taken, and serves again at once after', async () => {
    expect((await ask()).status).toBe(200);
    // The pool's one connection is held by work that takes 2 s.
    const holder = prisma.$transaction(async (tx) => tx.$executeRawUnsafe('SELECT pg_sleep(2)'), {
      maxWait: 5_000,
      timeout: 10_000,
    });
    await new Promise((r) => setTimeout(r, 200));
    const refused = await Promise.all([ask(), ask(), ask()]);
    for (const r of refused) {
      expect(r).toMatchObject({ status: 503, retryAfter: '5', code: 'SERVICE_UNAVAILABLE' });
      expect(r.ms).toBeLessThan(1_500); // the 600 ms budget, not a 30-second hang
    }
    await holder;
    const served = await ask();
    expect(served.status).toBe(200);
    expect(served.data).toEqual({ customer: { id: customerId, name: '预算测试公司' } });
  });

  it('refuses at the door when more requests wait than the gate admits', async () => {
    const gate = createGate('tiny', 1, 100);
    const hold = await gate.enter();
    expect(hold).not.toBeNull();
    const started = performance.now();
    expect(await gate.enter()).toBeNull();
    expect(performance.now() - started).toBeLessThan(400);
    hold!();
    const next = await gate.enter();
    expect(next).not.toBeNull();
    next!();
  });
});

describe('a database that is down', () => {
  it('answers 503 SERVICE_UNAVAILABLE quickly, and serves again without a restart when it is back', async () => {
    expect((await ask()).status).toBe(200);
    const port = relay.port;
    await stopRelay();
    const down = await ask();
    expect(down).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '5' });
    expect(down.ms).toBeLessThan(3_000);
    relay = await startRelay(port);
    let back = await ask();
    // pg hands out a fresh connection for the next query; allow the pool a moment to drop the dead ones.
    for (let i = 0; i < 10 && back.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      back = await ask();
    }
    expect(back.status).toBe(200);
    expect(back.data).toEqual({ customer: { id: customerId, name: '预算测试公司' } });
  });
});
