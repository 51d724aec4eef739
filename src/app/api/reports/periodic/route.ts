import { periodicFilename, periodicPdf, periodicXlsx } from '@/graphql/reports/periodic-report.export';
import { complaintPeriodReport } from '@/graphql/reports/periodic-report.service';
import { REPORT_PERIOD_KINDS, type ReportPeriodKind } from '@/graphql/reports/report-period.rules';
import { now } from '@/server/clock';
import { badField } from '@/server/errors';
import { withRoute } from '@/server/http/route';
import { fileResponse } from '@/server/http/file-response';
import { checkedSearchParams, formatParam } from '@/server/http/query-params';

/**
 * GET /api/reports/periodic?kind=MONTH|QUARTER|YEAR&period=2026-Q3&format=pdf|xlsx — the periodic complaint & service
 * report (SPEC §9) as the printable PDF (charts drawn into it) or an Excel workbook. The same figures, scope and
 * permission (reports:read) as complaintPeriodReport.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<Record<string, never>>('reports/periodic', 'viewer', async ({ req, viewer }) => {
  const params = checkedSearchParams(req.nextUrl);
  const format = formatParam(params, ['pdf', 'xlsx'], 'pdf');
  const kind = params.get('kind') as ReportPeriodKind | null;
  if (!kind || !REPORT_PERIOD_KINDS.includes(kind)) throw badField('kind', 'report.periodInvalid');
  const at = now();
  const report = await complaintPeriodReport(viewer, kind, params.get('period') ?? '', at);
  const filename = periodicFilename(report, format);
  if (format === 'xlsx') return fileResponse(new Uint8Array(await periodicXlsx(report)), { filename, format });
  return fileResponse(await periodicPdf(report, at), { filename, format, inline: true });
});
