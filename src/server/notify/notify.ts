import 'server-only';
import type { Db, Tx } from '@/server/db';
import type { ActivityMessage, NoticeKey } from '@/lib/activity';

/**
 * An in-app notification (the bell in the console), written inside the caller's transaction. Its words are stored
 * language-neutral (`message`: a `notice.*` key of messages/<locale>/activity.json and its params) and translated when shown.
 */
export type Notice = {
  kind: string;
  message: ActivityMessage<NoticeKey>;
  entityType?: string | null;
  entityId?: string | null;
};

export async function notifyUsers(tx: Tx, userIds: readonly string[], notice: Notice): Promise<number> {
  if (userIds.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: userIds.map((userId) => ({
      userId,
      kind: notice.kind,
      messageKey: notice.message.key,
      ...(notice.message.params ? { messageParams: notice.message.params } : {}),
      entityType: notice.entityType ?? null,
      entityId: notice.entityId ?? null,
    })),
  });
  return count;
}

/** The ids of the active service managers: whom the sweeps escalate to and whom an itinerary's submission notifies. */
export async function activeServiceManagerIds(db: Tx | Db): Promise<string[]> {
  const managers = await db.user.findMany({ where: { active: true, role: 'SERVICE_MANAGER' }, select: { id: true } });
  return managers.map((u) => u.id);
}
