'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';

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
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const raw = searchParams.get(name);
  const value = choices.find((choice) => choice === raw) ?? fallback;
  const choose = useCallback(
    (next: T) => {
      const params = new URLSearchParams(searchParams.toString());
      params.set(name, next);
      router.replace(`${pathname}?${params.toString()}`);
    },
    [name, pathname, router, searchParams],
  );
  return [value, choose];
}
