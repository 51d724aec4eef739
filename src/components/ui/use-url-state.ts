'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

/**
 * A screen's whole state kept in the URL's query (filters, sort, page size, view), so a reload, Back or a shared link
 * shows the same: `parse` reads it from the search parameters (defaults for what is missing or unknown), `navigate`
 * writes the next state with `serialize` — `push` makes a step Back returns to, `replace` does not (typing, a tab) —
 * without scrolling. `parse` and `serialize` should be module-level functions (they are memo dependencies).
 */
export function useUrlState<State>(
  parse: (params: URLSearchParams) => State,
  serialize: (state: State) => string,
): [State, (next: State, mode?: 'push' | 'replace') => void] {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const state = useMemo(() => parse(new URLSearchParams(search)), [parse, search]);
  const navigate = useCallback(
    (next: State, mode: 'push' | 'replace' = 'push') => {
      const query = serialize(next);
      const href = query ? `${pathname}?${query}` : pathname;
      if (mode === 'push') router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    },
    [pathname, router, serialize],
  );
  return [state, navigate];
}
