import { quarterlySurveyReport } from '@/graphql/survey-analysis/survey-report.export';
import { now } from '@/server/clock';
import { withRoute } from '@/server/http/route';
import { fileResponse } from '@/server/http/file-response';
import { checkedSearchParams } from '@/server/http/query-params';

/**
 * GET /api/surveys/report?period=2026-Q4 — the printable quarterly satisfaction report (PDF, opened in the browser's
 * viewer) [000 §4.7.1]. Needs surveys:read; NOT_FOUND for a period without launched campaigns.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<Record<string, never>>('surveys/report', 'surveys:read', async ({ req, viewer }) => {
  const { filename, pdf } = await quarterlySurveyReport(viewer, checkedSearchParams(req.nextUrl).get('period'), now());
  return fileResponse(new Uint8Array(pdf), { filename, format: 'pdf', inline: true });
});
