import { prisma } from '@/server/db';
import { historyBy, manyBy, oneBy } from '../loader-utils';

/** DataLoaders of the visits module (created per request in src/graphql/loaders.ts). */
export function visitLoaderFactories() {
  return {
    itineraryItems: () =>
      manyBy('itineraryId', (where) =>
        prisma.itineraryItem.findMany({ where, orderBy: [{ plannedAt: 'asc' }, { id: 'asc' }] }),
      ),
    itineraryHistory: () => historyBy('Itinerary'),
    // Whether a plan line was done: its visit logs (of kind VISIT), for a page of lines in one query.
    visitLogsOfItem: () =>
      manyBy('itineraryItemId', (where) =>
        prisma.visitLog.findMany({ where: { ...where, kind: 'VISIT' }, select: { id: true, itineraryItemId: true } }),
      ),
    visitCycleByCustomerId: () => oneBy('customerId', (where) => prisma.visitCycle.findMany({ where })),
  };
}
