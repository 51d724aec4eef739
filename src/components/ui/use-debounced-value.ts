'use client';
import { useEffect, useState } from 'react';

/**
 * `value` once it has stopped changing for `delayMs` (a search box's text, asked of the server only when the user
 * pauses).
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
