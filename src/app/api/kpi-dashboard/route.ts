import { KPI_TABLES, kpiTables } from '@/graphql/kpi-dashboard/kpi-dashboard.export';
import { drillDownFilter, drillDownOf } from '@/graphql/kpi-dashboard/kpi-dashboard.rules';
import { kpiDashboardServed } from '@/graphql/kpi-dashboard/kpi-snapshot.service';
import { tablesToCsv, tablesToXlsx } from '@/graphql/survey-analysis/survey.export';
import { now } from '@/server/clock';
import { withRoute } from '@/server/http/route';
import { fileResponse } from '@/server/http/file-response';
import { checkedSearchParams, formatParam } from '@/server/http/query-params';

/**
 * GET /api/kpi-dashboard?period=2026-Q4&format=csv|xlsx[&table=severity][&dept=…&severity=…&cause=…&ka=1&customer=…
 * &product=…&province=…] — the KPI dashboard's tables as a file (all of them, or one chart's). The same figures,
 * scope and permission (reports:read) as the kpiDashboard query; the filters are those of its drill-down links.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<Record<string, never>>('kpi-dashboard', 'viewer', async ({ req, viewer }) => {
  const params = checkedSearchParams(req.nextUrl);
  const format = formatParam(params, ['csv', 'xlsx'], 'xlsx');
  const drill = drillDownFilter(drillDownOf(params));
  const model = await kpiDashboardServed(
    viewer,
    {
      period: params.get('period') ?? '',
      filter: {
        departmentId: drill.responsibleDepartmentId,
        severity: drill.severity?.[0] ?? null,
        causeClass: drill.causeClass?.[0] ?? null,
        keyAccount: drill.keyAccount,
        customerId: drill.customerId,
        productRef: drill.productRef,
        province: drill.province,
      },
    },
    now(),
  );
  const table = KPI_TABLES.find((t) => t === params.get('table')) ?? null;
  const tables = kpiTables(model, table);
  const filename = `KPI-${model.period}${table ? `-${table}` : ''}.${format}`;
  if (format === 'csv') return fileResponse(tablesToCsv(tables), { filename, format });
  return fileResponse(new Uint8Array(await tablesToXlsx(tables)), { filename, format });
});
