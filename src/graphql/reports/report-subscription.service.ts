import 'server-only';
import { Prisma, type ReportSubscription, type Role } from '@/generated/prisma/client';
import { can, requirePermission } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import { badField, conflict, forbidden, notFound } from '@/server/errors';
import type { Viewer } from '@/server/viewer';
import {
  DEFAULT_DELIVERY_DAY,
  DELIVERY_LIST_LIMIT,
  isValidDeliveryDay,
  type ReportPeriodKind,
} from './report-period.rules';
import { roleMayReadReports } from './report-subscription.rules';

/**
 * Report subscriptions (SPEC §9). Who may do what — the choice: a subscription mails reports to people, so
 * - anyone with reports:read subscribes and unsubscribes **themselves** (self-service, nobody else's inbox changes);
 * - subscribing a **role** or **another user** needs settings:manage (the service manager, the administrator): it
 *   changes what other people receive, as the other delivery settings (escalation, SLA rules) do.
 * Only staff sessions: an API key has no mailbox and gets FORBIDDEN.
 */

type StaffViewer = Extract<Viewer, { kind: 'staff' }>;

function requireStaffReader(viewer: Viewer): StaffViewer {
  requirePermission(viewer, 'reports:read');
  if (viewer.kind !== 'staff') throw forbidden('report.subscriptionForbidden');
  return viewer;
}

export async function listReportSubscriptions(viewer: Viewer): Promise<ReportSubscription[]> {
  const staff = requireStaffReader(viewer);
  return prisma.reportSubscription.findMany({
    where: can(staff, 'settings:manage') ? {} : { OR: [{ userId: staff.userId }, { role: staff.role }] },
    orderBy: [{ periodKind: 'asc' }, { createdAt: 'asc' }],
  });
}

export type CreateSubscriptionInput = {
  periodKind: ReportPeriodKind;
  role?: Role | null;
  userId?: string | null;
  deliveryDay?: number | null;
};

export async function createReportSubscription(
  viewer: Viewer,
  input: CreateSubscriptionInput,
): Promise<ReportSubscription> {
  const staff = requireStaffReader(viewer);
  const role = input.role ?? null;
  const userId = input.userId ?? null;
  if ((role === null) === (userId === null)) throw badField('role', 'report.subscriberRequired');
  const deliveryDay = input.deliveryDay ?? DEFAULT_DELIVERY_DAY;
  if (!isValidDeliveryDay(deliveryDay)) throw badField('deliveryDay', 'report.deliveryDayInvalid');
  if ((role !== null || userId !== staff.userId) && !can(staff, 'settings:manage'))
    throw forbidden('report.subscriptionForbidden');
  if (role !== null && !roleMayReadReports(role)) throw badField('role', 'report.subscriberCannotRead');
  if (userId !== null) {
    const user = await prisma.user.findUnique({ where: { id: userId }, select: { role: true, active: true } });
    if (!user) throw notFound('User');
    if (!user.active || !roleMayReadReports(user.role)) throw badField('userId', 'report.subscriberCannotRead');
  }
  try {
    return await prisma.reportSubscription.create({
      data: { periodKind: input.periodKind, role, userId, deliveryDay, createdById: staff.userId },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw conflict('report.subscriptionExists');
    throw error;
  }
}

export async function deleteReportSubscription(viewer: Viewer, id: string): Promise<boolean> {
  const staff = requireStaffReader(viewer);
  const subscription = await prisma.reportSubscription.findUnique({ where: { id } });
  if (!subscription) throw notFound('ReportSubscription');
  if (subscription.userId !== staff.userId && !can(staff, 'settings:manage'))
    throw forbidden('report.subscriptionForbidden');
  await prisma.reportSubscription.deleteMany({ where: { id } });
  return true;
}

/** The latest deliveries, newest first: all of them for settings:manage, else the viewer's own. */
export async function listReportDeliveries(viewer: Viewer) {
  const staff = requireStaffReader(viewer);
  return prisma.reportDelivery.findMany({
    where: can(staff, 'settings:manage') ? {} : { recipientId: staff.userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: DELIVERY_LIST_LIMIT,
  });
}
