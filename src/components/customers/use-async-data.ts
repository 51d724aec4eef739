'use client';
import { useCallback, useEffect, useRef, useState } from 'react';

export type AsyncData<T> = {
  data: T | undefined;
  error: unknown;
  /** True while a request for the current key is in flight (the previous data stays visible meanwhile). */
  loading: boolean;
  reload: () => void;
};

/**
 * Loads data for a key and reloads when the key changes. Answers to an older key are dropped, so a slow response
 * for a previous filter can never overwrite the current one.
 */
export function useAsyncData<T>(load: () => Promise<T>, key: string, enabled = true): AsyncData<T> {
  const loadRef = useRef(load);
  loadRef.current = load;
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: null,
    loading: enabled,
  });

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setState((s) => ({ ...s, error: null, loading: true }));
    loadRef.current().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [key, attempt, enabled]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
