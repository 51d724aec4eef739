import 'server-only';
import { TIME_ZONE } from '@/i18n/config';

/**
 * What every download route (CSV/Excel exports, PDF reports) answers with: the file with a safe set of headers, or a
 * JSON error from withRoute (src/server/http/route.ts).
 */
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
