'use client';
import { useCallback, useState, type Dispatch, type SetStateAction } from 'react';

/**
 * State that starts from `initial()` and starts again from it whenever `key` changes: a draft of something the props
 * own (the applied search, the saved criteria) that edits move away from until the source itself changes. The reset
 * happens while rendering — React's "adjusting state when a prop changes" — rather than in an effect, so no frame
 * shows the old draft beside the new source and the rest of the component's state is kept (keying the component
 * would reset all of it).
 */
export function useKeyedState<T>(key: unknown, initial: () => T): [T, Dispatch<SetStateAction<T>>] {
  const [state, setState] = useState(() => ({ key, value: initial() }));
  let current = state;
  if (!Object.is(state.key, key)) {
    current = { key, value: initial() };
    setState(current);
  }
  const setValue = useCallback(
    (next: SetStateAction<T>) =>
      setState((previous) => ({
        key: previous.key,
        value: typeof next === 'function' ? (next as (value: T) => T)(previous.value) : next,
      })),
    [],
  );
  return [current.value, setValue];
}
