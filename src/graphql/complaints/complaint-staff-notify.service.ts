import 'server-only';
import type { Tx } from '@/server/db';
import { notifyUsers } from '@/server/notify/notify';
import { recipientsOf, staffNoticesOf, type StepFacts } from './complaint-staff-notify.rules';
import type { ApprovalAuthority } from './complaint-workflow.rules';

/** Writes the in-app notifications of a workflow step inside its transaction (see complaint-staff-notify.rules.ts). */
export async function notifyStaffOfStep(
  tx: Tx,
  step: StepFacts & { interactionId: string },
  authority: ApprovalAuthority,
  actorUserId: string | null,
): Promise<void> {
  for (const plan of staffNoticesOf(step, authority)) {
    const [holders, department] = await Promise.all([
      plan.to.roles.length
        ? tx.user.findMany({ where: { role: { in: plan.to.roles }, active: true }, select: { id: true } })
        : Promise.resolve([]),
      plan.to.headOfDepartmentId
        ? tx.department.findUnique({ where: { id: plan.to.headOfDepartmentId }, select: { headId: true } })
        : Promise.resolve(null),
    ]);
    const userIds = recipientsOf(
      plan.to,
      { roleHolders: holders.map((u) => u.id), head: department?.headId ?? null },
      actorUserId,
    );
    await notifyUsers(tx, userIds, {
      kind: plan.kind,
      message: plan.message,
      entityType: 'Interaction',
      entityId: step.interactionId,
    });
  }
}
