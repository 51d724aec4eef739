import type { NextRequest } from 'next/server';
import type { ResponseFilter } from '@/graphql/survey-responses/survey-response.service';
import { responsesTable, tablesToCsv, tablesToXlsx } from '@/graphql/survey-analysis/survey.export';
import { parseInputParam } from '@/graphql/input-param';
import { requirePermission } from '@/server/auth/policies';
import { viewerFromRequest } from '@/server/auth/request-viewer';
import { now } from '@/server/clock';
import { badInput } from '@/server/errors';
import { dateStamp, fileResponse, routeErrorResponse } from '@/server/http/file-response';
import { checkedSearchParams } from '@/server/http/query-params';

/**
 * GET /api/surveys/responses/export?format=csv|xlsx&filter=<SurveyResponseFilter JSON>
 * The raw responses — one row per response, one column per question — with the response list's filter (SPEC §6 export).
 * Same authentication as /api/graphql: session cookie or `Authorization: Bearer` API key; needs surveys:read.
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
    // The schema has validated the shape (parseInputParam), so it is the resolver argument type.
    const filter = (parseInputParam('filter', params.get('filter'), 'SurveyResponseFilter') ?? {}) as ResponseFilter;
    const table = await responsesTable(viewer, filter);
    const filename = `survey-responses-${dateStamp(now())}.${format}`;
    return fileResponse(format === 'csv' ? tablesToCsv([table]) : new Uint8Array(await tablesToXlsx([table])), {
      filename,
      format,
    });
  } catch (error) {
    return routeErrorResponse(error, 'surveys/responses/export');
  }
}
