import 'server-only';
import { can, requirePermission } from '@/server/auth/policies';
import { badField, forbidden } from '@/server/errors';
import { actingUserId, type Viewer } from '@/server/viewer';
import { isUuid } from '../cursor';

/**
 * Who sees which visits. The salesperson of a customer is its owner (Customer.ownerId). A salesperson (visits:write
 * without visits:approve: the service agent) reads and writes only their own customers' cycles, itineraries and logs;
 * the service manager (visits:approve) and the read-only roles (quality, executive) and API keys with visits:read see
 * everybody's, narrowed by a salesperson filter when given. Customers hold no visits permission.
 */
export type VisitScope = { ownOnly: string | null };

export function readScope(viewer: Viewer): VisitScope {
  requirePermission(viewer, 'visits:read');
  const own = viewer.kind === 'staff' && can(viewer, 'visits:write') && !can(viewer, 'visits:approve');
  return { ownOnly: own && viewer.kind === 'staff' ? viewer.userId : null };
}

/** The salesperson a list is narrowed to: the viewer themselves for a salesperson, else the filter (or everybody). */
export function salespersonFilter(scope: VisitScope, salespersonId: string | null | undefined): string | null {
  if (scope.ownOnly) return scope.ownOnly;
  if (!salespersonId) return null;
  if (!isUuid(salespersonId)) throw badField('salespersonId', 'common.invalidId');
  return salespersonId;
}

/** A staff member who plans visits (visits:write): itineraries belong to people, so API keys may not. */
export function plannerOf(viewer: Viewer): { userId: string } {
  requirePermission(viewer, 'visits:write');
  if (viewer.kind !== 'staff') throw forbidden('visit.staffOnly');
  return { userId: viewer.userId };
}

/**
 * Who decides on itineraries and sets visit frequencies (visits:approve): the service manager, or an API key the admin
 * delegated the decision to, acting as its named service account (a key without one is refused).
 */
export function approverOf(viewer: Viewer): { userId: string } {
  requirePermission(viewer, 'visits:approve');
  const userId = actingUserId(viewer);
  if (!userId) throw forbidden('visit.staffOnly');
  return { userId };
}

export const mayApprove = (viewer: Viewer) => !!actingUserId(viewer) && can(viewer, 'visits:approve');
export const mayWrite = (viewer: Viewer) => can(viewer, 'visits:write');
