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

describe('customer grading (分等分级): who may read the form, evaluate, override and change the form', () => {
  const form = `{ customerGradeForm { version } }`;
  const evaluate = `mutation($id: ID!) { evaluateCustomerGrade(input: { customerId: $id, period: "2026", scores: [] }) { id } }`;
  const override = `mutation($id: ID!) { overrideCustomerGrade(customerId: $id, version: 99, grade: A, reason: "理由充分") { id } }`;
  const updateForm = `mutation { updateCustomerGradeForm(version: 0, input: { criteria: [], bands: { A: 85, B: 70, C: 60 } }) { version } }`;
  const evaluations = `query($id: ID!) { customer(id: $id) { grade gradeOverrideReason gradeEvaluations { nodes { id } } } }`;

  it.each([
    [
      'a customer',
      async () => (await createCustomerUser(customerA.id)).viewer,
      ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
    ],
    // customers:read only: reads the form, writes nothing.
    [
      'a department handler',
      async () => (await createStaff('DEPARTMENT_HANDLER')).viewer,
      [null, 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
    ],
    [
      'an API key without a scope',
      async () =>
        ({ kind: 'apiClient', apiKeyId: (await createApiKeyRow([])).row.id, name: 'k', scopes: [] }) as Viewer,
      ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
    ],
    [
      // A person answers for a grade: even a write-scoped key only reads.
      'an API key with customers:read and customers:write',
      async () =>
        ({
          kind: 'apiClient',
          apiKeyId: (await createApiKeyRow([])).row.id,
          name: 'k',
          scopes: ['customers:read', 'customers:write'],
        }) as Viewer,
      [null, 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
    ],
    [
      'a service agent (customers:write, not settings:manage)',
      async () => (await createStaff('SERVICE_AGENT')).viewer,
      [null, 'BAD_USER_INPUT', 'CONFLICT', 'FORBIDDEN'],
    ],
  ] as const)('%s', async (_, viewerOf, expected) => {
    const viewer = await viewerOf();
    const codes = [
      await gqlAs(viewer, form),
      await gqlAs(viewer, evaluate, { id: customerA.id }),
      await gqlAs(viewer, override, { id: customerA.id }),
      await gqlAs(viewer, updateForm),
    ].map((r) => errorCodes(r)[0] ?? null);
    expect(codes).toEqual(expected);
  });

  it('a customer reads its own grade but no evaluations nor the override reason', async () => {
    const viewer = (await createCustomerUser(customerA.id)).viewer;
    const own = await gqlOk<{
      customer: { gradeOverrideReason: string | null; gradeEvaluations: { nodes: unknown[] } };
    }>(viewer, evaluations, { id: customerA.id });
    expect(own.customer.gradeEvaluations.nodes).toEqual([]);
    expect(own.customer.gradeOverrideReason).toBeNull();
  });
});

describe('notices (SPEC §8): who reads and writes them', () => {
  const NOTICE_INPUT = { title: '授权测试公告', level: 'GENERAL', body: '<p>x</p>', audience: { all: true } };
  const CREATE = `mutation($input: NoticeInput!) { createNotice(input: $input) { id version } }`;
  const LIST = `{ notices { totalCount } }`;
  const PORTAL = `{ portalNotices { id } }`;
  const ACK = `mutation($id: ID!) { acknowledgeNotice(id: $id) { id } }`;
  const APPROVE = `mutation($id: ID!) { approveNotice(id: $id, version: 1) { id } }`;
  const WITHDRAW = `mutation($id: ID!) { withdrawNotice(id: $id, version: 1) { id } }`;
  let noticeId = '';

  beforeAll(async () => {
    const desk = (await createStaff('SERVICE_AGENT')).viewer;
    noticeId = (await gqlOk<{ createNotice: { id: string } }>(desk, CREATE, { input: NOTICE_INPUT })).createNotice.id;
  });

  it('a customer: no staff list, no writes, no draft by id (NOT_FOUND); the portal list is its own', async () => {
    const customer = (await createCustomerUser((await createCustomerRecord()).id)).viewer;
    expect(errorCodes(await gqlAs(customer, LIST))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(customer, CREATE, { input: NOTICE_INPUT }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(customer, APPROVE, { id: noticeId }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(customer, WITHDRAW, { id: noticeId }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(customer, `query($id: ID!) { notice(id: $id) { id } }`, { id: noticeId }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(errorCodes(await gqlAs(customer, ACK, { id: noticeId }))).toEqual(['NOT_FOUND']);
    expect((await gqlOk<{ portalNotices: unknown[] }>(customer, PORTAL)).portalNotices).toEqual([]);
  });

  it('a department handler: neither reads nor writes notices, has no portal notices', async () => {
    const handler = (await createStaff('DEPARTMENT_HANDLER')).viewer;
    expect(errorCodes(await gqlAs(handler, LIST))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(handler, `query($id: ID!) { notice(id: $id) { id } }`, { id: noticeId }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await gqlAs(handler, CREATE, { input: NOTICE_INPUT }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(handler, APPROVE, { id: noticeId }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(handler, WITHDRAW, { id: noticeId }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(handler, PORTAL))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(handler, ACK, { id: noticeId }))).toEqual(['FORBIDDEN']);
  });

  it('an API key without notices:read is refused; with it, it reads but never writes', async () => {
    const without: Viewer = { kind: 'apiClient', apiKeyId: 'k1', name: 'CRM', scopes: ['customers:read'] };
    expect(errorCodes(await gqlAs(without, LIST))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(without, `query($id: ID!) { notice(id: $id) { id } }`, { id: noticeId }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await gqlAs(without, CREATE, { input: NOTICE_INPUT }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(without, PORTAL))).toEqual(['FORBIDDEN']);
    const reader: Viewer = { kind: 'apiClient', apiKeyId: 'k2', name: 'Portal', scopes: ['notices:read'] };
    expect((await gqlOk<{ notices: { totalCount: number } }>(reader, LIST)).notices.totalCount).toBeGreaterThan(0);
    expect(errorCodes(await gqlAs(reader, CREATE, { input: NOTICE_INPUT }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(reader, WITHDRAW, { id: noticeId }))).toEqual(['FORBIDDEN']);
  });
});

describe('key-account exchange summaries (keyaccounts:read / keyaccounts:write)', () => {
  const ops = [
    `{ keyAccountExchangeSummaries { totalCount } }`,
    `{ keyAccountExchangeSummary(id: "6f1c2b9e-1111-4222-8333-944455556666") { id } }`,
    `{ keyAccountSummaryCustomers { id } }`,
    `mutation { generateKeyAccountExchangeSummary(input: { customerId: "6f1c2b9e-1111-4222-8333-944455556666", period: "2026-Q4" }) { id } }`,
    `mutation { updateKeyAccountExchangeSummary(id: "6f1c2b9e-1111-4222-8333-944455556666", version: 1, input: {}) { id } }`,
    `mutation { issueKeyAccountExchangeSummary(id: "6f1c2b9e-1111-4222-8333-944455556666", version: 1) { id } }`,
  ];

  it('a customer account and a department handler are refused every field', async () => {
    const customer = (await createCustomerUser((await createCustomerRecord()).id)).viewer;
    const handler = (await createStaff('DEPARTMENT_HANDLER')).viewer;
    for (const viewer of [customer, handler])
      for (const op of ops) expect(errorCodes(await gqlAs(viewer, op)), op).toEqual(['FORBIDDEN']);
  });

  it('an API key without the scopes is refused; with keyaccounts:read it reads but does not write', async () => {
    const { key: without } = await createApiKeyRow(['customers:read']);
    for (const op of ops)
      expect(codes((await http(op, { authorization: `Bearer ${without}` })).body), op).toEqual(['FORBIDDEN']);
    const { key: reader } = await createApiKeyRow(['keyaccounts:read']);
    expect(codes((await http(ops[0]!, { authorization: `Bearer ${reader}` })).body)).toEqual([]);
    expect(codes((await http(ops[3]!, { authorization: `Bearer ${reader}` })).body)).toEqual(['FORBIDDEN']);
  });
});

describe('callback programmes (issue 12): every root field refuses customers, department handlers, keys without the scope', () => {
  const ID = '00000000-0000-4000-8000-0000000000ab';
  const INPUT = '{ name: "x", segment: { all: true } }';
  const FIELDS: [string, string][] = [
    ['callbackProgrammes', `{ callbackProgrammes { id } }`],
    ['createCallbackProgramme', `mutation { createCallbackProgramme(input: ${INPUT}) { id } }`],
    [
      'updateCallbackProgramme',
      `mutation { updateCallbackProgramme(id: "${ID}", version: 1, input: ${INPUT}) { id } }`,
    ],
    ['runCallbackProgramme', `mutation { runCallbackProgramme(id: "${ID}") { created } }`],
  ];
  const apiWithout: Viewer = { kind: 'apiClient', apiKeyId: ID, name: 'crm', scopes: ['customers:read'] };

  it.each(FIELDS)('%s', async (_, query) => {
    const handler = (await createStaff('DEPARTMENT_HANDLER')).viewer;
    for (const viewer of [viewerA, handler, apiWithout]) {
      expect(errorCodes(await gqlAs(viewer, query))).toEqual(['FORBIDDEN']);
    }
  });
});

describe('key-account obligations (issue 12): every root field refuses customers, department handlers, keys without the scope', () => {
  const ID = '00000000-0000-4000-8000-0000000000aa';
  const FIELDS: [string, string][] = [
    ['keyAccountObligations', `{ keyAccountObligations { totalCount } }`],
    ['keyAccountObligationSchedule', `{ keyAccountObligationSchedule { version } }`],
    [
      'completeKeyAccountObligation',
      `mutation { completeKeyAccountObligation(id: "${ID}", version: 1, input: {}) { id } }`,
    ],
    [
      'rescheduleKeyAccountObligation',
      `mutation { rescheduleKeyAccountObligation(id: "${ID}", version: 1, input: { dueAt: "2030-01-01T00:00:00Z", reason: "x" }) { id } }`,
    ],
    ['requestQualityReport', `mutation { requestQualityReport(input: { customerId: "${ID}" }) { id } }`],
    ['updateObligationSchedule', `mutation { updateObligationSchedule(version: 0, rows: []) { version } }`],
  ];
  const apiWithout: Viewer = { kind: 'apiClient', apiKeyId: ID, name: 'crm', scopes: ['customers:read'] };

  it.each(FIELDS)('%s', async (_, query) => {
    const handler = (await createStaff('DEPARTMENT_HANDLER')).viewer;
    for (const viewer of [viewerA, handler, apiWithout]) {
      expect(errorCodes(await gqlAs(viewer, query))).toEqual(['FORBIDDEN']);
    }
  });

  it('Customer.keyAccountObligations is null for a customer account; staff holding keyaccounts:read get it', async () => {
    const query = `query($id: ID!) { customer(id: $id) { id keyAccountObligations { totalCount } } }`;
    const own = await gqlOk<{ customer: { keyAccountObligations: unknown } }>(viewerA, query, { id: customerA.id });
    expect(own.customer.keyAccountObligations).toBeNull();
    const agent = (await createStaff('SERVICE_AGENT')).viewer;
    const staff = await gqlOk<{ customer: { keyAccountObligations: { totalCount: number } } }>(agent, query, {
      id: customerA.id,
    });
    expect(staff.customer.keyAccountObligations).toEqual({ totalCount: 0 });
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
