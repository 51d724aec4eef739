import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetCostBudgets } from '@/graphql/limits/cost-limits.plugin';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createApiKeyRow, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { gqlHttp } from '../helpers/graphql-http';

// Issue 10, item 1: cost limits that cannot be dodged, and refusals that are client errors (400/429), never 500.

const FAN_OUT = `query FanOut($n: Int) {
  interactions(first: $n) { nodes { id customer { interactions { id customer { interactions { id customer { id } } } } } } }
}`;
const ONE_BACK_REFERENCE = `query($n: Int) { interactions(first: $n) { nodes { id customer { interactions { id } } } } }`;

let customer: Viewer;
let staff: Viewer;
let apiClient: Viewer;

beforeAll(async () => {
  const record = await createCustomerRecord({ name: '成本测试客户' });
  customer = (await createCustomerUser(record.id)).viewer;
  staff = (await createStaff('SERVICE_MANAGER')).viewer;
  const { row } = await createApiKeyRow(['customers:read', 'interactions:read']);
  apiClient = { kind: 'apiClient', apiKeyId: row.id, name: row.name, scopes: row.scopes };
  // Enough records that the fan-out would really fan out if it ran.
  await prisma.interaction.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      number: `ZX-2026-${String(900000 + i)}`,
      type: 'CONSULTATION' as const,
      channel: 'PORTAL' as const,
      status: 'REGISTERED' as const,
      customerId: record.id,
      subject: `咨询 ${i}`,
      description: '成本测试',
    })),
  });
});

afterEach(() => {
  delete process.env.GRAPHQL_COST_BUDGET_PER_MINUTE;
  delete process.env.GRAPHQL_STAFF_COST_BUDGET_PER_MINUTE;
  resetCostBudgets();
});

describe('the nested fan-out of issue 10', () => {
  it('is refused for the portal customer with `first` in a variable, before anything runs (HTTP 400)', async () => {
    for (const n of [100, 2]) {
      const result = await gqlHttp(customer, { query: FAN_OUT, variables: { n } });
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.data).toBeUndefined();
    }
    // One step back (interactions → customer → interactions) is refused as well: no portal screen walks back.
    const back = await gqlHttp(customer, { query: ONE_BACK_REFERENCE, variables: { n: 1 } });
    expect(back.status).toBe(400);
    expect(back.errors?.[0]?.message).toMatch(/^A query may not return to a record type/);
    expect(back.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', key: 'query.returnsToType' });
  });

  it('is refused for staff and API clients by its cost, which counts `first` from the variable', async () => {
    for (const viewer of [staff, apiClient]) {
      const result = await gqlHttp(viewer, { query: FAN_OUT, variables: { n: 100 } });
      expect(result.status).toBe(400);
      const error = result.errors?.[0];
      expect(error?.extensions).toMatchObject({
        code: 'GRAPHQL_VALIDATION_FAILED',
        key: 'query.tooExpensive',
        params: { maxCost: 25_000 },
      });
      expect(Object.keys(error?.extensions ?? {}).sort()).toEqual(['code', 'key', 'params']);
      const cost = Number((error?.extensions?.params as { cost: number }).cost);
      expect(cost).toBeGreaterThan(25_000);
      expect(error?.message).toBe(
        `Query too expensive: cost ${cost} exceeds 25000; ask for fewer items (first) or less nesting.`,
      );
    }
    // The same operation with a small page is within the limit and runs.
    const small = await gqlHttp(staff, { query: ONE_BACK_REFERENCE, variables: { n: 5 } });
    expect(small.status).toBe(200);
    expect(small.errors).toBeUndefined();
  });

  it('answers a page the customer may have normally', async () => {
    const result = await gqlHttp(customer, {
      query: `query($n: Int) { interactions(first: $n) { totalCount nodes { id subject } } }`,
      variables: { n: 100 },
    });
    expect(result.status).toBe(200);
    expect((result.data as { interactions: { totalCount: number } }).interactions.totalCount).toBe(30);
  });
});

describe('the budget per viewer and minute', () => {
  // 1 + 100 × (1 + 20 contacts): heavy (≥ 1,000), within the per-operation limit.
  const HEAVY = `query { customers(first: 100) { nodes { id contacts { id } } } }`;

  it('leaves staff and API clients without a budget unless one is configured for them', async () => {
    process.env.GRAPHQL_COST_BUDGET_PER_MINUTE = '5000';
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await gqlHttp(staff, { query: HEAVY })).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
  });

  it('refuses heavy operations beyond the budget with TOO_MANY_REQUESTS (HTTP 429, Retry-After), for that viewer only', async () => {
    process.env.GRAPHQL_STAFF_COST_BUDGET_PER_MINUTE = '5000';
    const first = await gqlHttp(staff, { query: HEAVY });
    const second = await gqlHttp(staff, { query: HEAVY });
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await gqlHttp(staff, { query: HEAVY });
    expect(third.status).toBe(429);
    expect(third.errors?.[0]?.extensions).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      key: 'query.costBudgetSpent',
      params: { cost: 2101 },
    });
    expect(third.errors?.[0]?.message).toMatch(
      /^Too many expensive queries \(this one costs 2101\): try again in \d+ s\.$/,
    );
    expect(Number(third.errors?.[0]?.extensions?.retryAfterSeconds)).toBeGreaterThan(0);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(third.data).toBeUndefined();
    // Cheap operations do not draw on the budget, and another viewer has a budget of its own.
    expect((await gqlHttp(staff, { query: `{ viewer { kind } }` })).status).toBe(200);
    expect((await gqlHttp(apiClient, { query: HEAVY })).status).toBe(200);
  });

  it("draws a signed-in customer's heavy operations on the outside budget", async () => {
    process.env.GRAPHQL_HEAVY_COST = '50';
    process.env.GRAPHQL_COST_BUDGET_PER_MINUTE = '150';
    const PAGE = `query { interactions(first: 100) { nodes { id } } }`;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await gqlHttp(customer, { query: PAGE })).status);
    delete process.env.GRAPHQL_HEAVY_COST;
    expect(statuses.slice(0, 1)).toEqual([200]);
    expect(statuses).toContain(429);
  });

  it('keys anonymous visitors by their address', async () => {
    process.env.GRAPHQL_COST_BUDGET_PER_MINUTE = '100';
    // Public operations are small; the budget only counts heavy ones, so a visitor's form never meets it.
    const lookup = `{ lookupInteraction(number: "ZX-2026-900000", phone: "123") { number } }`;
    const result = await gqlHttp({ kind: 'anonymous' }, { query: lookup }, { clientIp: '203.0.113.9' });
    expect(result.status).not.toBe(429);
  });
});

describe('refusals are client errors with their HTTP status, never 500', () => {
  it('a syntax error: 400 GRAPHQL_PARSE_FAILED', async () => {
    const result = await gqlHttp(staff, { query: `{ viewer { kind ` });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('too many tokens: 400 GRAPHQL_PARSE_FAILED', async () => {
    const result = await gqlHttp(staff, { query: `{ viewer { ${'kind '.repeat(3500)} } }` });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/3000 tokens/);
  });

  it('too deep and too many aliases: 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const withinDepth = `{ viewer { customer { owner { department { id } } } } }`;
    const nested = `{ ${'interactions { nodes { sourceInteraction { '.repeat(4)} id ${'} } }'.repeat(4)} }`;
    for (const query of [nested, `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: viewer { kind }`).join(' ')} }`]) {
      const result = await gqlHttp(staff, { query });
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    expect((await gqlHttp(staff, { query: withinDepth })).status).toBe(200);
  });

  it('variables of the wrong type: 400 BAD_USER_INPUT', async () => {
    const result = await gqlHttp(staff, { query: FAN_OUT, variables: { n: 'many' } });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
