'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';

/**
 * A setter of one URL parameter that keeps the others: `set('status', 'DRAFT')`, `set('status', null)` removes it.
 * It replaces the URL (no step for Back); `scroll: false` (a list's filters) keeps the page where it is.
 */
export function useSetSearchParam({ scroll = true }: { scroll?: boolean } = {}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  return useCallback(
    (name: string, value: string | null) => {
      const params = new URLSearchParams(searchParams.toString());
      if (value) params.set(name, value);
      else params.delete(name);
      const query = params.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll });
    },
    [pathname, router, scroll, searchParams],
  );
}

/**
 * One choice kept in the URL (`?queue=MINE`, `?tab=UNREAD`), so a reload or a shared link shows the same tab: the
 * current value (the fallback when the parameter is missing or unknown) and a setter that replaces the URL, keeping
 * the other parameters.
 */
export function useSearchParamChoice<T extends string>(
  name: string,
  choices: readonly T[],
  fallback: T,
): [T, (next: T) => void] {
  const raw = useSearchParams().get(name);
  const value = choices.find((choice) => choice === raw) ?? fallback;
  const set = useSetSearchParam();
  const choose = useCallback((next: T) => set(name, next), [name, set]);
  return [value, choose];
}
