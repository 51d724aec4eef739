import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { CustomerModel as Customer } from '../mappers';
import type { Loaders } from '../loaders';
import { can, requirePermission } from '@/server/auth/policies';
import { forbidden } from '@/server/errors';
import type { Viewer } from '@/server/viewer';
import { interactionReadScope } from '../interactions/interaction.scope';
import { pageSize } from '../pagination.rules';
import { CUSTOMER_360_PAGE_SIZE, MAX_TREND_PERIODS, type TrendPeriod } from './customer-360.rules';
import { badField } from '@/server/errors';

/**
 * The reads of the customer 360 page (SPEC §1, §2). The parent customer was already read through Query.customer(s),
 * which answers NOT_FOUND for another organisation's record; these checks are the field's own wall (a customer
 * account reaching a customer some other way still reads nothing of it).
 */
type PageArgs = { first?: number | null; after?: string | null };

/** A customer account reads only its own organisation; staff and API clients need `permission`. */
function requireOwnOr(viewer: Viewer, customerId: string, permission: Parameters<typeof can>[1]) {
  if (viewer.kind === 'customer') {
    if (viewer.customerId !== customerId) throw forbidden();
    return;
  }
  requirePermission(viewer, permission);
}

/** Staff and API clients with `permission`; customer accounts never (scores, call notes and history are internal). */
function requireStaffPermission(viewer: Viewer, permission: Parameters<typeof can>[1]) {
  if (viewer.kind === 'customer') throw forbidden();
  requirePermission(viewer, permission);
}

const sizeOf = (args: PageArgs) => pageSize(args.first, CUSTOMER_360_PAGE_SIZE);

export function customerInteractions(
  viewer: Viewer,
  loaders: Loaders,
  customerId: string,
  args: PageArgs & { filter?: { type?: Prisma.InteractionWhereInput['type'][] | null; open?: boolean | null } | null },
) {
  requireOwnOr(viewer, customerId, 'interactions:read');
  const filter = args.filter ?? {};
  const where: Prisma.InteractionWhereInput = {
    AND: [
      // A department handler sees only their department's records here as everywhere (interaction.scope.ts).
      interactionReadScope(viewer),
      ...(filter.type?.length ? [{ type: { in: filter.type as Prisma.EnumInteractionTypeFilter['in'] } }] : []),
      ...(filter.open !== null && filter.open !== undefined ? [{ isOpen: filter.open }] : []),
    ],
  };
  return loaders.customerInteractionPages(where, sizeOf(args), args.after ?? null).load(customerId);
}

export function customerCallbacks(
  viewer: Viewer,
  loaders: Loaders,
  customerId: string,
  args: PageArgs & { filter?: { open?: boolean | null } | null },
) {
  requireStaffPermission(viewer, 'callbacks:read');
  const open = args.filter?.open;
  const where: Prisma.CallbackWhereInput =
    open === null || open === undefined ? {} : open ? { status: 'PENDING' } : { status: { in: ['DONE', 'CANCELLED'] } };
  return loaders.customerCallbackPages(where, sizeOf(args), args.after ?? null).load(customerId);
}

export function customerSurveyResponses(viewer: Viewer, loaders: Loaders, customerId: string, args: PageArgs) {
  requireStaffPermission(viewer, 'surveys:read');
  return loaders.customerSurveyResponsePages(sizeOf(args), args.after ?? null).load(customerId);
}

export function customerSatisfactionTrend(
  viewer: Viewer,
  loaders: Loaders,
  customerId: string,
  args: { period?: TrendPeriod | null; last?: number | null },
) {
  requireStaffPermission(viewer, 'surveys:read');
  const last = args.last ?? 8;
  if (!Number.isInteger(last) || last < 1 || last > MAX_TREND_PERIODS)
    throw badField('last', 'pagination.firstOutOfRange', { max: MAX_TREND_PERIODS });
  return loaders.customerSatisfactionTrend(args.period ?? 'QUARTER', last).load(customerId);
}

export function customerHistoryPage(viewer: Viewer, loaders: Loaders, customerId: string, args: PageArgs) {
  requireStaffPermission(viewer, 'customers:read');
  return loaders.customerHistoryPages(sizeOf(args), args.after ?? null).load(customerId);
}

export function customerNextScheduledContact(viewer: Viewer, loaders: Loaders, customerId: string) {
  requireOwnOr(viewer, customerId, 'callbacks:read');
  return loaders.customerNextScheduledContact.load(customerId);
}

/** SPEC §2: the one-to-one owner is a key account's perk; a customer sees theirs while the key account is active. */
export async function keyAccountOwner(
  viewer: Viewer,
  loaders: Loaders,
  account: { customerId: string; status: Customer['keyAccountStatus']; ownerId: string | null },
) {
  if (!account.ownerId) return null;
  if (viewer.kind === 'customer' && (viewer.customerId !== account.customerId || account.status !== 'ACTIVE'))
    return null;
  const owner = await loaders.userById.load(account.ownerId);
  return owner ? { name: owner.name, phone: owner.phone, email: owner.email } : null;
}
