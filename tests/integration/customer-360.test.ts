import { beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createContract, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import { captureStatements } from '../helpers/statements';
import { createCampaign, createTemplate } from '../helpers/surveys';

// The customer 360 page's fields of Customer (SPEC §1 "a customer's page shows everything", §2 the one-to-one owner):
// cursor pages with correct totals, batched over a list of customers, and authorised field by field.

const day = 86_400_000;
const apiWith = (scopes: string[]): Viewer => ({
  kind: 'apiClient',
  apiKeyId: '00000000-0000-4000-8000-000000000360',
  name: 'crm',
  scopes,
});

let agent: Viewer;
let handler: Viewer;
let customerA: Viewer;
let customerB: Viewer;
let aId: string;
let bId: string;
let ownerName: string;

beforeAll(async () => {
  const admin = (await createStaff('ADMIN')).viewer;
  agent = (await createStaff('SERVICE_AGENT')).viewer;
  handler = (await createStaff('DEPARTMENT_HANDLER')).viewer;
  const owner = await createStaff('SERVICE_AGENT', { name: '王专员', phone: '0512-66880001' });
  ownerName = owner.user.name;
  aId = (await createCustomerRecord({ name: '甲方精密', ownerId: owner.user.id, keyAccountStatus: 'ACTIVE' })).id;
  bId = (await createCustomerRecord({ name: '乙方机电', ownerId: owner.user.id, keyAccountStatus: 'CANDIDATE' })).id;
  customerA = (await createCustomerUser(aId)).viewer;
  customerB = (await createCustomerUser(bId)).viewer;

  // 25 interactions of A (every 5th a complaint, the complaints open), 3 of B.
  const base = Date.UTC(2026, 0, 1);
  await prisma.interaction.createMany({
    data: [
      ...Array.from({ length: 25 }, (_, i) => ({
        number: `ZX-360-${i}`,
        type: i % 5 === 0 ? ('COMPLAINT' as const) : ('CONSULTATION' as const),
        status: i % 5 === 0 ? ('INVESTIGATING' as const) : ('CLOSED' as const),
        channel: 'PHONE' as const,
        customerId: aId,
        subject: `事项${i}`,
        description: '—',
        resolutionDueAt: i % 5 === 0 ? new Date(base + (i + 30) * day) : null,
        createdAt: new Date(base + i * day),
      })),
      ...Array.from({ length: 3 }, (_, i) => ({
        number: `ZX-360-B${i}`,
        type: 'INQUIRY' as const,
        channel: 'EMAIL' as const,
        customerId: bId,
        subject: `乙${i}`,
        description: '—',
      })),
    ],
  });
  await createContract(aId, '1000.50');
  await createContract(aId, '2000.00');
  await prisma.contract.updateMany({ where: { customerId: aId }, data: { signedAt: new Date('2025-03-01') } });
  await prisma.contract.create({
    data: {
      customerId: aId,
      contractNo: 'C-360-L',
      amount: new Prisma.Decimal('500'),
      signedAt: new Date('2026-02-10'),
    },
  });
  // Callbacks: one done, two pending (the earlier one is the next contact), none of B's.
  await prisma.callback.createMany({
    data: [
      { customerId: aId, reason: 'PERIODIC', status: 'DONE', dueAt: new Date(base), completedAt: new Date(base) },
      { customerId: aId, reason: 'KEY_ACCOUNT', dueAt: new Date('2027-01-20T02:00:00Z') },
      { customerId: aId, reason: 'PERIODIC', dueAt: new Date('2027-03-01T02:00:00Z') },
    ],
  });
  // An open key-account visit of B is its next contact; a quality report is not a contact.
  await prisma.keyAccountObligation.createMany({
    data: [
      { customerId: bId, kind: 'LEADERSHIP_VISIT', dueAt: new Date('2027-02-01T02:00:00Z') },
      { customerId: bId, kind: 'QUALITY_REPORT', dueAt: new Date('2026-12-10T02:00:00Z') },
    ],
  });
  // Survey responses of A: two in 2026-Q1 (80, 90), one low one in 2026-Q2 (50), and a draft.
  const template = await createTemplate(admin);
  const campaign = await createCampaign(admin, template.id);
  const response = (submittedAt: Date | null, indexScore: string | null, lowScore = false) => ({
    campaignId: campaign.id,
    templateId: template.id,
    customerId: aId,
    source: 'PHONE' as const,
    submittedAt,
    indexScore: indexScore ? new Prisma.Decimal(indexScore) : null,
    lowScore,
  });
  await prisma.surveyResponse.createMany({
    data: [
      response(new Date('2026-01-15T02:00:00Z'), '80'),
      response(new Date('2026-03-31T17:00:00Z'), '90'), // 2026-04-01 01:00 in Shanghai: Q2
      response(new Date('2026-02-20T02:00:00Z'), '90'),
      response(new Date('2026-05-20T02:00:00Z'), '50', true),
      response(null, null),
    ],
  });
  await prisma.historyEntry.createMany({
    data: Array.from({ length: 12 }, (_, i) => ({
      entityType: 'Customer',
      entityId: aId,
      action: 'UPDATE',
      createdAt: new Date(base + i * 1000),
    })),
  });
});

const INTERACTIONS = `query($id: ID!, $first: Int, $after: String, $filter: CustomerInteractionFilter) {
  customer(id: $id) { interactionsConnection(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id number type status resolutionDueAt }
  } }
}`;
type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { id: string; number: string; type: string; status: string; resolutionDueAt: string | null }[];
};

describe('Customer.interactionsConnection', () => {
  it('pages every interaction newest first with the total', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { customer: { interactionsConnection: Page } } = await gqlOk(agent, INTERACTIONS, {
        id: aId,
        first: 10,
        after,
      });
      const page = data.customer.interactionsConnection;
      expect(page.totalCount).toBe(25);
      seen.push(...page.nodes.map((n) => n.number));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `ZX-360-${24 - i}`));
  });

  it('filters by type and open, with due times', async () => {
    const data = await gqlOk<{ customer: { interactionsConnection: Page } }>(agent, INTERACTIONS, {
      id: aId,
      filter: { type: ['COMPLAINT'], open: true },
    });
    const page = data.customer.interactionsConnection;
    expect(page.totalCount).toBe(5);
    expect(page.nodes.every((n) => n.type === 'COMPLAINT' && n.status === 'INVESTIGATING' && n.resolutionDueAt)).toBe(
      true,
    );
    const closed = await gqlOk<{ customer: { interactionsConnection: Page } }>(agent, INTERACTIONS, {
      id: aId,
      filter: { open: false },
    });
    expect(closed.customer.interactionsConnection.totalCount).toBe(20);
  });

  it('a customer reads its own, not another organisation’s (NOT_FOUND)', async () => {
    const own = await gqlOk<{ customer: { interactionsConnection: Page } }>(customerA, INTERACTIONS, { id: aId });
    expect(own.customer.interactionsConnection.totalCount).toBe(25);
    expect(errorCodes(await gqlAs(customerB, INTERACTIONS, { id: aId }))).toEqual(['NOT_FOUND']);
  });

  it('a department handler sees only their department’s records; an API key needs interactions:read', async () => {
    const mine = await gqlOk<{ customer: { interactionsConnection: Page } }>(handler, INTERACTIONS, { id: aId });
    expect(mine.customer.interactionsConnection.totalCount).toBe(0);
    const noScope = await gqlAs<{ customer: { interactionsConnection: Page | null } }>(
      apiWith(['customers:read']),
      INTERACTIONS,
      { id: aId },
    );
    expect(errorCodes(noScope)).toEqual(['FORBIDDEN']);
    expect(noScope.data?.customer.interactionsConnection).toBeNull();
    const scoped = await gqlOk<{ customer: { interactionsConnection: Page } }>(
      apiWith(['customers:read', 'interactions:read']),
      INTERACTIONS,
      { id: aId },
    );
    expect(scoped.customer.interactionsConnection.totalCount).toBe(25);
  });

  it('rejects a page size beyond the limit and a bad cursor', async () => {
    expect(errorCodes(await gqlAs(agent, INTERACTIONS, { id: aId, first: 101 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gqlAs(agent, INTERACTIONS, { id: aId, after: 'bm9wZQ' }))).toEqual(['BAD_USER_INPUT']);
  });
});

const LISTS = `query($first: Int!) { customers(first: $first, filter: { name: "方" }) { nodes { id
  interactionsConnection(first: 2) { totalCount nodes { number } }
  callbacksConnection(first: 2) { totalCount nodes { id } }
  surveyResponsesConnection(first: 2) { totalCount nodes { id } }
  satisfactionTrend { period }
  historyConnection(first: 2) { totalCount nodes { id } }
  contractSummary { count }
  keyAccount { status owner { name } }
  nextScheduledContact { dueAt }
} } }`;

describe('batching', () => {
  it('a list of customers reads every block in a fixed number of statements, each customer its own rows', async () => {
    const one = await captureStatements(() => gqlOk(agent, LISTS, { first: 1 }));
    type Row = { id: string; interactionsConnection: { totalCount: number; nodes: { number: string }[] } };
    let rows: Row[] = [];
    const two = await captureStatements(async () => {
      rows = (await gqlOk<{ customers: { nodes: Row[] } }>(agent, LISTS, { first: 2 })).customers.nodes;
    });
    const a = rows.find((r) => r.id === aId)!;
    const b = rows.find((r) => r.id === bId)!;
    expect(a.interactionsConnection).toEqual({
      totalCount: 25,
      nodes: [{ number: 'ZX-360-24' }, { number: 'ZX-360-23' }],
    });
    expect(b.interactionsConnection.totalCount).toBe(3);
    expect(b.interactionsConnection.nodes).toHaveLength(2);
    // One customer reads its page directly; two read ids then rows: at most one more statement per list, not per row.
    expect(two.length).toBeLessThanOrEqual(one.length + 4);
  });
});

describe('callbacks, surveys, trend, contracts, history', () => {
  const Q = `query($id: ID!, $after: String) { customer(id: $id) {
    callbacksConnection(first: 2) { totalCount pageInfo { hasNextPage } nodes { reason status dueAt } }
    openCallbacks: callbacksConnection(filter: { open: true }) { totalCount }
    surveyResponsesConnection(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { index lowScore } }
    satisfactionTrend(period: QUARTER) { period responseCount averageIndexScore lowScoreCount }
    contractSummary { count totalAmount firstSignedAt lastSignedAt }
    historyConnection(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { action } }
  } }`;
  type Data = {
    customer: {
      callbacksConnection: { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: unknown[] };
      openCallbacks: { totalCount: number };
      surveyResponsesConnection: { totalCount: number; nodes: { index: number }[] };
      satisfactionTrend: { period: string; responseCount: number; averageIndexScore: number; lowScoreCount: number }[];
      contractSummary: { count: number; totalAmount: string; firstSignedAt: string; lastSignedAt: string };
      historyConnection: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        nodes: unknown[];
      };
    };
  };

  it('answers staff with totals over the whole list', async () => {
    const { customer } = await gqlOk<Data>(agent, Q, { id: aId });
    expect(customer.callbacksConnection.totalCount).toBe(3);
    expect(customer.callbacksConnection.pageInfo.hasNextPage).toBe(true);
    expect(customer.openCallbacks.totalCount).toBe(2);
    expect(customer.surveyResponsesConnection.totalCount).toBe(4); // the draft is not a response
    expect(customer.satisfactionTrend).toEqual([
      { period: '2026-Q1', responseCount: 2, averageIndexScore: 85, lowScoreCount: 0 },
      { period: '2026-Q2', responseCount: 2, averageIndexScore: 70, lowScoreCount: 1 },
    ]);
    expect(customer.contractSummary).toEqual({
      count: 3,
      totalAmount: '3500.50',
      firstSignedAt: '2025-03-01',
      lastSignedAt: '2026-02-10',
    });
    expect(customer.historyConnection.totalCount).toBe(12);
    const next = await gqlOk<Data>(agent, Q, { id: aId, after: customer.historyConnection.pageInfo.endCursor });
    expect(next.customer.historyConnection.nodes).toHaveLength(5);
  });

  it('customers and API keys without the scope are refused field by field', async () => {
    const own = await gqlAs(customerA, Q, { id: aId });
    expect(errorCodes(own).sort()).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    const api = await gqlAs(apiWith(['customers:read']), Q, { id: aId });
    // customers:read reads the record's history; callbacks (twice), responses and the trend need their own scopes.
    expect(errorCodes(api)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    // The contract summary is part of the customer record: it still arrives.
    expect((api.data as Data).customer.contractSummary.count).toBe(3);
    const handlerRead = await gqlAs(handler, Q, { id: aId });
    expect(errorCodes(handlerRead)).toHaveLength(4); // a handler reads the customer's history, not callbacks or surveys
  });
});

describe('Customer.keyAccount and nextScheduledContact', () => {
  const Q = `query($id: ID!) { customer(id: $id) {
    keyAccount { status owner { name phone email } }
    nextScheduledContact { kind dueAt callbackReason obligationKind }
  } }`;
  type Data = {
    customer: {
      keyAccount: { status: string; owner: { name: string; phone: string | null; email: string } | null };
      nextScheduledContact: {
        kind: string;
        dueAt: string;
        callbackReason: string | null;
        obligationKind: string | null;
      };
    };
  };

  it('shows an active key account its owner and its next contact', async () => {
    const { customer } = await gqlOk<Data>(customerA, Q, { id: aId });
    expect(customer.keyAccount.status).toBe('ACTIVE');
    expect(customer.keyAccount.owner).toMatchObject({ name: ownerName, phone: '0512-66880001' });
    expect(customer.nextScheduledContact).toEqual({
      kind: 'CALLBACK',
      dueAt: '2027-01-20T02:00:00.000Z',
      callbackReason: 'KEY_ACCOUNT',
      obligationKind: null,
    });
  });

  it('a candidate sees no owner; its next contact is the open visit obligation', async () => {
    const { customer } = await gqlOk<Data>(customerB, Q, { id: bId });
    expect(customer.keyAccount).toEqual({ status: 'CANDIDATE', owner: null });
    expect(customer.nextScheduledContact).toMatchObject({
      kind: 'KEY_ACCOUNT_OBLIGATION',
      obligationKind: 'LEADERSHIP_VISIT',
    });
    const staff = await gqlOk<Data>(agent, Q, { id: bId });
    expect(staff.customer.keyAccount.owner?.name).toBe(ownerName);
  });

  it('another customer cannot read it (NOT_FOUND); an API key needs callbacks:read for the next contact', async () => {
    expect(errorCodes(await gqlAs(customerB, Q, { id: aId }))).toEqual(['NOT_FOUND']);
    const api = await gqlAs<Data>(apiWith(['customers:read']), Q, { id: aId });
    expect(errorCodes(api)).toEqual(['FORBIDDEN']);
    expect(api.data?.customer.keyAccount.status).toBe('ACTIVE');
    expect(api.data?.customer.nextScheduledContact).toBeNull();
  });
});
