import 'server-only';
import { TIME_ZONE } from '@/i18n/config';
import { isDatabaseUnavailable } from '@/server/db';
import { DomainError, SERVICE_RETRY_AFTER_SECONDS, serviceUnavailable, type ErrorCode } from '@/server/errors';

/**
 * What every download route (CSV/Excel exports, PDF reports) answers with: the file with a safe set of headers, or a
 * JSON error whose HTTP status follows the DomainError code (unexpected errors are logged and masked).
 */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

export const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;
export type FileFormat = keyof typeof CONTENT_TYPE;

/** 20260301 — a day in the console's time zone, for file names. */
export function dateStamp(now: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}${parts.month}${parts.day}`;
}

/**
 * The file as a download (`attachment`) or, for PDFs opened in the browser's viewer, `inline`. The name may hold
 * Chinese: an ASCII fallback plus RFC 5987 `filename*`.
 */
export function fileResponse(
  body: string | Uint8Array,
  { filename, format, inline = false }: { filename: string; format: FileFormat; inline?: boolean },
): Response {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: {
      'Content-Type': CONTENT_TYPE[format],
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string>,
): Response {
  return Response.json(
    { error: { code, message, ...(fields ? { fields } : {}) } },
    { status, headers: { 'Cache-Control': 'no-store' } },
  );
}

/** A route's failure as JSON: a DomainError with its status and fields; anything else logged under `label` and masked. */
export function routeErrorResponse(error: unknown, label: string): Response {
  if (error instanceof DomainError)
    return errorResponse(HTTP_STATUS[error.code], error.code, error.message, error.details.fields);
  if (isDatabaseUnavailable(error)) {
    const unavailable = serviceUnavailable();
    const response = errorResponse(503, unavailable.code, unavailable.message);
    response.headers.set('Retry-After', String(SERVICE_RETRY_AFTER_SECONDS));
    return response;
  }
  console.error(`[${label}] failed:`, error);
  return errorResponse(500, 'INTERNAL_SERVER_ERROR', '导出失败 / Export failed');
}
