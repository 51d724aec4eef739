import { tablesToCsv, tablesToXlsx } from '@/graphql/survey-analysis/survey.export';
import { weeklyStatsTable } from '@/graphql/work-orders/work-order.export';
import { badField } from '@/server/errors';
import { withRoute } from '@/server/http/route';
import { fileResponse } from '@/server/http/file-response';
import { checkedSearchParams, formatParam } from '@/server/http/query-params';

/**
 * GET /api/work-orders/stats/export?week=YYYY-MM-DD&format=csv|xlsx — the weekly statistics per technician of the week
 * containing `week` (Monday to Sunday, Asia/Shanghai). Needs workorders:read (a technician gets their own row).
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute('work-orders/stats/export', 'workorders:read', async ({ req, viewer }) => {
  const params = checkedSearchParams(req.nextUrl);
  const format = formatParam(params, ['csv', 'xlsx'], 'csv');
  const week = params.get('week') ?? '';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(week) ? new Date(`${week}T00:00:00.000Z`) : null;
  if (!day || Number.isNaN(day.getTime())) throw badField('week', 'validation.invalidDate');
  const { weekStart, table } = await weeklyStatsTable(viewer, day);
  const body = format === 'csv' ? tablesToCsv([table]) : new Uint8Array(await tablesToXlsx([table]));
  return fileResponse(body, { filename: `work-orders-${weekStart.toISOString().slice(0, 10)}.${format}`, format });
});
