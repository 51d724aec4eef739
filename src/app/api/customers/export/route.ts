import { coerceInputValue, GraphQLError, isInputType } from 'graphql';
import type { NextRequest } from 'next/server';
import { exportCustomersCsv, exportCustomersXlsx } from '@/graphql/customers/customer.export';
import type { CustomerFilter, CustomerSort } from '@/graphql/customers/customer.service';
import { buildSchema } from '@/graphql/schema';
import { TIME_ZONE } from '@/i18n/config';
import { requirePermission } from '@/server/auth/policies';
import { viewerFromRequest } from '@/server/auth/request-viewer';
import { badInput, DomainError, type ErrorCode } from '@/server/errors';

/**
 * GET /api/customers/export?format=csv|xlsx&filter=<CustomerFilter JSON>&sort=<CustomerSort JSON>
 * The customer list as a file, with exactly the filter and order the list shows (SPEC §1: export to CSV/Excel).
 * Same authentication as /api/graphql: session cookie or `Authorization: Bearer` API key.
 */
export const dynamic = 'force-dynamic';

const HTTP_STATUS: Record<ErrorCode, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, TOO_MANY_REQUESTS: 429 };

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * Parses a JSON query parameter as the named GraphQL input type, with the schema's own coercion: the same enum
 * checks, Date scalar (YYYY-MM-DD → Date), Money scalar and defaults (archived: false) as the `customers` query.
 */
function parseInput(param: string, json: string | null, typeName: 'CustomerFilter' | 'CustomerSort'): unknown {
  if (json === null || json.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw badInput(`${param} is not valid JSON`, { [param]: '不是有效的 JSON' });
  }
  if (value === null) return null;
  const type = buildSchema().getType(typeName);
  if (!type || !isInputType(type)) throw new Error(`${typeName} is not an input type of the schema`);
  const problems: string[] = [];
  const coerced: unknown = coerceInputValue(value, type, (path, _invalid, error: GraphQLError) => {
    problems.push(path.length ? `${path.join('.')}: ${error.message}` : error.message);
  });
  if (problems.length) throw badInput(`Invalid ${param}: ${problems.join('; ')}`, { [param]: problems.join('; ') });
  return coerced;
}

/** 20260301 — today in the console's time zone, for the file name. */
function dateStamp(now: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now).map((p) => [p.type, p.value]),
  );
  return `${parts.year}${parts.month}${parts.day}`;
}

function errorResponse(status: number, code: string, message: string, fields?: Record<string, string>) {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export async function GET(req: NextRequest) {
  try {
    const viewer = await viewerFromRequest(req);
    requirePermission(viewer, 'customers:read');

    const params = req.nextUrl.searchParams;
    const format = (params.get('format') ?? 'csv').toLowerCase();
    if (format !== 'csv' && format !== 'xlsx') throw badInput('format must be csv or xlsx', { format: '格式须为 csv 或 xlsx' });
    // The schema has validated these shapes (parseInput), so they are the resolver argument types.
    const filter = (parseInput('filter', params.get('filter'), 'CustomerFilter') ?? { archived: false }) as CustomerFilter;
    const sort = parseInput('sort', params.get('sort'), 'CustomerSort') as CustomerSort | null;

    const filename = `customers-${dateStamp(new Date())}.${format}`;
    const body = format === 'csv' ? await exportCustomersCsv(viewer, filter, sort) : new Uint8Array(await exportCustomersXlsx(viewer, filter, sort));
    return new Response(body, {
      headers: {
        'Content-Type': CONTENT_TYPE[format],
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return errorResponse(HTTP_STATUS[error.code], error.code, error.message, error.details.fields);
    console.error('[customers/export] failed:', error);
    return errorResponse(500, 'INTERNAL_SERVER_ERROR', '导出失败 / Export failed');
  }
}
