import type { Viewer } from '@/server/viewer';

export type Timing = { label: string; median: number; max: number };

/** Runs `run` five times and reports the median and the slowest (the benches' one way of timing). */
export async function time(label: string, run: () => Promise<unknown>): Promise<Timing> {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await run();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return { label, median: runs[2]!, max: runs[4]! };
}

/**
 * Runs GraphQL operations through the real Apollo pipeline with a fresh context per call, as per request (no loader
 * or memo survives between runs); throws on any GraphQL error. Imported lazily: the server module reads
 * DATABASE_URL, which the bench sets first.
 */
export async function graphqlRunner(): Promise<
  (viewer: Viewer, query: string, variables?: Record<string, unknown>) => Promise<unknown>
> {
  const { createApolloServer } = await import('@/graphql/server');
  const { createContext } = await import('@/graphql/context');
  const server = createApolloServer();
  return async (viewer, query, variables = {}) => {
    const response = await server.executeOperation({ query, variables }, { contextValue: createContext(viewer) });
    if (response.body.kind !== 'single' || response.body.singleResult.errors?.length)
      throw new Error(JSON.stringify(response.body));
    return response.body.singleResult.data;
  };
}
