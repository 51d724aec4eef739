import { beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import {
  decideKeyAccountNomination,
  proposeKeyAccount,
  runKeyAccountProposal,
} from '@/graphql/key-accounts/key-account.service';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createContract, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

// SPEC §2, 001 第五章 6.2: nomination by configurable criteria, decided by the service manager, over GraphQL.
let agent: Viewer;
let manager: Viewer;
let manager2: Viewer;
let ownerId: string;

const CRITERIA = `mutation($version: Int!, $input: KeyAccountCriteriaInput!) {
  updateKeyAccountCriteria(version: $version, input: $input) { version cumulativeAmount { minAmount } }
}`;
const RECOMPUTE = `mutation { recomputeKeyAccountCandidates { nominated downgrades confirmed } }`;
const NOMINATIONS = `query($status: NominationStatus, $kind: NominationKind) {
  keyAccountNominations(status: $status, kind: $kind, first: 100) {
    totalCount
    nodes { id version kind status customer { id name } figures { met amountInWindow contractCount goodCredit minAmount } }
  }
}`;
const APPROVE = `mutation($id: ID!, $version: Int!, $reason: String!, $ownerId: ID) {
  approveKeyAccountNomination(id: $id, version: $version, reason: $reason, ownerId: $ownerId) {
    id status version decisionReason history { action toState comment }
  }
}`;
const REJECT = `mutation($id: ID!, $version: Int!, $reason: String!) {
  rejectKeyAccountNomination(id: $id, version: $version, reason: $reason) { id status version }
}`;

type Nomination = {
  id: string;
  version: number;
  kind: string;
  status: string;
  customer: { id: string; name: string };
  figures: { met: string[]; amountInWindow: string; contractCount: number; goodCredit: boolean; minAmount: string };
};

async function nominations(status = 'PROPOSED', kind = 'NOMINATION') {
  const data = await gqlOk<{ keyAccountNominations: { nodes: Nomination[] } }>(manager, NOMINATIONS, { status, kind });
  return data.keyAccountNominations.nodes;
}
const openFor = async (customerId: string, kind = 'NOMINATION') =>
  (await nominations('PROPOSED', kind)).find((n) => n.customer.id === customerId);
// The status everyone reads, over GraphQL: a proposal writes its nomination, not the Customer row.
const statusOf = async (id: string) =>
  (
    await gqlOk<{ customer: { keyAccountStatus: string } }>(
      manager,
      `query($id: ID!) { customer(id: $id) { keyAccountStatus } }`,
      { id },
    )
  ).customer.keyAccountStatus;
const storedStatusOf = async (id: string) =>
  (await prisma.customer.findUniqueOrThrow({ where: { id }, select: { keyAccountStatus: true } })).keyAccountStatus;

async function customerWith(name: string, amounts: string[], data: Partial<Prisma.CustomerUncheckedCreateInput> = {}) {
  const customer = await createCustomerRecord({ name, ...data });
  for (const amount of amounts) await createContract(customer.id, amount);
  return customer;
}

beforeAll(async () => {
  agent = (await createStaff('SERVICE_AGENT')).viewer;
  manager = (await createStaff('SERVICE_MANAGER')).viewer;
  manager2 = (await createStaff('SERVICE_MANAGER')).viewer;
  ownerId = (await createStaff('SERVICE_AGENT')).user.id;
  // Amount only (long-term off), so the boundary cases below are about the threshold alone.
  await gqlOk(manager, CRITERIA, {
    version: 0,
    input: {
      cumulativeAmount: { enabled: true, minAmount: '500000.00', years: 3 },
      longTerm: { enabled: false, minContracts: 3, minYears: 5 },
      regionalLandmark: { enabled: true },
      strategicPotential: { enabled: true },
      reviewIntervalMonths: 12,
    },
  });
});

describe('criteria setting', () => {
  it('is validated and version-checked (stale → CONFLICT); agents may read but not change it', async () => {
    const stale = await gqlAs(manager, CRITERIA, {
      version: 0,
      input: {
        cumulativeAmount: { enabled: true, minAmount: '1.00', years: 3 },
        longTerm: { enabled: false, minContracts: 3, minYears: 5 },
        regionalLandmark: { enabled: true },
        strategicPotential: { enabled: true },
        reviewIntervalMonths: 12,
      },
    });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const invalid = await gqlAs(manager, CRITERIA, {
      version: 1,
      input: {
        cumulativeAmount: { enabled: true, minAmount: '1.234', years: 0 },
        longTerm: { enabled: false, minContracts: 3, minYears: 5 },
        regionalLandmark: { enabled: true },
        strategicPotential: { enabled: true },
        reviewIntervalMonths: 12,
      },
    });
    expect(errorCodes(invalid)).toEqual(['BAD_USER_INPUT']);
    const read = await gqlOk<{ keyAccountCriteria: { version: number; cumulativeAmount: { minAmount: string } } }>(
      agent,
      `{ keyAccountCriteria { version cumulativeAmount { minAmount } } }`,
    );
    expect(read.keyAccountCriteria).toEqual({ version: 1, cumulativeAmount: { minAmount: '500000.00' } });
  });
});

describe('proposal from data', () => {
  let under: { id: string };
  let exactly: { id: string };
  let over: { id: string };
  let poorCredit: { id: string };
  let oldContracts: { id: string };

  beforeAll(async () => {
    under = await customerWith('阈值之下有限公司', ['300000.00', '199999.99']);
    exactly = await customerWith('恰好阈值有限公司', ['300000.00', '200000.00']);
    over = await customerWith('超过阈值有限公司', ['500000.01']);
    poorCredit = await customerWith('信用不良有限公司', ['900000.00'], { creditStanding: 'POOR' });
    // Signed four years ago: outside the three-year window.
    oldContracts = await customerWith('早年合同有限公司', []);
    await prisma.contract.create({
      data: {
        customerId: oldContracts.id,
        contractNo: 'C-OLD-1',
        amount: new Prisma.Decimal('800000.00'),
        signedAt: new Date(Date.UTC(new Date().getUTCFullYear() - 4, 0, 10)),
      },
    });
  });

  it('proposes at exactly and over the threshold, not just under it, with the figures behind it', async () => {
    const result = await gqlOk<{ recomputeKeyAccountCandidates: { nominated: number } }>(agent, RECOMPUTE);
    expect(result.recomputeKeyAccountCandidates.nominated).toBe(2);
    expect(await openFor(under.id)).toBeUndefined();
    const atThreshold = await openFor(exactly.id);
    expect(atThreshold?.figures).toEqual({
      met: ['CUMULATIVE_AMOUNT'],
      amountInWindow: '500000.00',
      contractCount: 2,
      goodCredit: true,
      minAmount: '500000.00',
    });
    expect((await openFor(over.id))?.figures.amountInWindow).toBe('500000.01');
    expect(await openFor(oldContracts.id)).toBeUndefined();
    expect(await statusOf(exactly.id)).toBe('CANDIDATE');
    expect(await statusOf(under.id)).toBe('NONE');
    // The nightly proposal leaves the Customer row alone; the customer list's status filter still finds the candidate.
    expect(await storedStatusOf(exactly.id)).toBe('NONE');
    const candidates = await gqlOk<{ customers: { nodes: { id: string }[] } }>(
      manager,
      `{ customers(filter: { keyAccountStatus: [CANDIDATE] }, first: 100) { nodes { id } } }`,
    );
    const candidateIds = candidates.customers.nodes.map((c) => c.id);
    expect(candidateIds).toEqual(expect.arrayContaining([exactly.id, over.id]));
    expect(candidateIds).not.toContain(under.id);
    const none = await gqlOk<{ customers: { nodes: { id: string }[] } }>(
      manager,
      `{ customers(filter: { keyAccountStatus: [NONE] }, first: 100) { nodes { id } } }`,
    );
    expect(none.customers.nodes.map((c) => c.id)).toContain(under.id);
    expect(none.customers.nodes.map((c) => c.id)).not.toContain(exactly.id);
  });

  it('good credit is mandatory: a large customer with poor credit is not proposed, nor by hand', async () => {
    expect(await openFor(poorCredit.id)).toBeUndefined();
    const byHand = await gqlAs(
      agent,
      `mutation($id: ID!) { proposeKeyAccount(customerId: $id, reason: "大客户") { id } }`,
      {
        id: poorCredit.id,
      },
    );
    expect(errorCodes(byHand)).toEqual(['BAD_USER_INPUT']);
  });

  it('is idempotent: a second run proposes nobody again (one open nomination per customer), with history once', async () => {
    const again = await gqlOk<{ recomputeKeyAccountCandidates: { nominated: number } }>(agent, RECOMPUTE);
    expect(again.recomputeKeyAccountCandidates.nominated).toBe(0);
    // Two runs at once: still one open nomination each.
    await Promise.all([runKeyAccountProposal(), runKeyAccountProposal()]);
    expect(await prisma.keyAccountNomination.count({ where: { customerId: exactly.id } })).toBe(1);
    const [open] = await prisma.keyAccountNomination.findMany({ where: { customerId: exactly.id } });
    expect(
      await prisma.historyEntry.count({
        where: { entityType: 'KeyAccountNomination', entityId: open!.id, action: 'CREATE' },
      }),
    ).toBe(1);
  });

  it('approve and reject need a reason; approval names the owner; active key accounts are not proposed again', async () => {
    const n = (await openFor(exactly.id))!;
    expect(errorCodes(await gqlAs(manager, APPROVE, { id: n.id, version: n.version, reason: ' ', ownerId }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await gqlAs(manager, APPROVE, { id: n.id, version: n.version, reason: '合同额达标' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await gqlAs(manager, REJECT, { id: n.id, version: n.version, reason: '' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await gqlAs(agent, APPROVE, { id: n.id, version: n.version, reason: 'x', ownerId }))).toEqual([
      'FORBIDDEN',
    ]);
    const approved = await gqlOk<{
      approveKeyAccountNomination: { status: string; decisionReason: string; history: { action: string }[] };
    }>(manager, APPROVE, { id: n.id, version: n.version, reason: '合同额达标', ownerId });
    expect(approved.approveKeyAccountNomination.status).toBe('APPROVED');
    expect(approved.approveKeyAccountNomination.decisionReason).toBe('合同额达标');
    expect(approved.approveKeyAccountNomination.history.map((h) => h.action)).toEqual(['CREATE', 'APPROVE']);
    const customer = await prisma.customer.findUniqueOrThrow({ where: { id: exactly.id } });
    expect(customer.keyAccountStatus).toBe('ACTIVE');
    expect(customer.ownerId).toBe(ownerId);
    // Approval starts the key account's obligations (001 §7.2–7.7), owned by its one-to-one owner.
    const obligations = await prisma.keyAccountObligation.findMany({ where: { customerId: exactly.id } });
    expect(obligations.length).toBeGreaterThan(0);
    expect(obligations.every((o) => o.status === 'OPEN' && o.ownerId === ownerId && o.nominationId === n.id)).toBe(
      true,
    );
    const list = await gqlOk<{ keyAccounts: { nodes: { id: string }[] } }>(manager, `{ keyAccounts { nodes { id } } }`);
    expect(list.keyAccounts.nodes.map((c) => c.id)).toContain(exactly.id);

    await gqlOk(agent, RECOMPUTE);
    expect(await openFor(exactly.id)).toBeUndefined();

    const rejected = (await openFor(over.id))!;
    await gqlOk(manager, REJECT, { id: rejected.id, version: rejected.version, reason: '业务不稳定' });
    expect(await statusOf(over.id)).toBe('NONE');
    // Not re-proposed every night against the decision (until the review interval has passed).
    await gqlOk(agent, RECOMPUTE);
    expect(await openFor(over.id)).toBeUndefined();
  });

  it('two managers deciding at once: one wins, the other gets CONFLICT', async () => {
    const c = await customerWith('并发审批有限公司', ['600000.00']);
    await gqlOk(agent, RECOMPUTE);
    const n = (await openFor(c.id))!;
    const results = await Promise.all([
      gqlAs(manager, APPROVE, { id: n.id, version: n.version, reason: '同意', ownerId }),
      gqlAs(manager2, REJECT, { id: n.id, version: n.version, reason: '不同意' }),
    ]);
    const codes = results.map(errorCodes);
    expect(codes.filter((c) => c.length === 0)).toHaveLength(1);
    expect(codes.flat()).toEqual(['CONFLICT']);
  });
});

describe('downgrade', () => {
  it('losing good credit proposes a downgrade (UNDER_REVIEW); approving it revokes, rejecting keeps ACTIVE', async () => {
    const a = await customerWith('降级批准有限公司', ['700000.00']);
    const b = await customerWith('降级驳回有限公司', ['700000.00']);
    await gqlOk(agent, RECOMPUTE);
    for (const c of [a, b]) {
      const n = (await openFor(c.id))!;
      await gqlOk(manager, APPROVE, { id: n.id, version: n.version, reason: '达标', ownerId });
    }
    await prisma.customer.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { creditStanding: 'POOR' } });
    const run = await gqlOk<{ recomputeKeyAccountCandidates: { downgrades: number } }>(agent, RECOMPUTE);
    expect(run.recomputeKeyAccountCandidates.downgrades).toBe(2);
    expect(await statusOf(a.id)).toBe('UNDER_REVIEW');
    const downA = (await openFor(a.id, 'DOWNGRADE'))!;
    expect(downA.figures.goodCredit).toBe(false);
    // A second run does not propose again.
    expect(
      (await gqlOk<{ recomputeKeyAccountCandidates: { downgrades: number } }>(agent, RECOMPUTE))
        .recomputeKeyAccountCandidates.downgrades,
    ).toBe(0);
    await gqlOk(manager, APPROVE, { id: downA.id, version: downA.version, reason: '信用不良' });
    expect(await statusOf(a.id)).toBe('REVOKED');
    // Revoked: nothing is owed any more.
    expect(await prisma.keyAccountObligation.count({ where: { customerId: a.id, status: 'OPEN' } })).toBe(0);
    const downB = (await openFor(b.id, 'DOWNGRADE'))!;
    await gqlOk(manager, REJECT, { id: downB.id, version: downB.version, reason: '已还款，信用恢复中' });
    expect(await statusOf(b.id)).toBe('ACTIVE');
    const history = await prisma.historyEntry.findMany({
      where: { entityType: 'Customer', entityId: a.id, action: 'TRANSITION' },
      orderBy: { createdAt: 'asc' },
      select: { fromState: true, toState: true },
    });
    // The nightly proposal wrote the nomination's history; the customer's starts with the approval of it.
    expect(history.map((h) => [h.fromState, h.toState])).toEqual([
      ['CANDIDATE', 'ACTIVE'],
      ['ACTIVE', 'UNDER_REVIEW'],
      ['UNDER_REVIEW', 'REVOKED'],
    ]);
  });
});

describe('flags and hand proposals', () => {
  it('a landmark flag needs a reason, is version-checked, and makes the customer a candidate', async () => {
    const c = await customerWith('地区标志有限公司', []);
    const SET = `mutation($id: ID!, $version: Int!, $input: CustomerKeyAccountFlagsInput!) {
      setCustomerKeyAccountFlags(customerId: $id, version: $version, input: $input) {
        version keyAccountFlags { regionalLandmark regionalLandmarkReason }
      }
    }`;
    expect(
      errorCodes(
        await gqlAs(agent, SET, { id: c.id, version: 1, input: { regionalLandmark: true, strategicPotential: false } }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    const set = await gqlOk<{ setCustomerKeyAccountFlags: { version: number } }>(agent, SET, {
      id: c.id,
      version: 1,
      input: { regionalLandmark: true, regionalLandmarkReason: '省内龙头', strategicPotential: false },
    });
    expect(set.setCustomerKeyAccountFlags.version).toBe(2);
    expect(
      errorCodes(
        await gqlAs(agent, SET, {
          id: c.id,
          version: 1,
          input: { regionalLandmark: false, strategicPotential: false },
        }),
      ),
    ).toEqual(['CONFLICT']);
    await gqlOk(agent, RECOMPUTE);
    expect((await openFor(c.id))?.figures.met).toEqual(['REGIONAL_LANDMARK']);
  });

  it('staff propose a customer by hand with a reason; a customer sees only its own status', async () => {
    const c = await customerWith('潜在大客户有限公司', ['1000.00']);
    const PROPOSE = `mutation($id: ID!, $reason: String!) { proposeKeyAccount(customerId: $id, reason: $reason) { id status } }`;
    expect(errorCodes(await gqlAs(agent, PROPOSE, { id: c.id, reason: '' }))).toEqual(['BAD_USER_INPUT']);
    await gqlOk(agent, PROPOSE, { id: c.id, reason: '集团采购潜力大' });
    expect(errorCodes(await gqlAs(agent, PROPOSE, { id: c.id, reason: '再次' }))).toEqual(['CONFLICT']);
    const portal = (await createCustomerUser(c.id)).viewer;
    const own = await gqlOk<{ customer: { keyAccountStatus: string; keyAccountFlags: unknown } }>(
      portal,
      `query($id: ID!) { customer(id: $id) { keyAccountStatus keyAccountFlags { regionalLandmark } } }`,
      { id: c.id },
    );
    expect(own.customer).toEqual({ keyAccountStatus: 'CANDIDATE', keyAccountFlags: null });
  });
});

describe('the stored open-nomination flag (Customer.hasOpenNomination, kept by a trigger)', () => {
  const stored = (id: string) =>
    prisma.customer.findUniqueOrThrow({
      where: { id },
      select: { hasOpenNomination: true, keyAccountStatus: true, version: true, updatedAt: true },
    });
  const CANDIDATES = `query($name: String!) { customers(first: 50, filter: { name: $name, keyAccountStatus: [CANDIDATE] }) { nodes { id } } }`;

  it('follows a proposal by hand and its rejection, without touching the version or updatedAt', async () => {
    const c = await customerWith('旗标驳回有限公司', ['1000.00']);
    const before = await stored(c.id);
    expect(before.hasOpenNomination).toBe(false);
    const n = await proposeKeyAccount(agent, c.id, '集团采购潜力大');
    const proposed = await stored(c.id);
    expect(proposed).toEqual({ ...before, hasOpenNomination: true });
    expect(await statusOf(c.id)).toBe('CANDIDATE');
    await decideKeyAccountNomination(manager, n.id, n.version, 'REJECT', { reason: '业务不稳定' });
    expect(await stored(c.id)).toMatchObject({ hasOpenNomination: false, keyAccountStatus: 'NONE' });
    expect(await statusOf(c.id)).toBe('NONE');
  });

  it('follows the nightly proposal and the approval; a downgrade does not raise it', async () => {
    const c = await customerWith('旗标批准有限公司', ['800000.00'], { keyAccountStatus: 'REVOKED' });
    await runKeyAccountProposal(new Date());
    expect((await stored(c.id)).hasOpenNomination).toBe(true);
    const found = await gqlOk<{ customers: { nodes: { id: string }[] } }>(manager, CANDIDATES, {
      name: '旗标批准有限公司',
    });
    expect(found.customers.nodes).toEqual([{ id: c.id }]);
    const n = (await openFor(c.id))!;
    await decideKeyAccountNomination(manager, n.id, n.version, 'APPROVE', { reason: '合同额达标', ownerId });
    expect(await stored(c.id)).toMatchObject({ hasOpenNomination: false, keyAccountStatus: 'ACTIVE' });
    expect(await gqlOk(manager, CANDIDATES, { name: '旗标批准有限公司' })).toEqual({ customers: { nodes: [] } });

    // Losing good credit proposes a downgrade (UNDER_REVIEW): an open nomination, but not a NOMINATION.
    await prisma.customer.update({ where: { id: c.id }, data: { creditStanding: 'POOR' } });
    await runKeyAccountProposal(new Date());
    expect(await openFor(c.id, 'DOWNGRADE')).toBeDefined();
    expect(await stored(c.id)).toMatchObject({ hasOpenNomination: false, keyAccountStatus: 'UNDER_REVIEW' });
  });

  it('follows a nomination withdrawn by deleting it (a script, the console, a customer deleted)', async () => {
    const c = await customerWith('旗标撤回有限公司', []);
    const n = await proposeKeyAccount(agent, c.id, '战略合作');
    expect((await stored(c.id)).hasOpenNomination).toBe(true);
    // A write that leaves the nomination open (a version bump) keeps the flag.
    await prisma.keyAccountNomination.update({ where: { id: n.id }, data: { version: { increment: 1 } } });
    expect((await stored(c.id)).hasOpenNomination).toBe(true);
    await prisma.keyAccountNomination.delete({ where: { id: n.id } });
    expect((await stored(c.id)).hasOpenNomination).toBe(false);
    expect(await statusOf(c.id)).toBe('NONE');
  });
});
