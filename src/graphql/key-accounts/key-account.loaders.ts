import DataLoader from 'dataloader';
import { prisma } from '@/server/db';
import { customersWithOpenNomination } from './key-account-status';
import { manyBy } from '../loader-utils';

/** DataLoaders of the key-accounts module (created per request in src/graphql/loaders.ts). */
export function keyAccountLoaderFactories() {
  return {
    // Whether each customer on a page has an open NOMINATION (its effective status is then CANDIDATE): one query.
    openNominationByCustomer: () =>
      new DataLoader<string, boolean>(async (ids) => {
        const open = await customersWithOpenNomination(ids);
        return ids.map((id) => open.has(id));
      }),
    // The history of every nomination on a page: one query.
    nominationHistory: () =>
      manyBy('entityId', (where) =>
        prisma.historyEntry.findMany({
          where: { ...where, entityType: 'KeyAccountNomination' },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        }),
      ),
  };
}
