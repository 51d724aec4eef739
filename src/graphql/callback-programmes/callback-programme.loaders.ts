import DataLoader from 'dataloader';
import { prisma } from '@/server/db';
import { historyBy } from '../loader-utils';

/** DataLoaders of the callback programmes module (created per request in src/graphql/loaders.ts). */
export function callbackProgrammeLoaderFactories() {
  return {
    programmeHistory: () => historyBy('CallbackProgramme'),
    // The task counts of the listed programmes: one grouped query.
    programmeCallbackCount: () =>
      new DataLoader<string, number>(async (ids) => {
        const rows = await prisma.callback.groupBy({
          by: ['programmeId'],
          where: { programmeId: { in: [...ids] } },
          _count: { _all: true },
        });
        const count = new Map(rows.map((r) => [r.programmeId, r._count._all]));
        return ids.map((id) => count.get(id) ?? 0);
      }),
  };
}
