import type { NextRequest } from 'next/server';
import type { AnalysisFilter } from '@/graphql/survey-analysis/survey-analysis.service';
import { analysisTables, tablesToCsv, tablesToXlsx } from '@/graphql/survey-analysis/survey.export';
import { parseInputParam } from '@/graphql/input-param';
import { requirePermission } from '@/server/auth/policies';
import { viewerFromRequest } from '@/server/auth/request-viewer';
import { now } from '@/server/clock';
import { badInput } from '@/server/errors';
import { dateStamp, fileResponse, routeErrorResponse } from '@/server/http/file-response';
import { checkedSearchParams } from '@/server/http/query-params';

/**
 * GET /api/surveys/analysis/export?format=csv|xlsx&filter=<SurveyAnalysisFilter JSON>
 * The analysis tables (summary with the formula, dimensions, per-question distributions, trend, provinces) of exactly
 * the filter the analysis page shows. Needs surveys:read.
 */
export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest) {
  try {
    const viewer = await viewerFromRequest(req);
    requirePermission(viewer, 'surveys:read');
    const params = checkedSearchParams(req.nextUrl);
    const format = (params.get('format') ?? 'csv').toLowerCase();
    if (format !== 'csv' && format !== 'xlsx')
      throw badInput('format must be csv or xlsx', { format: '格式须为 csv 或 xlsx' });
    const filter = (parseInputParam('filter', params.get('filter'), 'SurveyAnalysisFilter') ?? {}) as AnalysisFilter;
    const tables = await analysisTables(viewer, filter);
    const filename = `survey-analysis-${dateStamp(now())}.${format}`;
    return fileResponse(format === 'csv' ? tablesToCsv(tables) : new Uint8Array(await tablesToXlsx(tables)), {
      filename,
      format,
    });
  } catch (error) {
    return routeErrorResponse(error, 'surveys/analysis/export');
  }
}
