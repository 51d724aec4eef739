import 'server-only';
import type { Db } from '@/server/db';
import { now as clockNow } from '@/server/clock';
import type { Viewer } from '@/server/viewer';
import { activityMessage } from '@/lib/activity';
import { historyRow } from '@/server/history';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Demo callback tasks, for the callbacks queues to show something (wired in after `seedDemoData`):
 * - the post-resolution callback of the demo complaint that is RESOLVED (resolution creates it through the workflow;
 *   created here only when it is missing), assigned to the demo agent;
 * - a periodic callback (SPEC §5: e.g. every two months) on a key customer — an active key account when there is one,
 *   otherwise the demo's main customer 华东精密汽配有限公司 — due in three days, planned by the agent.
 * Runs through the callbacks service (history, validation) and does nothing the second time.
 */
export async function seedDemoCallbacks(db: Db, now: Date = clockNow()): Promise<{ created: number }> {
  const { createCallback } = await import('@/graphql/callbacks/callback.service');
  const agentUser = await db.user.findUnique({
    where: { email: 'agent@kefu.demo' },
    select: { id: true, role: true, departmentId: true },
  });
  if (!agentUser || agentUser.role === 'CUSTOMER') return { created: 0 };
  const agent: Viewer = {
    kind: 'staff',
    userId: agentUser.id,
    role: agentUser.role,
    departmentId: agentUser.departmentId,
  };
  let created = 0;

  const resolved = await db.interaction.findFirst({
    where: { type: 'COMPLAINT', status: 'RESOLVED' },
    orderBy: { createdAt: 'asc' },
    select: { id: true, customerId: true, callbackDueAt: true },
  });
  if (resolved && (await db.callback.count({ where: { interactionId: resolved.id, status: 'PENDING' } })) === 0) {
    // System-made, as resolution makes it (createCallback plans key-account and periodic callbacks only).
    const task = await db.callback.create({
      data: {
        customerId: resolved.customerId,
        interactionId: resolved.id,
        reason: 'POST_RESOLUTION',
        dueAt: resolved.callbackDueAt ?? new Date(now.getTime() + 7 * DAY_MS),
        assigneeId: agent.userId,
      },
    });
    await db.historyEntry.create({
      data: historyRow({
        entityType: 'Callback',
        entityId: task.id,
        action: 'CREATE',
        toState: 'PENDING',
        message: activityMessage('complaint.resolvedCallbackCreated'),
        actorId: null,
        actorLabel: 'system',
      }),
    });
    created += 1;
  }

  const keyCustomer =
    (await db.customer.findFirst({
      where: { keyAccountStatus: 'ACTIVE', archivedAt: null },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
    })) ?? (await db.customer.findFirst({ where: { name: '华东精密汽配有限公司' }, select: { id: true } }));
  if (
    keyCustomer &&
    (await db.callback.count({ where: { customerId: keyCustomer.id, reason: 'PERIODIC', status: 'PENDING' } })) === 0
  ) {
    await createCallback(
      agent,
      {
        customerId: keyCustomer.id,
        reason: 'PERIODIC',
        dueAt: new Date(now.getTime() + 3 * DAY_MS),
        notes: '双月定期回访：了解近期交付质量与服务满意度，询问改进建议。',
      },
      now,
    );
    created += 1;
  }
  return { created };
}
