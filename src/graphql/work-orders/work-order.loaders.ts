import { prisma } from '@/server/db';
import { historyBy, manyBy } from '../loader-utils';

/** DataLoaders of the work-orders module (created per request in src/graphql/loaders.ts). */
export function workOrderLoaderFactories() {
  return {
    workOrderHistory: () => historyBy('WorkOrder'),
    workOrderWarrantyLines: () =>
      manyBy('workOrderId', (where) =>
        prisma.workOrderWarrantyLine.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      ),
  };
}
