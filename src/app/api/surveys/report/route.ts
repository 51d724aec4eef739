import type { NextRequest } from 'next/server';
import { quarterlySurveyReport } from '@/graphql/survey-analysis/survey-report.export';
import { requirePermission } from '@/server/auth/policies';
import { viewerFromRequest } from '@/server/auth/request-viewer';
import { now } from '@/server/clock';
import { fileResponse, routeErrorResponse } from '@/server/http/file-response';
import { checkedSearchParams } from '@/server/http/query-params';

/**
 * GET /api/surveys/report?period=2026-Q4 — the printable quarterly satisfaction report (PDF, opened in the browser's
 * viewer) [000 §4.7.1]. Needs surveys:read; NOT_FOUND for a period without launched campaigns.
 */
export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest) {
  try {
    const viewer = await viewerFromRequest(req);
    requirePermission(viewer, 'surveys:read');
    const { filename, pdf } = await quarterlySurveyReport(
      viewer,
      checkedSearchParams(req.nextUrl).get('period'),
      now(),
    );
    return fileResponse(new Uint8Array(pdf), { filename, format: 'pdf', inline: true });
  } catch (error) {
    return routeErrorResponse(error, 'surveys/report');
  }
}
