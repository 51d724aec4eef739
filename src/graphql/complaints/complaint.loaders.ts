import { prisma } from '@/server/db';
import { manyBy, oneBy } from '../loader-utils';

export function complaintLoaderFactories() {
  return {
    actionsByInteraction: () =>
      manyBy('interactionId', (where) => prisma.complaintAction.findMany({ where, orderBy: { createdAt: 'asc' } })),
    approvalsByInteraction: () =>
      manyBy('interactionId', (where) => prisma.approval.findMany({ where, orderBy: { createdAt: 'asc' } })),
    // Keyed by the interaction; `reportId` is the record's own id (EightDReportModel).
    eightDByInteraction: () =>
      oneBy('interactionId', async (where) =>
        (await prisma.eightDReport.findMany({ where })).map((r) => ({ ...r, id: r.interactionId, reportId: r.id })),
      ),
  };
}
