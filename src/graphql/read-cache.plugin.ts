import type { ApolloServerPlugin } from '@apollo/server';
import { forgetReads } from '@/server/cache/read-cache';
import type { GraphQLContext } from './context';

/**
 * After a mutation has answered — its transaction committed or rolled back — the short read caches of this process
 * (queue and notification counts, staff and departments: src/server/cache/read-cache.ts) may be stale: forget them.
 * Any mutation, not only the workflow's: forgetting is cheap, and mutations are few next to the reads the caches save.
 */
export const readCachePlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    let mutation = false;
    return {
      async didResolveOperation({ operation }) {
        mutation = operation?.operation === 'mutation';
      },
      async willSendResponse() {
        if (mutation) forgetReads();
      },
    };
  },
};
