import pg from 'pg';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/graphql/route';
import { todayIn } from '@/lib/format';
import { admitApiKey, flushApiKeyUsage, recordApiKeyUsage } from '@/server/auth/api-key-gate';
import { apiKeyLeaseSize } from '@/server/auth/rate-limit';
import { checkApiKey } from '@/server/auth/api-keys';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { API_KEY_RATE_LIMIT } from '@/graphql/admin/api-key.rules';
import { createApiKeyRow, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

type Body = { data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function call(key: string, query = '{ customers(first: 1) { totalCount } }') {
  const response = await POST(
    new NextRequest('http://localhost/api/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query }),
    }),
  );
  return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
}
const codes = (body: Body) => (body.errors ?? []).map((e) => e.extensions?.code);

const USAGE = `{ apiKeys { id name effectiveRateLimitPerMinute rateLimitPerMinute usage { day calls errors } } }`;
const ROTATE = `mutation ($id: ID!, $overlapHours: Int) {
  rotateApiKey(id: $id, overlapHours: $overlapHours) { key apiKey { id prefix rotatedAt previousKeyExpiresAt } }
}`;

let admin: Viewer;
beforeAll(async () => {
  admin = (await createStaff('ADMIN')).viewer;
});

describe('per-key rate limit', () => {
  it('answers N calls and refuses call N+1 with 429, Retry-After and RATE_LIMITED', async () => {
    const { key } = await createApiKeyRow(['customers:read'], { rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) {
      const ok = await call(key);
      expect(ok.status).toBe(200);
      expect(codes(ok.body)).toEqual([]);
    }
    const refused = await call(key);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(API_KEY_RATE_LIMIT.windowSeconds);
    expect(codes(refused.body)).toEqual(['RATE_LIMITED']);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ retryAfterSeconds: retryAfter });
    expect(refused.body.errors![0]!.message).toContain('3 requests per minute');
  });

  it('counts per key: another key is not limited by the first one’s calls; the default applies without a limit', async () => {
    const { key: busy } = await createApiKeyRow(['customers:read'], { rateLimitPerMinute: 1 });
    const { key: other, row } = await createApiKeyRow(['customers:read']);
    expect((await call(busy)).status).toBe(200);
    expect((await call(busy)).status).toBe(429);
    expect((await call(other)).status).toBe(200);
    const listed = await gqlOk<{ apiKeys: { id: string; effectiveRateLimitPerMinute: number }[] }>(admin, USAGE);
    expect(listed.apiKeys.find((k) => k.id === row.id)!.effectiveRateLimitPerMinute).toBe(
      API_KEY_RATE_LIMIT.defaultPerMinute,
    );
  });

  it('an administrator sets a key’s limit within the allowed range; others may not', async () => {
    const { row } = await createApiKeyRow(['customers:read']);
    const SET = `mutation ($id: ID!, $n: Int) { setApiKeyRateLimit(id: $id, rateLimitPerMinute: $n) { rateLimitPerMinute effectiveRateLimitPerMinute } }`;
    expect(await gqlOk(admin, SET, { id: row.id, n: 10 })).toEqual({
      setApiKeyRateLimit: { rateLimitPerMinute: 10, effectiveRateLimitPerMinute: 10 },
    });
    expect(errorCodes(await gqlAs(admin, SET, { id: row.id, n: 0 }))).toEqual(['BAD_USER_INPUT']);
    const agent = (await createStaff('SERVICE_AGENT')).viewer;
    expect(errorCodes(await gqlAs(agent, SET, { id: row.id, n: 5 }))).toEqual(['FORBIDDEN']);
  });
});

describe('the limit and the usage count cost PostgreSQL a write per lease and per batch, not per call', () => {
  // Every statement leaving this process, as tests/integration/statement-counts.test.ts counts them.
  async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
    const seen: string[] = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      seen.push(typeof config === 'string' ? config : (config?.text ?? ''));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      await work();
    } finally {
      pg.Client.prototype.query = original;
    }
    return seen;
  }

  it('a busy key: exactly its limit admitted among many concurrent calls, the shared count written once per lease', async () => {
    const limit = 1_000;
    const lease = apiKeyLeaseSize(limit);
    expect(lease).toBeGreaterThan(1);
    const { key } = await createApiKeyRow(['customers:read'], { rateLimitPerMinute: limit });
    const headers = new Headers({ authorization: `Bearer ${key}` });
    const results: Awaited<ReturnType<typeof admitApiKey>>[] = [];
    const statements = await statementsOf(async () => {
      results.push(...(await Promise.all(Array.from({ length: limit + 37 }, () => admitApiKey(headers)))));
    });
    expect(results.filter((r) => r.kind === 'admitted')).toHaveLength(limit);
    const refused = results.filter((r) => r.kind === 'refused');
    expect(refused).toHaveLength(37);
    expect(refused.every((r) => r.kind === 'refused' && r.status === 429 && r.retryAfterSeconds! >= 1)).toBe(true);
    const rateLimitWrites = statements.filter((s) => /"RateLimit"/.test(s) && /^\s*(INSERT|UPDATE)/i.test(s));
    expect(rateLimitWrites.length).toBeGreaterThanOrEqual(limit / lease);
    expect(rateLimitWrites.length).toBeLessThanOrEqual(limit / lease + 2);
    expect(statements.filter((s) => /"ApiKeyUsage"/.test(s))).toEqual([]); // counted in process until the flush
  });

  it('small limits stay exact per call: a lease of one point', () => {
    expect(apiKeyLeaseSize(1)).toBe(1);
    expect(apiKeyLeaseSize(API_KEY_RATE_LIMIT.defaultPerMinute)).toBeLessThanOrEqual(3);
    expect(apiKeyLeaseSize(API_KEY_RATE_LIMIT.maxPerMinute)).toBe(200);
  });

  it('usage: a hundred calls of two keys are one statement when written', async () => {
    const a = (await createApiKeyRow(['customers:read'])).row;
    const b = (await createApiKeyRow(['customers:read'])).row;
    await flushApiKeyUsage();
    const counting = await statementsOf(async () => {
      for (let i = 0; i < 100; i++) recordApiKeyUsage(i % 2 ? a.id : b.id, i % 10 === 0);
    });
    expect(counting).toEqual([]);
    const flushed = await statementsOf(() => flushApiKeyUsage());
    expect(flushed.filter((s) => /"ApiKeyUsage"/.test(s))).toHaveLength(1);
    const rows = await prisma.apiKeyUsage.findMany({ where: { apiKeyId: { in: [a.id, b.id] } } });
    expect(rows.map((r) => [r.apiKeyId === a.id ? 'a' : 'b', r.calls, r.errors]).sort()).toEqual([
      ['a', 50, 0],
      ['b', 50, 10],
    ]);
  });
});

describe('usage per key and day', () => {
  it('counts calls and errors in one row per day (Asia/Shanghai), shown on the API-keys list', async () => {
    const { key, row } = await createApiKeyRow(['customers:read']);
    await call(key);
    await call(key);
    const forbidden = await call(key, '{ interactions { totalCount } }'); // no interactions:read
    expect(codes(forbidden.body)).toEqual(['FORBIDDEN']);
    const yesterday = new Date(Date.now() - 86_400_000);
    recordApiKeyUsage(row.id, true, yesterday);
    await flushApiKeyUsage(); // counted in process, written in batches

    const rows = await prisma.apiKeyUsage.findMany({ where: { apiKeyId: row.id }, orderBy: { day: 'asc' } });
    expect(rows).toHaveLength(2); // one per day, not one per call
    const today = todayIn('Asia/Shanghai');
    expect(rows.map((r) => [r.day.toISOString().slice(0, 10), r.calls, r.errors])).toEqual([
      [todayIn('Asia/Shanghai', yesterday), 1, 1],
      [today, 3, 1],
    ]);

    const listed = await gqlOk<{ apiKeys: { id: string; usage: { day: string; calls: number; errors: number }[] }[] }>(
      admin,
      USAGE,
    );
    const usage = listed.apiKeys.find((k) => k.id === row.id)!.usage;
    expect(usage).toHaveLength(7);
    expect(usage.at(-1)).toEqual({ day: today, calls: 3, errors: 1 });
    expect(usage.at(-2)).toEqual({ day: todayIn('Asia/Shanghai', yesterday), calls: 1, errors: 1 });
    expect(usage[0]).toMatchObject({ calls: 0, errors: 0 });
  });

  it('a call refused by the rate limit counts as an error', async () => {
    const { key, row } = await createApiKeyRow(['customers:read'], { rateLimitPerMinute: 1 });
    await call(key);
    expect((await call(key)).status).toBe(429);
    await flushApiKeyUsage();
    const usage = await prisma.apiKeyUsage.findMany({ where: { apiKeyId: row.id } });
    expect(usage.map((u) => [u.calls, u.errors])).toEqual([[2, 1]]);
  });
});

describe('expiry', () => {
  it('an expired key is refused as UNAUTHENTICATED saying it expired; it is not counted as anonymous', async () => {
    const expiredAt = new Date(Date.now() - 60_000);
    const { key } = await createApiKeyRow(['customers:read'], { expiresAt: expiredAt });
    const refused = await call(key);
    expect(refused.status).toBe(401);
    expect(codes(refused.body)).toEqual(['UNAUTHENTICATED']);
    expect(refused.body.errors![0]!.extensions).toMatchObject({
      key: 'apiKey.expired',
      params: { at: expiredAt.toISOString() },
    });
    expect(refused.body.errors![0]!.message).toMatch(/expired/);
    const { key: live } = await createApiKeyRow(['customers:read'], { expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await call(live)).status).toBe(200);
  });
});

describe('rotation', () => {
  it('the old secret keeps working during the overlap, not after it; the new one works at once', async () => {
    const { key: old, row } = await createApiKeyRow(['customers:read']);
    const rotated = await gqlOk<{
      rotateApiKey: { key: string; apiKey: { prefix: string; rotatedAt: string; previousKeyExpiresAt: string } };
    }>(admin, ROTATE, { id: row.id, overlapHours: 2 });
    const fresh = rotated.rotateApiKey.key;
    expect(fresh).not.toBe(old);
    expect(rotated.rotateApiKey.apiKey.prefix).toBe(fresh.slice(0, 10));
    const overlapEnds = new Date(rotated.rotateApiKey.apiKey.previousKeyExpiresAt);
    expect(overlapEnds.getTime() - new Date(rotated.rotateApiKey.apiKey.rotatedAt).getTime()).toBe(2 * 3_600_000);

    // During the overlap both secrets name the same client.
    expect((await call(old)).status).toBe(200);
    expect((await call(fresh)).status).toBe(200);
    expect(await checkApiKey(old, new Date(overlapEnds.getTime() - 1000))).toMatchObject({ status: 'valid' });

    // After it the old secret is refused, saying so; the new one still works.
    const after = new Date(overlapEnds.getTime() + 1000);
    const headers = new Headers({ authorization: `Bearer ${old}` });
    const refused = await admitApiKey(headers, after);
    expect(refused).toMatchObject({ kind: 'refused', status: 401 });
    expect(refused.kind === 'refused' && refused.error).toMatchObject({
      code: 'UNAUTHENTICATED',
      key: 'apiKey.rotatedOut',
    });
    expect(await checkApiKey(fresh, after)).toMatchObject({ status: 'valid' });
  });

  it('with no overlap the old secret stops at once; a second rotation retires the first secret', async () => {
    const { key: first, row } = await createApiKeyRow(['customers:read']);
    const second = (await gqlOk<{ rotateApiKey: { key: string } }>(admin, ROTATE, { id: row.id, overlapHours: 0 }))
      .rotateApiKey.key;
    const refused = await call(first);
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', key: 'apiKey.rotatedOut' });
    expect((await call(second)).status).toBe(200);

    const third = (await gqlOk<{ rotateApiKey: { key: string } }>(admin, ROTATE, { id: row.id })).rotateApiKey.key;
    expect((await call(second)).status).toBe(200); // the default overlap
    expect((await call(third)).status).toBe(200);
    expect(await checkApiKey(first)).toEqual({ status: 'unknown' }); // two rotations old: no longer known at all
  });

  it('refuses an overlap out of range, a revoked key, and anyone without apiKeys:manage', async () => {
    const { row } = await createApiKeyRow(['customers:read']);
    expect(errorCodes(await gqlAs(admin, ROTATE, { id: row.id, overlapHours: 100_000 }))).toEqual(['BAD_USER_INPUT']);
    const agent = (await createStaff('SERVICE_AGENT')).viewer;
    expect(errorCodes(await gqlAs(agent, ROTATE, { id: row.id }))).toEqual(['FORBIDDEN']);
    const { row: revoked } = await createApiKeyRow(['customers:read'], { revokedAt: new Date() });
    expect(errorCodes(await gqlAs(admin, ROTATE, { id: revoked.id }))).toEqual(['BAD_USER_INPUT']);
  });
});
