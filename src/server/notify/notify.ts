import 'server-only';
import type { Tx } from '@/server/db';

/** An in-app notification (the bell in the console), written inside the caller's transaction. */
export type Notice = {
  kind: string;
  title: string;
  body?: string | null;
  entityType?: string | null;
  entityId?: string | null;
};

export async function notifyUsers(tx: Tx, userIds: readonly string[], notice: Notice): Promise<number> {
  if (userIds.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: userIds.map((userId) => ({
      userId,
      kind: notice.kind,
      title: notice.title,
      body: notice.body ?? null,
      entityType: notice.entityType ?? null,
      entityId: notice.entityId ?? null,
    })),
  });
  return count;
}
