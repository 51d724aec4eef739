import type { AnalysisFilter } from '@/graphql/survey-analysis/survey-analysis.service';
import { analysisTables, tablesToCsv, tablesToXlsx } from '@/graphql/survey-analysis/survey.export';
import { parseInputParam } from '@/graphql/input-param';
import { now } from '@/server/clock';
import { withRoute } from '@/server/http/route';
import { dateStamp, fileResponse } from '@/server/http/file-response';
import { checkedSearchParams, formatParam } from '@/server/http/query-params';

/**
 * GET /api/surveys/analysis/export?format=csv|xlsx&filter=<SurveyAnalysisFilter JSON>
 * The analysis tables (summary with the formula, dimensions, per-question distributions, trend, provinces) of exactly
 * the filter the analysis page shows. Needs surveys:read.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<Record<string, never>>(
  'surveys/analysis/export',
  'surveys:read',
  async ({ req, viewer }) => {
    const params = checkedSearchParams(req.nextUrl);
    const format = formatParam(params, ['csv', 'xlsx'], 'csv');
    const filter = (parseInputParam('filter', params.get('filter'), 'SurveyAnalysisFilter') ?? {}) as AnalysisFilter;
    const tables = await analysisTables(viewer, filter);
    const filename = `survey-analysis-${dateStamp(now())}.${format}`;
    return fileResponse(format === 'csv' ? tablesToCsv(tables) : new Uint8Array(await tablesToXlsx(tables)), {
      filename,
      format,
    });
  },
);
