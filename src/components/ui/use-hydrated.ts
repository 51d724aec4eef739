'use client';
import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

/**
 * False in the server render and during hydration, true once React runs in the browser. A form sets `data-ready` from
 * it: until then a submit would be the browser's own, so tests wait for it.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
