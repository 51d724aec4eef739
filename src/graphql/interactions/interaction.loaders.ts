import { prisma } from '@/server/db';
import { manyBy, oneBy } from '../loader-utils';

const OLDEST_FIRST = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

export function interactionLoaderFactories() {
  return {
    // Only used for parents the viewer was already allowed to read (a complaint's source record).
    interactionById: () => oneBy('id', (where) => prisma.interaction.findMany({ where })),
    derivedInteractionsBySource: () =>
      manyBy('sourceInteractionId', (where) => prisma.interaction.findMany({ where, orderBy: { createdAt: 'asc' } })),
    attachmentsByInteraction: () =>
      manyBy('interactionId', (where) => prisma.attachment.findMany({ where, orderBy: OLDEST_FIRST })),
    // The customer-facing timeline: only history rows marked visibleToCustomer.
    timelineByInteraction: () =>
      manyBy('entityId', (where) =>
        prisma.historyEntry.findMany({
          where: { ...where, entityType: 'Interaction', visibleToCustomer: true },
          select: {
            id: true,
            entityId: true,
            action: true,
            toState: true,
            comment: true,
            messageKey: true,
            messageParams: true,
            createdAt: true,
          },
          orderBy: OLDEST_FIRST,
        }),
      ),
    contractById: () => oneBy('id', (where) => prisma.contract.findMany({ where })),
  };
}
