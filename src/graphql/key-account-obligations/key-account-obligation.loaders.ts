import { prisma } from '@/server/db';
import { historyBy, manyBy, oneBy } from '../loader-utils';

/** DataLoaders of the key-account obligations module (created per request in src/graphql/loaders.ts). */
export function keyAccountObligationLoaderFactories() {
  return {
    obligationHistory: () => historyBy('KeyAccountObligation'),
    // The done records' files of a page of obligations: one query.
    obligationAttachments: () =>
      manyBy('obligationId', (where) =>
        prisma.attachment.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      ),
    // The callback tasks of a page of CALLBACK obligations: one query.
    obligationCallbackById: () => oneBy('id', (where) => prisma.callback.findMany({ where })),
  };
}
