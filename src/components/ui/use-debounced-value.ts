'use client';
import { useEffect, useState } from 'react';

/**
 * The value as it was once it stopped changing for `delayMs` (a search box asks the server after the typing pauses,
 * not on every key). Starts with the value itself.
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
