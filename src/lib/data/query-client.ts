import { QueryClient } from '@tanstack/react-query';
import { GqlError } from '@/lib/graphql-client';

/** Codes worth another try: the server was busy or away, never a refusal or bad input. */
const RETRYABLE_CODES = new Set(['SERVICE_UNAVAILABLE', 'TOO_MANY_REQUESTS']);

export function isRetryable(error: unknown): boolean {
  if (error instanceof GqlError) return RETRYABLE_CODES.has(error.code);
  return error instanceof TypeError; // fetch() failed: the network or the server is down
}

/**
 * The one QueryClient of a browser tab (console or portal). Data stays fresh for a few seconds so that two parts of a
 * screen asking for the same thing share one request; a screen returned to, or a tab refocused, revalidates in the
 * background while the cached answer is shown. Mutations invalidate what they change (see `useGqlMutation`).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        gcTime: 5 * 60_000,
        refetchOnWindowFocus: true,
        retry: (failureCount, error) => failureCount < 2 && isRetryable(error),
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 5000),
      },
      mutations: { retry: false },
    },
  });
}
