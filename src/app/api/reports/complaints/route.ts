import { summaryCsv, summaryPdf, summaryXlsx } from '@/graphql/reports/report.export';
import { complaintMonthlySummary } from '@/graphql/reports/report.service';
import { now } from '@/server/clock';
import { withRoute } from '@/server/http/route';
import { fileResponse } from '@/server/http/file-response';
import { checkedSearchParams, formatParam } from '@/server/http/query-params';

/**
 * GET /api/reports/complaints?month=2026-11&format=csv|xlsx|pdf — the monthly complaint summary (SPEC §9) as a
 * file: CSV (the tables one after another), Excel (one sheet per breakdown) or the printable PDF report (opened in
 * the browser's viewer). The same figures, scope and permission (reports:read) as complaintMonthlySummary.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<Record<string, never>>('reports/complaints', 'viewer', async ({ req, viewer }) => {
  const params = checkedSearchParams(req.nextUrl);
  const format = formatParam(params, ['csv', 'xlsx', 'pdf'], 'xlsx');
  const at = now();
  const summary = await complaintMonthlySummary(viewer, params.get('month') ?? '', at);
  const filename = `月度投诉汇总-${summary.month}.${format}`;
  if (format === 'csv') return fileResponse(summaryCsv(summary), { filename, format });
  if (format === 'xlsx') return fileResponse(new Uint8Array(await summaryXlsx(summary)), { filename, format });
  return fileResponse(await summaryPdf(summary, at), { filename, format, inline: true });
});
