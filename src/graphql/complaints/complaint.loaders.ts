import DataLoader from 'dataloader';
import { prisma } from '@/server/db';
import { manyBy, oneBy } from '../loader-utils';

export function complaintLoaderFactories() {
  return {
    actionsByInteraction: () =>
      manyBy('interactionId', (where) => prisma.complaintAction.findMany({ where, orderBy: { createdAt: 'asc' } })),
    // How far each action's overdue ladder went: the highest level of its ACTION_OVERDUE escalations (0: none).
    actionEscalationLevel: () =>
      new DataLoader<string, number>(async (ids) => {
        const rows = await prisma.escalation.groupBy({
          by: ['actionId'],
          where: { actionId: { in: [...ids] } },
          _max: { level: true },
        });
        const level = new Map(rows.map((r) => [r.actionId, r._max.level ?? 0]));
        return ids.map((id) => level.get(id) ?? 0);
      }),
    approvalsByInteraction: () =>
      manyBy('interactionId', (where) => prisma.approval.findMany({ where, orderBy: { createdAt: 'asc' } })),
    // Keyed by the interaction; `reportId` is the record's own id (EightDReportModel).
    eightDByInteraction: () =>
      oneBy('interactionId', async (where) =>
        (await prisma.eightDReport.findMany({ where })).map((r) => ({ ...r, id: r.interactionId, reportId: r.id })),
      ),
  };
}
