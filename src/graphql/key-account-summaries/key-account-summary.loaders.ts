import { prisma } from '@/server/db';
import { manyBy } from '../loader-utils';

/** DataLoaders of the key-account summaries module (created per request in src/graphql/loaders.ts). */
export function keyAccountSummaryLoaderFactories() {
  return {
    keyAccountSummaryHistory: () =>
      manyBy('entityId', (where) =>
        prisma.historyEntry.findMany({
          where: { ...where, entityType: 'KeyAccountExchangeSummary' },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        }),
      ),
  };
}
