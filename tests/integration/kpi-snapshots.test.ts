import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kpiDashboard } from '@/graphql/kpi-dashboard/kpi-dashboard.service';
import { kpiDashboardServed, refreshKpiSnapshots } from '@/graphql/kpi-dashboard/kpi-snapshot.service';
import { KPI_SNAPSHOT_MAX_AGE_SECONDS } from '@/graphql/kpi-dashboard/kpi-dashboard.rules';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createInteractionRecord, createStaff } from '../helpers/factories';
import { gqlOk } from '../helpers/graphql';
import { captureStatements } from '../helpers/statements';

// Issue 14: the dashboard over years of history answers from a snapshot at most KPI_DASHBOARD_MAX_AGE_SECONDS old.
let manager: Viewer;
let handler: Viewer;
let production: string;
let sales: string;
let customerId: string;

const complaint = (createdAt: string, departmentId: string | null = null) =>
  createInteractionRecord({ customerId, responsibleDepartmentId: departmentId, createdAt: new Date(createdAt) });

const snapshots = () =>
  prisma.kpiDashboardSnapshot.findMany({ select: { role: true, period: true, filter: true, computedAt: true } });
/** Moves a snapshot's computation (and last read) into the past. */
const age = (period: string, seconds: number, readSecondsAgo = 0) => prisma.$executeRaw`
  UPDATE "KpiDashboardSnapshot" SET "computedAt" = ${new Date(Date.now() - seconds * 1000)},
    "readAt" = ${new Date(Date.now() - readSecondsAgo * 1000)}
  WHERE "period" = ${period}`;

beforeAll(async () => {
  manager = (await createStaff('SERVICE_MANAGER')).viewer;
  production = (await prisma.department.create({ data: { name: '生产部', code: 'SNAP-PROD' } })).id;
  sales = (await prisma.department.create({ data: { name: '销售部', code: 'SNAP-SALES' } })).id;
  handler = (await createStaff('DEPARTMENT_HANDLER', { departmentId: production })).viewer;
  customerId = (await createCustomerRecord()).id;
});

afterEach(() => {
  delete process.env.KPI_DASHBOARD_MAX_AGE_SECONDS;
});

describe('KPI dashboard snapshots', () => {
  it('within the bound a dashboard is one read of its snapshot; past it, the figures are computed again', async () => {
    await complaint('2025-06-10T02:00:00Z');
    const first = await kpiDashboardServed(manager, { period: '2025-06' }, new Date());
    expect(first.total.current).toBe(1);

    await complaint('2025-06-11T02:00:00Z');
    let second: Awaited<ReturnType<typeof kpiDashboardServed>> | undefined;
    const statements = await captureStatements(async () => {
      second = await kpiDashboardServed(manager, { period: '2025-06' }, new Date());
    });
    expect(statements.map((s) => s.text.replace(/\s+/g, ' ').trim().slice(0, 81))).toEqual([
      'SELECT "model"::text AS model, "computedAt", "readAt" FROM "KpiDashboardSnapshot"',
    ]);
    // The stored figures, Dates as Dates: the complaint registered meanwhile waits for the next computation.
    expect(second!.total.current).toBe(1);
    expect(second!.computedAt).toEqual(first.computedAt);
    expect(second!.periods.current.from).toBeInstanceOf(Date);
    expect(second!.periods.current.from).toEqual(first.periods.current.from);
    expect(second).toEqual(first);

    await age('2025-06', KPI_SNAPSHOT_MAX_AGE_SECONDS + 1);
    const third = await kpiDashboardServed(manager, { period: '2025-06' }, new Date());
    expect(third.total.current).toBe(2);
    expect(third.computedAt.getTime()).toBeGreaterThan(first.computedAt.getTime());
    // Through GraphQL: the same figures and when they were computed.
    const { kpiDashboard: viaApi } = await gqlOk<{ kpiDashboard: { computedAt: string; total: { current: number } } }>(
      manager,
      'query { kpiDashboard(period: "2025-06") { computedAt total { current } } }',
    );
    expect(viaApi).toEqual({ computedAt: third.computedAt.toISOString(), total: { current: 2 } });
  });

  it('requests arriving together for a missing snapshot share one computation', async () => {
    await complaint('2025-05-10T02:00:00Z');
    const statements = await captureStatements(() =>
      Promise.all(Array.from({ length: 5 }, () => kpiDashboardServed(manager, { period: '2025-05' }, new Date()))),
    );
    expect(statements.filter((s) => s.text.includes('INSERT INTO "KpiDashboardSnapshot"'))).toHaveLength(1);
    const live = await captureStatements(() => kpiDashboard(manager, { period: '2025-05' }, new Date()));
    const facts = (list: typeof live) => list.filter((s) => /FROM \(VALUES/.test(s.text)).length;
    expect(facts(statements)).toBe(facts(live));
  });

  it('each role has its own snapshots; a department handler is pinned to their department whatever they ask', async () => {
    await complaint('2025-04-10T02:00:00Z', production);
    await complaint('2025-04-11T02:00:00Z', sales);
    const own = await kpiDashboardServed(handler, { period: '2025-04', filter: { departmentId: sales } }, new Date());
    expect(own.total.current).toBe(1);
    expect(own.filter.departmentId).toBe(production);
    const all = await kpiDashboardServed(manager, { period: '2025-04' }, new Date());
    expect(all.total.current).toBe(2);
    const stored = (await snapshots()).filter((s) => s.period === '2025-04');
    expect(stored.map((s) => [s.role, s.filter]).sort()).toEqual([
      ['DEPARTMENT_HANDLER', { departmentId: production }],
      ['SERVICE_MANAGER', {}],
    ]);
    // The manager asking for the production department gets a snapshot of its own, not the handler's.
    const narrowed = await kpiDashboardServed(
      manager,
      { period: '2025-04', filter: { departmentId: production } },
      new Date(),
    );
    expect(narrowed.total.current).toBe(1);
    expect((await snapshots()).filter((s) => s.period === '2025-04')).toHaveLength(3);
  });

  it('the job recomputes the snapshots read lately before they pass the bound, and forgets unread ones', async () => {
    await prisma.kpiDashboardSnapshot.deleteMany();
    await complaint('2025-03-10T02:00:00Z');
    for (const period of ['2025-03', '2025-02', '2025-01']) await kpiDashboardServed(manager, { period }, new Date());
    await age('2025-03', KPI_SNAPSHOT_MAX_AGE_SECONDS - 30); // read now, about to pass the bound: recomputed
    await age('2025-02', KPI_SNAPSHOT_MAX_AGE_SECONDS - 30, 3 * 60 * 60); // not read for 3 hours: left to age
    await age('2025-01', KPI_SNAPSHOT_MAX_AGE_SECONDS - 30, 8 * 24 * 60 * 60); // not read for 8 days: forgotten
    const before = await snapshots();
    await complaint('2025-03-11T02:00:00Z');

    expect(await refreshKpiSnapshots()).toEqual({ recomputed: 1, forgotten: 1, more: false });
    const after = await snapshots();
    expect(after.map((s) => s.period).sort()).toEqual(['2025-02', '2025-03']);
    const march = after.find((s) => s.period === '2025-03')!;
    expect(march.computedAt.getTime()).toBeGreaterThan(
      before.find((s) => s.period === '2025-03')!.computedAt.getTime(),
    );
    expect(after.find((s) => s.period === '2025-02')!.computedAt).toEqual(
      before.find((s) => s.period === '2025-02')!.computedAt,
    );
    const served = await kpiDashboardServed(manager, { period: '2025-03' }, new Date());
    expect(served.total.current).toBe(2);
    expect(served.computedAt).toEqual(march.computedAt);
  });

  it('API keys, another moment than the present and a bound of 0 are computed live, nothing stored', async () => {
    await prisma.kpiDashboardSnapshot.deleteMany();
    const apiKey: Viewer = { kind: 'apiClient', apiKeyId: 'k', name: 'BI', scopes: ['reports:read'] };
    expect((await kpiDashboardServed(apiKey, { period: '2025-06' }, new Date())).total.current).toBe(2);
    const past = new Date(Date.now() - 60 * 60 * 1000);
    expect((await kpiDashboardServed(manager, { period: '2025-06' }, past)).computedAt).toEqual(past);
    process.env.KPI_DASHBOARD_MAX_AGE_SECONDS = '0';
    await kpiDashboardServed(manager, { period: '2025-06' }, new Date());
    expect(await snapshots()).toEqual([]);
    expect(await refreshKpiSnapshots()).toEqual({ recomputed: 0, forgotten: 0, more: false });
  });
});
