import 'server-only';
import type { Viewer } from '@/server/viewer';
import { tablesToCsv, tablesToXlsx, type Table } from '@/graphql/survey-analysis/survey.export';
import { parseInputParam } from '@/graphql/input-param';
import { now } from '@/server/clock';
import { withRoute } from '@/server/http/route';
import { dateStamp, fileResponse } from '@/server/http/file-response';
import { checkedSearchParams, formatParam } from '@/server/http/query-params';

/**
 * The GET handler of a survey export (`?format=csv|xlsx&filter=<JSON of the GraphQL input type>`): the filter is
 * validated against the schema's input type (so it is the service's filter type), the tables are loaded for the viewer
 * (needs surveys:read) and sent as `survey-<name>-<date>.<format>`. The responses and analysis exports differ only in
 * their name, their filter type and which tables they load.
 */
export function surveyTablesExport<Filter>(
  name: string,
  filterType: string,
  loadTables: (viewer: Viewer, filter: Filter) => Promise<Table[]>,
) {
  return withRoute<Record<string, never>>(`surveys/${name}/export`, 'surveys:read', async ({ req, viewer }) => {
    const params = checkedSearchParams(req.nextUrl);
    const format = formatParam(params, ['csv', 'xlsx'], 'csv');
    const filter = (parseInputParam('filter', params.get('filter'), filterType) ?? {}) as Filter;
    const tables = await loadTables(viewer, filter);
    const body = format === 'csv' ? tablesToCsv(tables) : new Uint8Array(await tablesToXlsx(tables));
    return fileResponse(body, { filename: `survey-${name}-${dateStamp(now())}.${format}`, format });
  });
}
