import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeKeyAccount } from '@/graphql/key-accounts/key-account.service';
import { prisma } from '@/server/db';
import { gqlOk } from '../helpers/graphql';
import { createContract, createCustomerRecord, createStaff } from '../helpers/factories';

/**
 * Round trips per operation (issue "hold at real scale"): a list costs the same number of statements whatever its
 * page size (no N+1), and a plain customer edit is BEGIN, the row before, one versioned UPDATE … RETURNING, the
 * history entry, COMMIT. Counted where every statement leaves this process: pg's Client#query.
 */
const seen: string[] = [];
const original = pg.Client.prototype.query;
beforeAll(() => {
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    seen.push(typeof config === 'string' ? config : (config?.text ?? ''));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
});
afterAll(() => {
  pg.Client.prototype.query = original;
});

async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  seen.length = 0;
  await work();
  return [...seen];
}

const LIST = `query($first: Int!) { customers(first: $first) { totalCount nodes { id name keyAccountStatus owner { name } contacts { name phone } contracts { contractNo amount } contractTotal } } }`;

describe('statements per operation', () => {
  it('a customer list with owners, contacts and contracts costs the same at 5 and at 50 rows', async () => {
    const { user, viewer } = await createStaff('SERVICE_AGENT');
    for (let i = 0; i < 60; i++) {
      const c = await createCustomerRecord({ ownerId: user.id }, [`联系人${i}`, `联系人${i}b`]);
      await createContract(c.id, '1000.00');
    }
    await gqlOk(viewer, LIST, { first: 5 }); // warm-up: the API-key/session and settings caches
    const small = await statementsOf(() => gqlOk(viewer, LIST, { first: 5 }));
    const large = await statementsOf(() => gqlOk(viewer, LIST, { first: 50 }));
    expect(large.length).toBe(small.length);
    // page, count, owners, contacts, contracts, contract totals; the key-account status is read with the page
    expect(small.length).toBeLessThanOrEqual(6);
  });

  it('one customer with its key-account status is one statement, with or without an open nomination', async () => {
    const { viewer } = await createStaff('SERVICE_MANAGER');
    const none = await createCustomerRecord({ name: '普通状态公司' });
    const candidate = await createCustomerRecord({ name: '候选状态公司', keyAccountStatus: 'REVOKED' });
    await proposeKeyAccount(viewer, candidate.id, '合同额达标');
    const ONE = `query($id: ID!) { customer(id: $id) { id name keyAccountStatus } }`;
    await gqlOk(viewer, ONE, { id: none.id }); // warm-up: the session and settings caches
    // The effective status (CANDIDATE while a NOMINATION is open) is the row's own flag, not a second query.
    for (const [customer, status] of [
      [none, 'NONE'],
      [candidate, 'CANDIDATE'],
    ] as const) {
      let answer: unknown;
      const statements = await statementsOf(async () => (answer = await gqlOk(viewer, ONE, { id: customer.id })));
      expect(answer).toEqual({ customer: { id: customer.id, name: customer.name, keyAccountStatus: status } });
      expect(statements.map((s) => s.trimStart().split(/\s+/, 1)[0]!.toUpperCase())).toEqual(['SELECT']);
    }
  });

  it('a customer edit that leaves the name and contacts alone is five statements and keeps the search text', async () => {
    const { viewer } = await createStaff('SERVICE_AGENT');
    const c = await createCustomerRecord({ name: '搜索文本公司' }, ['王五']);
    const UPDATE = `mutation($id: ID!, $version: Int!, $input: CustomerInput!) { updateCustomer(id: $id, version: $version, input: $input) { id version province } }`;
    // Warm-up: the webhook outbox's cached subscriptions (which active endpoints want which events) are read once.
    const other = await createCustomerRecord({ name: '预热公司' });
    await gqlOk(viewer, UPDATE, { id: other.id, version: 1, input: { name: '预热公司', province: '江苏' } });
    const statements = await statementsOf(() =>
      gqlOk(viewer, UPDATE, { id: c.id, version: 1, input: { name: '搜索文本公司', province: '江苏' } }),
    );
    expect(statements.map((s) => s.split(/\s+/, 1)[0]!.toUpperCase())).toEqual([
      'BEGIN',
      'SELECT',
      'UPDATE',
      'INSERT',
      // No webhook endpoint wants customer.updated: the outbox answers from its cache and writes nothing.
      'COMMIT',
    ]);
    const stored = await prisma.customer.findUniqueOrThrow({ where: { id: c.id }, omit: { searchText: false } });
    expect(stored).toMatchObject({ province: '江苏', version: 2, searchText: '搜索文本公司 王五' });
  });

  it('renaming rewrites the search text with the stored contacts', async () => {
    const { viewer } = await createStaff('SERVICE_AGENT');
    const c = await createCustomerRecord({ name: '旧名公司' }, ['赵六']);
    const UPDATE = `mutation($id: ID!, $version: Int!, $input: CustomerInput!) { updateCustomer(id: $id, version: $version, input: $input) { id version } }`;
    await gqlOk(viewer, UPDATE, { id: c.id, version: 1, input: { name: '新名公司' } });
    expect(
      (await prisma.customer.findUniqueOrThrow({ where: { id: c.id }, omit: { searchText: false } })).searchText,
    ).toBe('新名公司 赵六');
  });
});

describe('partial customer updates', () => {
  it('leave out what the input does not name: the owner stays, and the history lists only what changed', async () => {
    const { user, viewer } = await createStaff('SERVICE_AGENT');
    const c = await createCustomerRecord({ name: '部分更新公司', ownerId: user.id, creditStanding: 'FAIR' });
    const UPDATE = `mutation($id: ID!, $version: Int!, $input: CustomerInput!) { updateCustomer(id: $id, version: $version, input: $input) { id owner { id } creditStanding } }`;
    const result = await gqlOk<{ updateCustomer: { owner: { id: string } | null; creditStanding: string } }>(
      viewer,
      UPDATE,
      { id: c.id, version: 1, input: { name: '部分更新公司', province: '浙江' } },
    );
    expect(result.updateCustomer).toEqual({ id: c.id, owner: { id: user.id }, creditStanding: 'FAIR' });
    const entry = await prisma.historyEntry.findFirstOrThrow({ where: { entityId: c.id, action: 'UPDATE' } });
    expect(Object.keys(entry.changes as object)).toEqual(['province']);
    await gqlOk(viewer, UPDATE, { id: c.id, version: 2, input: { name: '部分更新公司', ownerId: null } });
    expect((await prisma.customer.findUniqueOrThrow({ where: { id: c.id } })).ownerId).toBeNull();
  });
});
