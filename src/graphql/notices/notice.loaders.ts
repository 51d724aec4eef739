import DataLoader from 'dataloader';
import type { Notice } from '@/generated/prisma/client';
import { prisma } from '@/server/db';
import { historyBy, manyBy } from '../loader-utils';
import { noticeStatsBatch } from './notice.service';

const RECEIPT_KEY = (noticeId: string, userId: string) => `${noticeId}:${userId}`;

/** DataLoaders of the notices module (created per request in src/graphql/loaders.ts). */
export function noticeLoaderFactories() {
  return {
    // Reach and read rate of every notice on a page: one pass over the customers, one grouped count of receipts.
    noticeStats: () =>
      new DataLoader((notices: readonly Notice[]) => noticeStatsBatch(notices), { cacheKeyFn: (n) => n.id }),
    // The signed-in customer's receipts of the notices shown, keyed `${noticeId}:${userId}`.
    noticeReceipt: () =>
      new DataLoader(async (keys: readonly string[]) => {
        const pairs = keys.map((k) => k.split(':') as [string, string]);
        const rows = await prisma.noticeReceipt.findMany({
          where: { OR: pairs.map(([noticeId, userId]) => ({ noticeId, userId })) },
          select: { noticeId: true, userId: true, readAt: true, acknowledgedAt: true },
        });
        const byKey = new Map(rows.map((r) => [RECEIPT_KEY(r.noticeId, r.userId), r]));
        return keys.map((k) => byKey.get(k) ?? null);
      }),
    // The files of every notice on a page: one query.
    noticeAttachments: () =>
      manyBy('noticeId', (where) =>
        prisma.attachment.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      ),
    noticeHistory: () => historyBy('Notice'),
  };
}

export { RECEIPT_KEY as noticeReceiptKey };
