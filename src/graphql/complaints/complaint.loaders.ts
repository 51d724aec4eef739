import { prisma } from '@/server/db';
import { byIdLoader, groupedLoader } from '../loader-utils';

export function complaintLoaderFactories() {
  return {
    actionsByInteraction: () =>
      groupedLoader(
        (ids) =>
          prisma.complaintAction.findMany({
            where: { interactionId: { in: [...ids] } },
            orderBy: { createdAt: 'asc' },
          }),
        (a) => a.interactionId,
      ),
    approvalsByInteraction: () =>
      groupedLoader(
        (ids) =>
          prisma.approval.findMany({ where: { interactionId: { in: [...ids] } }, orderBy: { createdAt: 'asc' } }),
        (a) => a.interactionId,
      ),
    eightDByInteraction: () =>
      byIdLoader(async (ids) =>
        (await prisma.eightDReport.findMany({ where: { interactionId: { in: [...ids] } } })).map((r) => ({
          ...r,
          id: r.interactionId,
          reportId: r.id,
        })),
      ),
  };
}
