import { exportCustomersCsv, exportCustomersXlsx } from '@/graphql/customers/customer.export';
import type { CustomerFilter, CustomerSort } from '@/graphql/customers/customer.service';
import { parseInputParam } from '@/graphql/input-param';
import { withRoute } from '@/server/http/route';
import { dateStamp, fileResponse } from '@/server/http/file-response';
import { checkedSearchParams, formatParam } from '@/server/http/query-params';

/**
 * GET /api/customers/export?format=csv|xlsx&filter=<CustomerFilter JSON>&sort=<CustomerSort JSON>
 * The customer list as a file, with exactly the filter and order the list shows (SPEC §1: export to CSV/Excel).
 * Same authentication as /api/graphql: session cookie or `Authorization: Bearer` API key.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<Record<string, never>>('customers/export', 'customers:read', async ({ req, viewer }) => {
  const params = checkedSearchParams(req.nextUrl);
  const format = formatParam(params, ['csv', 'xlsx'], 'csv');
  // The schema has validated these shapes (parseInputParam), so they are the resolver argument types.
  const filter = (parseInputParam('filter', params.get('filter'), 'CustomerFilter') ?? {
    archived: false,
  }) as CustomerFilter;
  const sort = parseInputParam('sort', params.get('sort'), 'CustomerSort') as CustomerSort | null;

  const filename = `customers-${dateStamp(new Date())}.${format}`;
  const body =
    format === 'csv'
      ? await exportCustomersCsv(viewer, filter, sort)
      : new Uint8Array(await exportCustomersXlsx(viewer, filter, sort));
  return fileResponse(body, { filename, format });
});
