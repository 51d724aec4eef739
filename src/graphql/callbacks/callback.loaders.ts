import { prisma } from '@/server/db';
import { historyBy, manyBy, oneBy } from '../loader-utils';

const NEWEST_FIRST = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

/** DataLoaders of the callbacks module (created per request in src/graphql/loaders.ts). */
export function callbackLoaderFactories() {
  return {
    // Callback tasks of complaints shown in a list or on the workbench: one query for all of them.
    callbacksByInteraction: () =>
      manyBy('interactionId', (where) => prisma.callback.findMany({ where, orderBy: NEWEST_FIRST })),
    callbacksByCustomer: () =>
      manyBy('customerId', (where) => prisma.callback.findMany({ where, orderBy: NEWEST_FIRST })),
    callbackHistory: () => historyBy('Callback'),
    // Named for this module: the surveys module brings its own loaders for responses it lists.
    callbackSurveyResponseById: () => oneBy('id', (where) => prisma.surveyResponse.findMany({ where })),
  };
}
