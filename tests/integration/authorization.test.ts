import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphQLObjectType } from 'graphql';
import { buildSchema } from '@/graphql/schema';
import { withPolicies } from '@/graphql/policy';
import { POST } from '@/app/api/graphql/route';
import type { Viewer } from '@/server/viewer';
import {
  createApiKeyRow,
  createContract,
  createCustomerRecord,
  createCustomerUser,
  createStaff,
} from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

let customerA: { id: string };
let customerB: { id: string };
let contractB: { id: string };
let viewerA: Viewer;

describe('a customer account reaches only its own organisation', () => {
  beforeAll(async () => {
    customerA = await createCustomerRecord({ name: '甲方客户' }, ['甲联系人']);
    customerB = await createCustomerRecord({ name: '乙方客户' }, ['乙联系人']);
    await createContract(customerA.id, '10.00');
    contractB = await createContract(customerB.id, '20.00');
    viewerA = (await createCustomerUser(customerA.id)).viewer;
  });

  it('by id: its own customer is readable, another answers NOT_FOUND (not FORBIDDEN, so ids cannot be probed)', async () => {
    const own = await gqlOk<{ customer: { name: string } }>(viewerA, `query($id: ID!) { customer(id: $id) { name } }`, {
      id: customerA.id,
    });
    expect(own.customer.name).toBe('甲方客户');
    const other = await gqlAs(viewerA, `query($id: ID!) { customer(id: $id) { name } }`, { id: customerB.id });
    expect(errorCodes(other)).toEqual(['NOT_FOUND']);
    expect(other.data?.customer ?? null).toBeNull();
  });

  it('by list: only its own organisation, whatever the filter', async () => {
    const all = await gqlOk<{
      customers: { nodes: { id: string }[]; totalCount: number; totals: { contractAmount: string } };
    }>(viewerA, `{ customers(filter: { archived: null }) { nodes { id } totalCount totals { contractAmount } } }`);
    expect(all.customers.nodes.map((n) => n.id)).toEqual([customerA.id]);
    expect(all.customers.totalCount).toBe(1);
    expect(all.customers.totals.contractAmount).toBe('10.00');
    const searched = await gqlOk<{ customers: { nodes: unknown[] } }>(
      viewerA,
      `{ customers(filter: { search: "乙方" }) { nodes { id } } }`,
    );
    expect(searched.customers.nodes).toEqual([]);
  });

  it('by nested field: another organisation’s contract is NOT_FOUND; nested paths from its own data stay its own', async () => {
    expect(
      errorCodes(
        await gqlAs(viewerA, `query($id: ID!) { contract(id: $id) { customer { name } } }`, { id: contractB.id }),
      ),
    ).toEqual(['NOT_FOUND']);
    const nested = await gqlOk<{
      viewer: { customer: { id: string; contacts: { name: string }[]; contracts: { amount: string }[] } };
    }>(viewerA, `{ viewer { customer { id contacts { name } contracts { amount } } } }`);
    expect(nested.viewer.customer.id).toBe(customerA.id);
    expect(nested.viewer.customer.contacts.map((c) => c.name)).toEqual(['甲联系人']);
    expect(nested.viewer.customer.contracts.map((c) => c.amount)).toEqual(['10.00']);
    // Walking back from them to a customer is refused for customers before anything runs (issue 10's fan-out shape).
    expect(errorCodes(await gqlAs(viewerA, `{ viewer { customer { contacts { customer { id } } } } }`))).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
  });

  it('sees no internal history and cannot write, import, list facets or manage keys', async () => {
    const own = await gqlOk<{ customer: { history: unknown[] } }>(
      viewerA,
      `query($id: ID!) { customer(id: $id) { history { id } } }`,
      { id: customerA.id },
    );
    expect(own.customer.history).toEqual([]);
    for (const op of [
      `mutation { createCustomer(input: { name: "x" }) { id } }`,
      `mutation { importCustomers(format: CSV, content: "公司名称\\nx") { ok } }`,
      `{ customerFacets { provinces } }`,
      `{ apiKeys { id } }`,
      `{ departments { id } }`,
    ]) {
      expect(errorCodes(await gqlAs(viewerA, op))).toEqual(['FORBIDDEN']);
    }
  });
});

describe('staff roles', () => {
  it('read-only roles read customers but cannot write; nobody signed in gets UNAUTHENTICATED', async () => {
    const quality = (await createStaff('QUALITY_MANAGER')).viewer;
    await gqlOk(quality, `{ customers { totalCount } }`);
    expect(errorCodes(await gqlAs(quality, `mutation { createCustomer(input: { name: "x" }) { id } }`))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await gqlAs({ kind: 'anonymous' }, `{ customers { totalCount } }`))).toEqual(['UNAUTHENTICATED']);
    expect(
      errorCodes(
        await gqlAs({ kind: 'anonymous' }, `query($id: ID!) { customer(id: $id) { id } }`, { id: customerA.id }),
      ),
    ).toEqual(['UNAUTHENTICATED']);
    expect((await gqlAs({ kind: 'anonymous' }, `{ viewer { kind } }`)).data).toEqual({ viewer: null });
  });

  it('only admins manage API keys and users', async () => {
    const agent = (await createStaff('SERVICE_AGENT')).viewer;
    expect(
      errorCodes(
        await gqlAs(agent, `mutation { createApiKey(input: { name: "k", scopes: ["customers:read"] }) { key } }`),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await gqlAs(
          agent,
          `mutation { createUser(input: { email: "a@b.cn", name: "a", password: "0123456789", role: ADMIN }) { id } }`,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });
});

/** Calls the real Next route handler, as another system would over HTTP. */
async function http(query: string, headers: Record<string, string> = {}) {
  const request = new NextRequest('http://localhost/api/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const response = await POST(request);
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { extensions?: { code?: string } }[];
    },
  };
}
const codes = (body: { errors?: { extensions?: { code?: string } }[] }) =>
  (body.errors ?? []).map((e) => e.extensions?.code);

describe('API keys over HTTP (POST /api/graphql with Authorization: Bearer)', () => {
  it('an admin creates a key; it is stored hashed and shown once; scopes decide what it may do', async () => {
    const admin = (await createStaff('ADMIN')).viewer;
    const created = await gqlOk<{
      createApiKey: { key: string; apiKey: { id: string; prefix: string; scopes: string[] } };
    }>(
      admin,
      `mutation { createApiKey(input: { name: "ERP 同步", scopes: ["customers:read"] }) { key apiKey { id prefix scopes } } }`,
    );
    const { key, apiKey } = created.createApiKey;
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const { prisma } = await import('@/server/db');
    const stored = await prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id }, select: { keyHash: true } });
    expect(stored.keyHash).not.toContain(key);

    const read = await http(`{ customers(first: 5) { totalCount } }`, { authorization: `Bearer ${key}` });
    expect(read.status).toBe(200);
    expect(codes(read.body)).toEqual([]);
    const write = await http(`mutation { createCustomer(input: { name: "API 客户" }) { id } }`, {
      authorization: `Bearer ${key}`,
    });
    expect(codes(write.body)).toEqual(['FORBIDDEN']);

    await gqlOk(admin, `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: apiKey.id });
    expect(codes((await http(`{ customers { totalCount } }`, { authorization: `Bearer ${key}` })).body)).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('a write-scoped key writes, with the key named in the history', async () => {
    const { key } = await createApiKeyRow(['customers:read', 'customers:write'], { name: 'CRM' });
    const write = await http(`mutation { createCustomer(input: { name: "API 客户" }) { id history { actorLabel } } }`, {
      authorization: `Bearer ${key}`,
    });
    expect(codes(write.body)).toEqual([]);
    expect(JSON.stringify(write.body.data)).toContain('API: CRM');
  });

  it('no key, an unknown key, an expired key: UNAUTHENTICATED', async () => {
    expect(codes((await http(`{ customers { totalCount } }`)).body)).toEqual(['UNAUTHENTICATED']);
    expect(codes((await http(`{ customers { totalCount } }`, { authorization: 'Bearer kf_wrong' })).body)).toEqual([
      'UNAUTHENTICATED',
    ]);
    const { key } = await createApiKeyRow(['customers:read'], { expiresAt: new Date(Date.now() - 1000) });
    expect(codes((await http(`{ customers { totalCount } }`, { authorization: `Bearer ${key}` })).body)).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('rejects scopes that do not exist', async () => {
    const admin = (await createStaff('ADMIN')).viewer;
    const result = await gqlAs(
      admin,
      `mutation { createApiKey(input: { name: "k", scopes: ["everything"] }) { key } }`,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.fields).toHaveProperty('scopes');
  });

  it('applies CSRF prevention and query limits to HTTP requests', async () => {
    const simple = new NextRequest('http://localhost/api/graphql?query=%7B__typename%7D', { method: 'GET' });
    const { GET } = await import('@/app/api/graphql/route');
    expect((await GET(simple)).status).toBe(400); // a "simple" cross-site request is refused
    const deep = `{ viewer { customer { contacts { customer { contacts { customer { contacts { customer { contacts { customer { contacts { customer { id } } } } } } } } } } } } }`;
    const limited = await http(deep, { authorization: 'Bearer kf_wrong' });
    expect(limited.status).toBe(400);
    expect(JSON.stringify(limited.body)).toMatch(/depth/i);
  });
});

describe('deny by default', () => {
  it('every Query and Mutation field has a policy', () => {
    const schema = buildSchema();
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values((root as GraphQLObjectType).getFields())) {
        expect(field.resolve, `${root!.name}.${field.name}`).toBeTypeOf('function');
      }
    }
  });

  it('building a schema with an unguarded root field fails', () => {
    expect(() =>
      withPolicies({ Query: { secret: () => 1 } }, { Query: {} }, { Query: ['secret'], Mutation: [] }),
    ).toThrow(/no authorisation policy/);
  });
});

describe('key accounts (issue 12): customers, department handlers and API keys without the scope are refused', () => {
  const ID = '00000000-0000-4000-8000-000000000001';
  const ops = [
    `{ keyAccountNominations { totalCount } }`,
    `{ keyAccountNomination(id: "${ID}") { id } }`,
    `{ keyAccounts { totalCount } }`,
    `{ keyAccountCriteria { version } }`,
    `{ keyAccountOwnerCandidates { id } }`,
    `mutation { proposeKeyAccount(customerId: "${ID}", reason: "r") { id } }`,
    `mutation { recomputeKeyAccountCandidates { nominated } }`,
    `mutation { approveKeyAccountNomination(id: "${ID}", version: 1, reason: "r", ownerId: "${ID}") { id } }`,
    `mutation { rejectKeyAccountNomination(id: "${ID}", version: 1, reason: "r") { id } }`,
    `mutation { updateKeyAccountCriteria(version: 0, input: { cumulativeAmount: { enabled: true, minAmount: "1.00", years: 1 }, longTerm: { enabled: false, minContracts: 0, minYears: 0 }, regionalLandmark: { enabled: true }, strategicPotential: { enabled: true }, reviewIntervalMonths: 12 }) { version } }`,
    `mutation { setCustomerKeyAccountFlags(customerId: "${ID}", version: 1, input: { regionalLandmark: false, strategicPotential: false }) { id } }`,
  ];

  // The service manager's alone (keyaccounts:decide).
  const decideOnly = ops.filter((op) =>
    /keyAccountOwnerCandidates|approveKey|rejectKey|updateKeyAccountCriteria/.test(op),
  );

  it('every key-account root field answers FORBIDDEN to a customer, a department handler and an unscoped API key', async () => {
    const customer = (await createCustomerUser((await createCustomerRecord()).id)).viewer;
    const handler = (await createStaff('DEPARTMENT_HANDLER')).viewer;
    const apiKey: Viewer = { kind: 'apiClient', apiKeyId: ID, name: 'no-scope', scopes: ['customers:read'] };
    for (const viewer of [customer, handler, apiKey])
      for (const op of ops) expect(errorCodes(await gqlAs(viewer, op)), op).toEqual(['FORBIDDEN']);
  });

  it('agents read and propose but do not decide or change the criteria; a scoped key never decides', async () => {
    const agent = (await createStaff('SERVICE_AGENT')).viewer;
    await gqlOk(agent, `{ keyAccountNominations { totalCount } keyAccounts { totalCount } }`);
    for (const op of decideOnly) expect(errorCodes(await gqlAs(agent, op)), op).toEqual(['FORBIDDEN']);
    const scoped: Viewer = {
      kind: 'apiClient',
      apiKeyId: ID,
      name: 'ka',
      scopes: ['keyaccounts:read', 'keyaccounts:write'],
    };
    await gqlOk(scoped, `{ keyAccountNominations { totalCount } }`);
    for (const op of decideOnly) expect(errorCodes(await gqlAs(scoped, op)), op).toEqual(['FORBIDDEN']);
  });
});
