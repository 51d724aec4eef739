import 'server-only';
import { badField } from '@/server/errors';

/**
 * The query string of a download route, refused as BAD_USER_INPUT (HTTP 400 through routeErrorResponse) when any
 * name or value holds U+0000: PostgreSQL cannot compare it in a text or LIKE condition, so a `%00` in a filter was an
 * internal error (HTTP 500) on the export routes (issue 10). GraphQL refuses it at its own boundary
 * (src/graphql/limits/input-hygiene.ts); this is the same rule for the routes that read their input from the URL.
 */
export function checkedSearchParams(url: { searchParams: URLSearchParams }): URLSearchParams {
  for (const [name, value] of url.searchParams) {
    if (name.includes('\u0000') || value.includes('\u0000')) {
      const param = name.replaceAll('\u0000', '');
      throw badField(param, 'common.nulCharacter');
    }
  }
  return url.searchParams;
}

/** `?format=` of a download route, lower-cased, one of `allowed` (BAD_USER_INPUT on `format` otherwise). */
export function formatParam<F extends string>(params: URLSearchParams, allowed: readonly F[], fallback: F): F {
  const format = (params.get('format') ?? fallback).toLowerCase();
  if (!(allowed as readonly string[]).includes(format))
    throw badField('format', 'common.invalidFormatParam', { formats: allowed.join(', ') });
  return format as F;
}
