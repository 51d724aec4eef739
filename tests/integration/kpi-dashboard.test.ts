import { beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '@/generated/prisma/client';
import {
  drillDownFilter,
  drillDownOf,
  drillDownSearch,
  parsePeriod,
  periodDays,
  type DrillDown,
} from '@/graphql/kpi-dashboard/kpi-dashboard.rules';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import {
  createContract,
  createCustomerRecord,
  createCustomerUser,
  createInteractionRecord,
  createStaff,
} from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import { captureStatements } from '../helpers/statements';

// November 2025 in Shanghai: [2025-10-31T16:00Z, 2025-11-30T16:00Z); previous October 2025; last year November 2024.
const DASHBOARD = /* GraphQL */ `
  query ($period: String!, $filter: KpiDashboardFilter) {
    kpiDashboard(period: $period, filter: $filter) {
      period
      departmentId
      periods {
        current {
          period
          from
          to
        }
        previous {
          period
        }
        lastYear {
          period
        }
      }
      total {
        current
        previous
        lastYear
      }
      byType {
        key
        counts {
          current
        }
      }
      bySeverity {
        key
        counts {
          current
          previous
          lastYear
        }
      }
      byCauseClass {
        key
        counts {
          current
        }
      }
      byDepartment {
        key
        label
        counts {
          current
          previous
        }
      }
      byProduct {
        key
        counts {
          current
        }
      }
      byMonth {
        month
        count
      }
      customersServed {
        current
      }
      ratePer100Customers {
        current
      }
      ratePerContractVolume {
        current
      }
      toTriage {
        current {
          median
          p90
          count
        }
      }
      resolutionOnTime {
        current {
          onTime
          late
          overdue
          rate
        }
      }
      overdueNow
      repeatComplaints {
        current
      }
      callbacks {
        current {
          due
          done
          completionRate
          accuracy
        }
      }
      keyAccounts {
        name
        openComplaints
        overdueObligations
        lastIndex
        lastVisitAt
        warrantyCost
      }
    }
  }
`;

const LIST = /* GraphQL */ `
  query ($filter: InteractionFilter) {
    interactions(filter: $filter, first: 1) {
      totalCount
    }
  }
`;

type Counts = { current: number; previous: number; lastYear: number };
type KeyCount = { key: string | null; label?: string | null; counts: Counts };
type Dashboard = {
  period: string;
  departmentId: string | null;
  periods: {
    current: { period: string; from: string; to: string };
    previous: { period: string };
    lastYear: { period: string };
  };
  total: Counts;
  byType: KeyCount[];
  bySeverity: KeyCount[];
  byCauseClass: KeyCount[];
  byDepartment: KeyCount[];
  byProduct: KeyCount[];
  byMonth: { month: string; count: number }[];
  customersServed: { current: number };
  ratePer100Customers: { current: number | null };
  ratePerContractVolume: { current: number | null };
  toTriage: { current: { median: number | null; p90: number | null; count: number } };
  resolutionOnTime: { current: { onTime: number; late: number; overdue: number; rate: number | null } };
  overdueNow: number;
  repeatComplaints: { current: number };
  callbacks: { current: { due: number; done: number; completionRate: number | null; accuracy: number | null } };
  keyAccounts: {
    name: string;
    openComplaints: number;
    overdueObligations: number;
    lastIndex: number | null;
    lastVisitAt: string | null;
    warrantyCost: number;
  }[];
};

let manager: Viewer;
let handler: Viewer;
let customer: Viewer;
let production: string;
let sales: string;

const complaint = (data: Partial<Prisma.InteractionUncheckedCreateInput> & { createdAt: Date }) =>
  createInteractionRecord(data);

const dashboard = (viewer: Viewer, period = '2025-11', filter: Record<string, unknown> | null = null) =>
  gqlOk<{ kpiDashboard: Dashboard }>(viewer, DASHBOARD, { period, filter }).then((r) => r.kpiDashboard);

/** How many records the interactions list shows for a drill-down link (its URL read back as the list reads it). */
async function drillCount(viewer: Viewer, drill: DrillDown): Promise<number> {
  const params = new URLSearchParams(drillDownSearch(drill));
  const read = drillDownOf(params);
  const { interactions } = await gqlOk<{ interactions: { totalCount: number } }>(viewer, LIST, {
    filter: {
      ...drillDownFilter(read),
      type: read.type ? [read.type] : null,
      createdAt: { from: read.from, to: read.to },
    },
  });
  return interactions.totalCount;
}

beforeAll(async () => {
  production = (await prisma.department.create({ data: { code: 'KPI-PROD', name: '生产部' } })).id;
  sales = (await prisma.department.create({ data: { code: 'KPI-SALES', name: '市场销售部' } })).id;
  manager = (await createStaff('SERVICE_MANAGER')).viewer;
  handler = (await createStaff('DEPARTMENT_HANDLER', { departmentId: sales })).viewer;
  const x = await createCustomerRecord({ name: '甲精密', province: '江苏', keyAccountStatus: 'ACTIVE' });
  const y = await createCustomerRecord({ name: '乙电子', province: '浙江' });
  customer = (await createCustomerUser(x.id)).viewer;
  await prisma.contract.update({
    where: { id: (await createContract(x.id, '2000000.00')).id },
    data: { signedAt: new Date('2025-11-03') },
  });
  await prisma.keyAccountObligation.create({
    data: { customerId: x.id, kind: 'LEADERSHIP_VISIT', dueAt: new Date('2025-11-20T02:00:00Z') },
  });
  // Two visits (the later one is the last visit, whatever the period) and 三包 lines: two in November, one in October.
  for (const visitedAt of ['2025-09-10T02:00:00Z', '2025-12-02T03:00:00Z'])
    await prisma.visitLog.create({
      data: {
        customerId: x.id,
        userId: manager.kind === 'staff' ? manager.userId : '',
        visitedAt: new Date(visitedAt),
        summary: '走访',
      },
    });
  const workOrder = await prisma.workOrder.create({
    data: { number: 'PG-2025-000001', customerId: x.id, description: '更换刹车片' },
  });
  for (const [cost, createdAt] of [
    ['1200.50', '2025-11-05T02:00:00Z'],
    ['300.25', '2025-11-28T02:00:00Z'],
    ['999.00', '2025-10-15T02:00:00Z'],
  ] as const)
    await prisma.workOrderWarrantyLine.create({
      data: {
        workOrderId: workOrder.id,
        kind: 'REPLACE',
        part: '刹车片',
        quantity: 2,
        cost,
        createdAt: new Date(createdAt),
      },
    });

  // The first instant of November in Shanghai (Sat 00:00); triaged Mon 09:30 = 1 business hour; resolved on time.
  const first = await complaint({
    customerId: x.id,
    isKeyAccount: true,
    responsibleDepartmentId: production,
    severity: 'GENERAL',
    causeClass: 'QUALITY',
    status: 'CLOSED',
    productRef: 'BR-118',
    createdAt: new Date('2025-10-31T16:00:00Z'),
    triagedAt: new Date('2025-11-03T01:30:00Z'),
    resolvedAt: new Date('2025-11-04T02:00:00Z'),
    resolutionDueAt: new Date('2025-11-07T02:00:00Z'),
    closedAt: new Date('2025-11-12T02:00:00Z'),
  });
  await prisma.callback.create({
    data: {
      interactionId: first.id,
      customerId: x.id,
      reason: 'POST_RESOLUTION',
      dueAt: new Date('2025-11-11T02:00:00Z'),
      status: 'DONE',
      completedAt: new Date('2025-11-10T02:00:00Z'),
      accuracyScore: 4,
    },
  });
  // Same customer and product 9 days later (a repeat); triaged after 1 business hour; overdue, still open.
  await complaint({
    customerId: x.id,
    isKeyAccount: true,
    responsibleDepartmentId: production,
    severity: 'MAJOR',
    causeClass: 'QUALITY',
    status: 'INVESTIGATING',
    productRef: 'BR-118',
    createdAt: new Date('2025-11-10T02:00:00Z'),
    triagedAt: new Date('2025-11-10T03:00:00Z'),
    resolutionDueAt: new Date('2025-11-12T02:00:00Z'),
  });
  // The last millisecond of November in Shanghai, sales.
  await complaint({
    customerId: y.id,
    responsibleDepartmentId: sales,
    severity: 'GENERAL',
    causeClass: 'NON_QUALITY',
    status: 'TRIAGED',
    createdAt: new Date('2025-11-30T15:59:59.999Z'),
  });
  // October (its last millisecond), December (its first instant), November 2024.
  await complaint({
    customerId: y.id,
    responsibleDepartmentId: sales,
    severity: 'GENERAL',
    causeClass: 'NON_QUALITY',
    status: 'CLOSED',
    createdAt: new Date('2025-10-31T15:59:59.999Z'),
  });
  await complaint({
    customerId: x.id,
    responsibleDepartmentId: production,
    createdAt: new Date('2025-11-30T16:00:00Z'),
  });
  await complaint({
    customerId: y.id,
    responsibleDepartmentId: sales,
    severity: 'CRISIS',
    causeClass: 'QUALITY',
    status: 'CLOSED',
    createdAt: new Date('2024-11-15T02:00:00Z'),
  });
  await complaint({ type: 'CONSULTATION', customerId: x.id, createdAt: new Date('2025-11-05T02:00:00Z') });
  await complaint({ type: 'INQUIRY', customerId: y.id, createdAt: new Date('2025-11-06T02:00:00Z') });
});

describe('kpiDashboard', () => {
  it('counts the period from Shanghai midnight to midnight, beside the previous period and the same one last year', async () => {
    const d = await dashboard(manager);
    expect(d.periods).toMatchObject({
      current: { period: '2025-11', from: '2025-10-31T16:00:00.000Z', to: '2025-11-30T16:00:00.000Z' },
      previous: { period: '2025-10' },
      lastYear: { period: '2024-11' },
    });
    expect(d.total).toEqual({ current: 3, previous: 1, lastYear: 1 });
    expect(d.bySeverity.find((s) => s.key === 'GENERAL')?.counts).toEqual({ current: 2, previous: 1, lastYear: 0 });
    expect(d.bySeverity.find((s) => s.key === 'CRISIS')?.counts).toEqual({ current: 0, previous: 0, lastYear: 1 });
    expect(d.byDepartment.map((r) => [r.label, r.counts.current])).toEqual([
      ['生产部', 2],
      ['市场销售部', 1],
    ]);
    expect(d.byMonth).toEqual([{ month: '2025-11', count: 3 }]);
    expect(d.byType.map((r) => [r.key, r.counts.current])).toEqual([
      ['COMPLAINT', 3],
      ['CONSULTATION', 1],
      ['INQUIRY', 1],
    ]);
    // Two customers served; 3 complaints × 100 ÷ 2 = 150; ¥2,000,000 signed → 1.5 per ¥1,000,000.
    expect(d.customersServed.current).toBe(2);
    expect(d.ratePer100Customers.current).toBe(150);
    expect(d.ratePerContractVolume.current).toBe(1.5);
    // Triage in 1 and 1 business hours.
    expect(d.toTriage.current).toEqual({ median: 1, p90: 1, count: 2 });
    expect(d.resolutionOnTime.current).toEqual({ onTime: 1, late: 0, overdue: 1, rate: 0.5 });
    // 甲's second BR-118 complaint (9 days after the first) and 乙's NON_QUALITY one (30 days after October's).
    expect(d.repeatComplaints.current).toBe(2);
    expect(d.callbacks.current).toEqual({ due: 1, done: 1, completionRate: 1, accuracy: 4 });
    expect(d.overdueNow).toBe(1);
    // Open now, whatever the period: November's INVESTIGATING complaint and December's new one.
    // Its last visit (December's, after the period: the latest whatever the period) and November's 三包 cost.
    expect(d.keyAccounts).toEqual([
      {
        name: '甲精密',
        openComplaints: 2,
        overdueObligations: 1,
        lastIndex: null,
        lastVisitAt: '2025-12-02T03:00:00.000Z',
        warrantyCost: 1500.75,
      },
    ]);
  });

  it('an empty period counts zero with null rates and medians', async () => {
    const d = await dashboard(manager, '2023-Q1');
    expect(d.total).toEqual({ current: 0, previous: 0, lastYear: 0 });
    expect(d.ratePer100Customers.current).toBeNull();
    expect(d.toTriage.current).toEqual({ median: null, p90: null, count: 0 });
    expect(d.resolutionOnTime.current.rate).toBeNull();
  });

  it('every breakdown figure equals the number of records its drill-down lists', async () => {
    for (const filter of [null, { departmentId: production }, { province: '江苏' }, { keyAccount: true }]) {
      const d = await dashboard(manager, '2025-11', filter);
      const base: DrillDown = {
        type: 'COMPLAINT',
        ...periodDays(parsePeriod('2025-11', 'Asia/Shanghai')!, 'Asia/Shanghai'),
        ...filter,
      };
      expect(await drillCount(manager, base)).toBe(d.total.current);
      for (const row of d.bySeverity.filter((r) => r.key))
        expect(await drillCount(manager, { ...base, severity: row.key })).toBe(row.counts.current);
      for (const row of d.byCauseClass.filter((r) => r.key))
        expect(await drillCount(manager, { ...base, causeClass: row.key })).toBe(row.counts.current);
      for (const row of d.byDepartment.filter((r) => r.key))
        expect(await drillCount(manager, { ...base, departmentId: row.key })).toBe(row.counts.current);
      for (const row of d.byProduct.filter((r) => r.key))
        expect(await drillCount(manager, { ...base, productRef: row.key })).toBe(row.counts.current);
    }
  });

  it('a department handler sees only their department, whatever department they ask for', async () => {
    const own = await dashboard(handler);
    expect(own.departmentId).toBe(sales);
    expect(own.total).toEqual({ current: 1, previous: 1, lastYear: 1 });
    expect(own.byDepartment.map((r) => r.label)).toEqual(['市场销售部']);
    const asked = await dashboard(handler, '2025-11', { departmentId: production });
    expect(asked.total.current).toBe(1);
    expect(
      await drillCount(handler, {
        type: 'COMPLAINT',
        from: '2025-11-01',
        to: '2025-11-30',
        departmentId: own.departmentId,
      }),
    ).toBe(own.total.current);
  });

  it('reads on the reports pool, so dashboards never take the connections the other screens need', async () => {
    const manager = (await createStaff('SERVICE_MANAGER')).viewer;
    // A period nobody asked for yet: computed (and stored as a snapshot), then served from the snapshot.
    const statements = await captureStatements(() => gqlOk(manager, DASHBOARD, { period: '2025-09' }));
    const aggregates = statements.filter((st) => /"ComplaintKpiFact"|"Interaction"/.test(st.text));
    expect(aggregates.length).toBeGreaterThan(3);
    expect(aggregates.filter((st) => st.kind !== 'reports').map((st) => st.text.slice(0, 120))).toEqual([]);
    // The snapshot's read is a primary-key lookup: it never waits behind a computation for a reports connection.
    const served = await captureStatements(() => gqlOk(manager, DASHBOARD, { period: '2025-09' }));
    expect(served.map((st) => st.kind)).toEqual(['interactive']);
  });

  it('a customer and an API key without reports:read are FORBIDDEN; a bad period is BAD_USER_INPUT', async () => {
    expect(errorCodes(await gqlAs(customer, DASHBOARD, { period: '2025-11' }))).toEqual(['FORBIDDEN']);
    const apiKey: Viewer = { kind: 'apiClient', apiKeyId: 'k', name: 'erp', scopes: ['interactions:read'] };
    expect(errorCodes(await gqlAs(apiKey, DASHBOARD, { period: '2025-11' }))).toEqual(['FORBIDDEN']);
    const bad = await gqlAs(manager, DASHBOARD, { period: '2025-13' });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0]?.extensions?.fields).toMatchObject({ period: { key: 'kpiDashboard.periodInvalid' } });
  });
});
