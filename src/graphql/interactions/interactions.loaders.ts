import { prisma } from '@/server/db';
import { byIdLoader, groupedLoader } from '../loader-utils';

export function interactionLoaderFactories() {
  return {
    // Only used for parents the viewer was already allowed to read (a complaint's source record).
    interactionById: () => byIdLoader((ids) => prisma.interaction.findMany({ where: { id: { in: [...ids] } } })),
    derivedInteractionsBySource: () =>
      groupedLoader(
        (ids) =>
          prisma.interaction.findMany({
            where: { sourceInteractionId: { in: [...ids] } },
            orderBy: { createdAt: 'asc' },
          }),
        (i) => i.sourceInteractionId!,
      ),
    attachmentsByInteraction: () =>
      groupedLoader(
        (ids) =>
          prisma.attachment.findMany({
            where: { interactionId: { in: [...ids] } },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          }),
        (a) => a.interactionId!,
      ),
    // The customer-facing timeline: only history rows marked visibleToCustomer.
    timelineByInteraction: () =>
      groupedLoader(
        (ids) =>
          prisma.historyEntry.findMany({
            where: { entityType: 'Interaction', entityId: { in: [...ids] }, visibleToCustomer: true },
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
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          }),
        (h) => h.entityId,
      ),
    contractById: () => byIdLoader((ids) => prisma.contract.findMany({ where: { id: { in: [...ids] } } })),
  };
}
