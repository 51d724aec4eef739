import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createContract, createCustomerRecord, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

const LIST = /* GraphQL */ `
  query List($filter: CustomerFilter, $sort: CustomerSort, $first: Int, $after: String) {
    customers(filter: $filter, sort: $sort, first: $first, after: $after) {
      nodes {
        id
        name
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
      totals {
        count
        initialAuditFee
        surveillanceAuditFee
        contractAmount
      }
    }
  }
`;

type ListData = {
  customers: {
    nodes: { id: string; name: string }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
    totals: { count: number; initialAuditFee: string; surveillanceAuditFee: string; contractAmount: string };
  };
};

let agent: Viewer;

const names = async (filter: Record<string, unknown>) =>
  (await gqlOk<ListData>(agent, LIST, { filter, first: 100 })).customers.nodes.map((n) => n.name).sort();

describe('customer list: every filter of SPEC §1', () => {
  beforeAll(async () => {
    agent = (await createStaff('SERVICE_AGENT')).viewer;
    const owner = await createStaff('SERVICE_MANAGER');
    const a = await createCustomerRecord(
      {
        name: '上海甲公司',
        contractNo: 'HT-A-001',
        certificateNo: 'CERT-A',
        status: 'ACTIVE',
        province: '上海',
        address: '浦东新区张江路 1 号',
        postcode: '201203',
        contactPerson: '张三',
        phone: '021-11112222',
        professionalCode: '19.05.01',
        certificationScope: '汽车零部件的生产',
        legalRepresentative: '甲法人',
        handler: '甲经办',
        businessCondition: '正常经营',
        businessLines: '冲压件',
        creditStanding: 'GOOD',
        industry: '汽车零部件',
        source: 'TRADE_SHOW',
        grade: 'A',
        keyAccountStatus: 'ACTIVE',
        ownerId: owner.user.id,
        applicationAcceptedAt: new Date('2025-01-10'),
        auditDate: new Date('2025-02-10'),
        plannedSurveillanceDate: new Date('2026-02-10'),
        implementationDate: new Date('2025-02-20'),
        initialAuditFee: '10000.00',
        surveillanceAuditFee: '5000.50',
      },
      ['李四联系人'],
    );
    await createContract(a.id, '300000.00');
    await createContract(a.id, '250000.25');
    const b = await createCustomerRecord({
      name: '江苏乙公司',
      contractNo: 'HT-B-002',
      certificateNo: 'CERT-B',
      status: 'SUSPENDED',
      province: '江苏',
      address: '苏州工业园区',
      postcode: '215000',
      contactPerson: '王五',
      phone: '0512-3333444',
      professionalCode: '29.01',
      certificationScope: '电子电路板的设计',
      legalRepresentative: '乙法人',
      handler: '乙经办',
      businessCondition: '扩张中',
      businessLines: '印制电路板',
      creditStanding: 'FAIR',
      industry: '电子电路',
      source: 'REFERRAL',
      grade: 'C',
      applicationAcceptedAt: new Date('2024-06-01'),
      auditDate: new Date('2024-07-01'),
      plannedSurveillanceDate: new Date('2025-07-01'),
      implementationDate: new Date('2024-07-15'),
      initialAuditFee: '20000.00',
      surveillanceAuditFee: '8000.00',
    });
    await createContract(b.id, '100.10');
    await createCustomerRecord({ name: '已归档丙公司', archivedAt: new Date(), province: '上海' });
  });

  it.each([
    [{ search: '甲公司' }, ['上海甲公司']],
    [{ search: '李四' }, ['上海甲公司']], // a contact's name
    [{ contractNo: 'HT-B' }, ['江苏乙公司']],
    [{ certificateNo: 'cert-a' }, ['上海甲公司']], // case-insensitive
    [{ name: '乙' }, ['江苏乙公司']],
    [{ status: ['SUSPENDED'] }, ['江苏乙公司']],
    [{ province: ['上海'] }, ['上海甲公司']],
    [{ address: '张江' }, ['上海甲公司']],
    [{ postcode: '215' }, ['江苏乙公司']],
    [{ contactPerson: '王五' }, ['江苏乙公司']],
    [{ phone: '1111' }, ['上海甲公司']],
    [{ professionalCode: '19.05' }, ['上海甲公司']],
    [{ certificationScope: '电子' }, ['江苏乙公司']],
    [{ legalRepresentative: '甲法人' }, ['上海甲公司']],
    [{ handler: '乙经办' }, ['江苏乙公司']],
    [{ businessCondition: '扩张' }, ['江苏乙公司']],
    [{ businessLines: '冲压' }, ['上海甲公司']],
    [{ creditStanding: ['FAIR'] }, ['江苏乙公司']],
    [{ industry: ['汽车零部件'] }, ['上海甲公司']],
    [{ source: ['REFERRAL'] }, ['江苏乙公司']],
    [{ grade: ['A', 'B'] }, ['上海甲公司']],
    [{ keyAccountStatus: ['ACTIVE'] }, ['上海甲公司']],
    [{ applicationAcceptedAt: { from: '2025-01-01' } }, ['上海甲公司']],
    [{ auditDate: { to: '2024-12-31' } }, ['江苏乙公司']],
    [{ plannedSurveillanceDate: { from: '2026-01-01', to: '2026-12-31' } }, ['上海甲公司']],
    [{ implementationDate: { from: '2024-07-15', to: '2024-07-15' } }, ['江苏乙公司']],
    [{ initialAuditFee: { min: '15000' } }, ['江苏乙公司']],
    [{ surveillanceAuditFee: { max: '5000.50' } }, ['上海甲公司']],
    [{ archived: true }, ['已归档丙公司']],
    [{ archived: null, province: ['上海'] }, ['上海甲公司', '已归档丙公司']],
    [{}, ['上海甲公司', '江苏乙公司']],
  ])('filter %j', async (filter, expected) => {
    expect(await names(filter)).toEqual([...expected].sort());
  });

  it('filters by owner', async () => {
    const owner = await prisma.user.findFirstOrThrow({ where: { role: 'SERVICE_MANAGER' } });
    expect(await names({ ownerId: owner.id })).toEqual(['上海甲公司']);
  });

  it('totals cover the whole filtered set, not just the page', async () => {
    const page = await gqlOk<ListData>(agent, LIST, { first: 1 });
    expect(page.customers.nodes).toHaveLength(1);
    expect(page.customers.totalCount).toBe(2);
    expect(page.customers.totals).toEqual({
      count: 2,
      initialAuditFee: '30000.00',
      surveillanceAuditFee: '13000.50',
      contractAmount: '550100.35',
    });
    const filtered = await gqlOk<ListData>(agent, LIST, { filter: { province: ['江苏'] } });
    expect(filtered.customers.totals.contractAmount).toBe('100.10');
  });

  it('rejects bad filter values and page sizes with BAD_USER_INPUT', async () => {
    expect(errorCodes(await gqlAs(agent, LIST, { filter: { auditDate: { from: '2025-13-01' } } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await gqlAs(agent, LIST, { filter: { initialAuditFee: { min: '1.234' } } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const tooMany = await gqlAs(agent, LIST, { first: 1000 });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors?.[0]?.extensions?.fields).toHaveProperty('first');
    expect(errorCodes(await gqlAs(agent, LIST, { after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
  });
});
