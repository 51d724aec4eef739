import type { ResponseFilter } from '@/graphql/survey-responses/survey-response.service';
import { responsesTable, tablesToCsv, tablesToXlsx } from '@/graphql/survey-analysis/survey.export';
import { parseInputParam } from '@/graphql/input-param';
import { now } from '@/server/clock';
import { withRoute } from '@/server/http/route';
import { dateStamp, fileResponse } from '@/server/http/file-response';
import { checkedSearchParams, formatParam } from '@/server/http/query-params';

/**
 * GET /api/surveys/responses/export?format=csv|xlsx&filter=<SurveyResponseFilter JSON>
 * The raw responses — one row per response, one column per question — with the response list's filter (SPEC §6 export).
 * Same authentication as /api/graphql: session cookie or `Authorization: Bearer` API key; needs surveys:read.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<Record<string, never>>(
  'surveys/responses/export',
  'surveys:read',
  async ({ req, viewer }) => {
    const params = checkedSearchParams(req.nextUrl);
    const format = formatParam(params, ['csv', 'xlsx'], 'csv');
    // The schema has validated the shape (parseInputParam), so it is the resolver argument type.
    const filter = (parseInputParam('filter', params.get('filter'), 'SurveyResponseFilter') ?? {}) as ResponseFilter;
    const table = await responsesTable(viewer, filter);
    const filename = `survey-responses-${dateStamp(now())}.${format}`;
    return fileResponse(format === 'csv' ? tablesToCsv([table]) : new Uint8Array(await tablesToXlsx([table])), {
      filename,
      format,
    });
  },
);
