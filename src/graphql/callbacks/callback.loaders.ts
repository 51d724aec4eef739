import { prisma } from '@/server/db';
import { byIdLoader, groupedLoader } from '../loader-utils';

/** DataLoaders of the callbacks module (created per request in src/graphql/loaders.ts). */
export function callbackLoaderFactories() {
  return {
    // Callback tasks of complaints shown in a list or on the workbench: one query for all of them.
    callbacksByInteraction: () =>
      groupedLoader(
        (ids) =>
          prisma.callback.findMany({
            where: { interactionId: { in: [...ids] } },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          }),
        (c) => c.interactionId!,
      ),
    callbacksByCustomer: () =>
      groupedLoader(
        (ids) =>
          prisma.callback.findMany({
            where: { customerId: { in: [...ids] } },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          }),
        (c) => c.customerId!,
      ),
    callbackHistory: () =>
      groupedLoader(
        (ids) =>
          prisma.historyEntry.findMany({
            where: { entityType: 'Callback', entityId: { in: [...ids] } },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          }),
        (h) => h.entityId,
      ),
    // Named for this module: the surveys module brings its own loaders for responses it lists.
    callbackSurveyResponseById: () =>
      byIdLoader((ids) => prisma.surveyResponse.findMany({ where: { id: { in: [...ids] } } })),
  };
}
