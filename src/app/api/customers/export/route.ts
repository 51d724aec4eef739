import type { NextRequest } from 'next/server';
import { exportCustomersCsv, exportCustomersXlsx } from '@/graphql/customers/customer.export';
import type { CustomerFilter, CustomerSort } from '@/graphql/customers/customer.service';
import { parseInputParam } from '@/graphql/input-param';
import { requirePermission } from '@/server/auth/policies';
import { viewerFromRequest } from '@/server/auth/request-viewer';
import { badInput } from '@/server/errors';
import { dateStamp, fileResponse, routeErrorResponse } from '@/server/http/file-response';
import { checkedSearchParams } from '@/server/http/query-params';

/**
 * GET /api/customers/export?format=csv|xlsx&filter=<CustomerFilter JSON>&sort=<CustomerSort JSON>
 * The customer list as a file, with exactly the filter and order the list shows (SPEC §1: export to CSV/Excel).
 * Same authentication as /api/graphql: session cookie or `Authorization: Bearer` API key.
 */
export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest) {
  try {
    const viewer = await viewerFromRequest(req);
    requirePermission(viewer, 'customers:read');

    const params = checkedSearchParams(req.nextUrl);
    const format = (params.get('format') ?? 'csv').toLowerCase();
    if (format !== 'csv' && format !== 'xlsx')
      throw badInput('format must be csv or xlsx', { format: '格式须为 csv 或 xlsx' });
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
  } catch (error) {
    return routeErrorResponse(error, 'customers/export');
  }
}
