import { prisma } from '@/server/db';
import { manyBy } from '../loader-utils';

/** DataLoaders of the work-orders module (created per request in src/graphql/loaders.ts). */
export function workOrderLoaderFactories() {
  return {
    workOrderHistory: () =>
      manyBy('entityId', (where) =>
        prisma.historyEntry.findMany({
          where: { ...where, entityType: 'WorkOrder' },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        }),
      ),
    workOrderWarrantyLines: () =>
      manyBy('workOrderId', (where) =>
        prisma.workOrderWarrantyLine.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      ),
  };
}
