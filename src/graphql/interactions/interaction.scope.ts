import type { Interaction, Prisma } from '@/generated/prisma/client';
import { can, requirePermission } from '@/server/auth/policies';
import type { Viewer } from '@/server/viewer';

/** Who may read which interactions: holders of interactions:read all (department handlers: their department's); a customer account only its organisation's. */
export function interactionReadScope(viewer: Viewer): Prisma.InteractionWhereInput {
  if (viewer.kind === 'customer') return { customerId: viewer.customerId };
  requirePermission(viewer, 'interactions:read');
  // A department handler sees what is assigned to their department, or to them (SPEC §4: 责任部门).
  if (viewer.kind === 'staff' && viewer.role === 'DEPARTMENT_HANDLER') {
    return {
      OR: [
        { ownerId: viewer.userId },
        ...(viewer.departmentId ? [{ responsibleDepartmentId: viewer.departmentId }] : []),
      ],
    };
  }
  return {};
}

/**
 * interactionReadScope as a test of a row already loaded: nested references (a complaint's sourceInteraction, a
 * callback's interaction, …) load by id and must obey the same scope as the root that led to them (issue 10: a
 * department handler read another department's consultation through a converted complaint).
 */
export function mayReadInteraction(
  viewer: Viewer,
  row: Pick<Interaction, 'customerId' | 'ownerId' | 'responsibleDepartmentId'>,
): boolean {
  if (viewer.kind === 'customer') return row.customerId === viewer.customerId;
  if (!can(viewer, 'interactions:read')) return false;
  if (viewer.kind === 'staff' && viewer.role === 'DEPARTMENT_HANDLER') {
    return (
      row.ownerId === viewer.userId || (!!viewer.departmentId && row.responsibleDepartmentId === viewer.departmentId)
    );
  }
  return true;
}

/** Related records shown inside an interaction only to who may read them in their own right. */
export const mayReadCustomerRecords = (viewer: Viewer) => viewer.kind === 'customer' || can(viewer, 'customers:read');
