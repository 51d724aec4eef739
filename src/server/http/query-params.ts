import { badInput } from '@/server/errors';

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
      throw badInput(
        `参数不能包含空字符 (U+0000) / Query parameter ${param} must not contain the NUL character (U+0000)`,
        { [param]: '不能包含空字符 (U+0000)' },
      );
    }
  }
  return url.searchParams;
}
