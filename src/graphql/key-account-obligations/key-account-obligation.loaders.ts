import { prisma } from '@/server/db';
import { manyBy, oneBy } from '../loader-utils';

/** DataLoaders of the key-account obligations module (created per request in src/graphql/loaders.ts). */
export function keyAccountObligationLoaderFactories() {
  return {
    obligationHistory: () =>
      manyBy('entityId', (where) =>
        prisma.historyEntry.findMany({
          where: { ...where, entityType: 'KeyAccountObligation' },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        }),
      ),
    // The done records' files of a page of obligations: one query.
    obligationAttachments: () =>
      manyBy('obligationId', (where) =>
        prisma.attachment.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      ),
    // The callback tasks of a page of CALLBACK obligations: one query.
    obligationCallbackById: () => oneBy('id', (where) => prisma.callback.findMany({ where })),
  };
}
