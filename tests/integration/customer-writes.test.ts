import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_REASON_MAX_LENGTH } from '@/graphql/customers/customer-fields.rules';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

const CREATE = /* GraphQL */ `
  mutation Create($input: CustomerInput!) {
    createCustomer(input: $input) {
      id
      name
      version
      status
      initialAuditFee
      contractTotal
      contacts {
        id
        name
        isPrimary
      }
      contracts {
        id
        contractNo
        amount
      }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $version: Int!, $input: CustomerInput!) {
    updateCustomer(id: $id, version: $version, input: $input) {
      id
      name
      version
      province
      contacts {
        name
      }
    }
  }
`;
const ARCHIVE = /* GraphQL */ `
  mutation Archive($id: ID!, $version: Int!) {
    archiveCustomer(id: $id, version: $version, reason: "合并") {
      id
      version
      archivedAt
    }
  }
`;
const RESTORE = /* GraphQL */ `
  mutation Restore($id: ID!, $version: Int!) {
    restoreCustomer(id: $id, version: $version) {
      id
      version
      archivedAt
    }
  }
`;
const HISTORY = /* GraphQL */ `
  query H($id: ID!) {
    customer(id: $id) {
      history {
        action
        fromState
        toState
        comment
        changes
        actor {
          id
        }
      }
    }
  }
`;

type Created = {
  createCustomer: {
    id: string;
    name: string;
    version: number;
    status: string;
    initialAuditFee: string;
    contractTotal: string;
    contacts: { id: string; name: string; isPrimary: boolean }[];
    contracts: { id: string; contractNo: string; amount: string }[];
  };
};

let agent: Viewer;
let agentId: string;

describe('customer create / update / archive', () => {
  beforeAll(async () => {
    const staff = await createStaff('SERVICE_AGENT');
    agent = staff.viewer;
    agentId = staff.user.id;
  });

  it('creates a customer with contacts and contracts in one transaction and records the history', async () => {
    const { createCustomer: c } = await gqlOk<Created>(agent, CREATE, {
      input: {
        name: '  宁波丁公司  ',
        initialAuditFee: '12800.5',
        contacts: [{ name: '丁一', isPrimary: true }, { name: '丁二' }],
        contracts: [
          { contractNo: 'K-1', amount: '100000.00', signedAt: '2025-03-01' },
          { contractNo: 'K-2', amount: '0.05' },
        ],
      },
    });
    expect(c).toMatchObject({
      name: '宁波丁公司',
      version: 1,
      status: 'ACTIVE',
      initialAuditFee: '12800.50',
      contractTotal: '100000.05',
    });
    expect(c.contacts.map((x) => [x.name, x.isPrimary])).toEqual([
      ['丁一', true],
      ['丁二', false],
    ]);
    const history = await gqlOk<{ customer: { history: { action: string; actor: { id: string } }[] } }>(
      agent,
      HISTORY,
      { id: c.id },
    );
    expect(history.customer.history).toEqual([expect.objectContaining({ action: 'CREATE', actor: { id: agentId } })]);
    const stored = await prisma.customer.findUniqueOrThrow({ where: { id: c.id }, omit: { searchText: false } });
    expect(stored.searchText).toContain('丁二'); // contacts are searchable
  });

  it('returns field-level messages for invalid input and writes nothing', async () => {
    const before = await prisma.customer.count();
    const result = await gqlAs(agent, CREATE, {
      input: {
        name: '',
        postcode: '12',
        phone: 'abc',
        applicationAcceptedAt: '2025-05-01',
        auditDate: '2025-04-01',
        contacts: [{ name: 'x', email: 'not-an-email' }],
        contracts: [
          { contractNo: 'D', amount: '1.00' },
          { contractNo: 'D', amount: '2.00' },
        ],
      },
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.fields).toEqual({
      name: { key: 'validation.required', params: { min: 1 } },
      postcode: { key: 'customer.postcodeInvalid' },
      phone: { key: 'customer.phoneInvalid' },
      auditDate: { key: 'customer.auditBeforeApplication' },
      'contacts.0.email': { key: 'validation.invalidEmail' },
      'contracts.1.contractNo': { key: 'customer.contractNoRepeated' },
    });
    expect(await prisma.customer.count()).toBe(before);
  });

  it('reports a duplicate certificate number on its field, and rolls back contacts of the failed create', async () => {
    await gqlOk(agent, CREATE, { input: { name: '甲', certificateNo: 'DUP-1' } });
    const contactsBefore = await prisma.contact.count();
    const result = await gqlAs(agent, CREATE, {
      input: { name: '乙', certificateNo: 'DUP-1', contacts: [{ name: '某人' }] },
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.fields).toEqual({ certificateNo: { key: 'customer.certificateNoTaken' } });
    expect(await prisma.contact.count()).toBe(contactsBefore);
  });

  it('detects concurrent edits: the second save with the same version gets CONFLICT and changes nothing', async () => {
    const { createCustomer: c } = await gqlOk<Created>(agent, CREATE, {
      input: { name: '并发公司', contacts: [{ name: '甲' }] },
    });
    const first = await gqlOk<{ updateCustomer: { version: number; province: string } }>(agent, UPDATE, {
      id: c.id,
      version: 1,
      input: { name: '并发公司', province: '上海' },
    });
    expect(first.updateCustomer).toMatchObject({ version: 2, province: '上海' });
    const second = await gqlAs(agent, UPDATE, { id: c.id, version: 1, input: { name: '并发公司', province: '北京' } });
    expect(errorCodes(second)).toEqual(['CONFLICT']);
    expect(second.errors?.[0]?.extensions?.currentVersion).toBe(2);
    const stored = await prisma.customer.findUniqueOrThrow({ where: { id: c.id } });
    expect(stored).toMatchObject({ province: '上海', version: 2 });
  });

  it('N parallel updates of one version: exactly one wins, every win is in the history', async () => {
    const { createCustomer: c } = await gqlOk<Created>(agent, CREATE, { input: { name: '竞争公司' } });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        gqlAs(agent, UPDATE, { id: c.id, version: 1, input: { name: '竞争公司', province: `省${i}` } }),
      ),
    );
    const wins = results.filter((r) => !r.errors);
    expect(wins).toHaveLength(1);
    expect(results.filter((r) => errorCodes(r).includes('CONFLICT'))).toHaveLength(7);
    const updates = await prisma.historyEntry.count({ where: { entityId: c.id, action: 'UPDATE' } });
    expect(updates).toBe(1);
  });

  it('replaces contacts: keeps listed ids, adds new ones, removes the rest', async () => {
    const { createCustomer: c } = await gqlOk<Created>(agent, CREATE, {
      input: { name: '联系人公司', contacts: [{ name: '留下' }, { name: '删除' }] },
    });
    const keep = c.contacts.find((x) => x.name === '留下')!;
    const updated = await gqlOk<{ updateCustomer: { contacts: { name: string }[] } }>(agent, UPDATE, {
      id: c.id,
      version: 1,
      input: { name: '联系人公司', contacts: [{ id: keep.id, name: '留下改名' }, { name: '新增' }] },
    });
    expect(updated.updateCustomer.contacts.map((x) => x.name).sort()).toEqual(['新增', '留下改名']);
  });

  it('soft-archives and restores with version checks and history', async () => {
    const { createCustomer: c } = await gqlOk<Created>(agent, CREATE, { input: { name: '归档公司' } });
    const archived = await gqlOk<{ archiveCustomer: { version: number; archivedAt: string | null } }>(agent, ARCHIVE, {
      id: c.id,
      version: 1,
    });
    expect(archived.archiveCustomer.archivedAt).not.toBeNull();
    expect(errorCodes(await gqlAs(agent, RESTORE, { id: c.id, version: 1 }))).toEqual(['CONFLICT']);
    const restored = await gqlOk<{ restoreCustomer: { version: number; archivedAt: string | null } }>(agent, RESTORE, {
      id: c.id,
      version: 2,
    });
    expect(restored.restoreCustomer).toEqual({ id: c.id, version: 3, archivedAt: null });
    const history = await gqlOk<{ customer: { history: { action: string; comment: string | null }[] } }>(
      agent,
      HISTORY,
      { id: c.id },
    );
    expect(history.customer.history.map((h) => h.action)).toEqual(['CREATE', 'ARCHIVE', 'RESTORE']);
    expect(history.customer.history[1]?.comment).toBe('合并');
  });

  it('refuses an archive reason longer than the form allows (ARCHIVE_REASON_MAX_LENGTH)', async () => {
    const { createCustomer: c } = await gqlOk<Created>(agent, CREATE, { input: { name: '理由过长公司' } });
    const archive = /* GraphQL */ `
      mutation ArchiveWithReason($id: ID!, $version: Int!, $reason: String) {
        archiveCustomer(id: $id, version: $version, reason: $reason) {
          id
        }
      }
    `;
    const result = await gqlAs(agent, archive, {
      id: c.id,
      version: 1,
      reason: '长'.repeat(ARCHIVE_REASON_MAX_LENGTH + 1),
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const ok = await gqlAs(agent, archive, { id: c.id, version: 1, reason: '长'.repeat(ARCHIVE_REASON_MAX_LENGTH) });
    expect(errorCodes(ok)).toEqual([]);
  });

  it('the history is append-only in the database itself', async () => {
    const entry = await prisma.historyEntry.findFirstOrThrow();
    await expect(
      prisma.historyEntry.update({ where: { id: entry.id }, data: { comment: 'rewritten' } }),
    ).rejects.toThrow(/append-only/);
    await expect(prisma.historyEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
  });

  it('unknown ids answer NOT_FOUND', async () => {
    expect(
      errorCodes(
        await gqlAs(agent, UPDATE, { id: '00000000-0000-4000-8000-000000000000', version: 1, input: { name: 'x' } }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gqlAs(agent, HISTORY, { id: 'not-a-uuid' }))).toEqual(['NOT_FOUND']);
  });
});
