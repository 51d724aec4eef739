import { visitStatsCsv, visitStatsXlsx } from '@/graphql/visits/visit.export';
import { visitMonthlyStats } from '@/graphql/visits/visit-log.service';
import { withRoute } from '@/server/http/route';
import { fileResponse } from '@/server/http/file-response';
import { checkedSearchParams, formatParam } from '@/server/http/query-params';

/**
 * GET /api/visits/stats?month=2026-12&format=csv|xlsx — the monthly visit statistics per salesperson (planned vs
 * done) as a file. The same figures, scope (a salesperson: their own row) and permission (visits:read) as
 * visitMonthlyStats.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<Record<string, never>>('visits/stats', 'viewer', async ({ req, viewer }) => {
  const params = checkedSearchParams(req.nextUrl);
  const format = formatParam(params, ['csv', 'xlsx'], 'xlsx');
  const stats = await visitMonthlyStats(viewer, params.get('month') ?? '');
  const filename = `月度拜访统计-${stats.month}.${format}`;
  if (format === 'csv') return fileResponse(visitStatsCsv(stats), { filename, format });
  return fileResponse(new Uint8Array(await visitStatsXlsx(stats)), { filename, format });
});
