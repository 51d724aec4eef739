import 'server-only';
import { TIME_ZONE } from '@/i18n/config';
import type { Role } from '@/generated/prisma/client';
import { isStaffRole } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import { sendMail } from '@/server/mail/mailer';
import type { Viewer } from '@/server/viewer';
import { buildPeriodicReportDocument } from './periodic-report.export';
import { complaintPeriodReport } from './periodic-report.service';
import { roleMayReadReports } from './report-subscription.rules';
import { renderPdf } from '@/server/pdf/pdf-document';
import {
  deliveryDueAt,
  MAX_DELIVERY_ATTEMPTS,
  periodDue,
  periodTitle,
  reportTitle,
  type ReportPeriodKind,
} from './report-period.rules';

export type DeliveryRun = { created: number; sent: number; failed: number };

/**
 * The scheduled delivery of periodic reports (SPEC §9), run by the `report-delivery` job every morning:
 * 1. For each subscription whose period's delivery day has come (periodDue: the day-th of the month after the last
 *    ended period, Asia/Shanghai) and that existed by then, one ReportDelivery per recipient — the role's active staff
 *    or the user, who must still be allowed reports:read — inserted with ON CONFLICT DO NOTHING on (recipient, kind,
 *    period): a second run, or a person subscribed both by role and by name, adds nothing.
 * 2. Every PENDING or FAILED delivery with attempts left is claimed (one UPDATE … WHERE status IN (PENDING, FAILED):
 *    two concurrent runs never both send it), its report built in the recipient's own read scope, rendered to PDF
 *    and mailed with the PDF attached; then SENT, or FAILED with the error (shown on the reports page).
 * Returns what it did; the worker fails the job when a send failed so pg-boss retries it with growing delays, and
 * each later daily run retries it too, up to MAX_DELIVERY_ATTEMPTS attempts.
 */
export async function runReportDeliveries(now: Date): Promise<DeliveryRun> {
  const subscriptions = await prisma.reportSubscription.findMany({
    select: { periodKind: true, role: true, userId: true, deliveryDay: true, createdAt: true },
  });
  const wanted = new Map<
    string,
    { recipientId: string; email: string; periodKind: ReportPeriodKind; period: string }
  >();
  const roles = [...new Set(subscriptions.flatMap((s) => (s.role ? [s.role] : [])))];
  const userIds = [...new Set(subscriptions.flatMap((s) => (s.userId ? [s.userId] : [])))];
  const people = await prisma.user.findMany({
    where: { active: true, OR: [{ role: { in: roles } }, { id: { in: userIds } }] },
    select: { id: true, email: true, role: true },
  });
  for (const s of subscriptions) {
    const period = periodDue(s.periodKind, s.deliveryDay, now, TIME_ZONE);
    if (!period || s.createdAt > deliveryDueAt(s.periodKind, period, s.deliveryDay, TIME_ZONE)) continue;
    const recipients = people.filter((p) => (s.role ? p.role === s.role : p.id === s.userId));
    for (const p of recipients) {
      if (!roleMayReadReports(p.role)) continue;
      wanted.set(`${p.id}|${s.periodKind}|${period}`, {
        recipientId: p.id,
        email: p.email,
        periodKind: s.periodKind,
        period,
      });
    }
  }
  const { count: created } = await prisma.reportDelivery.createMany({
    data: [...wanted.values()],
    skipDuplicates: true,
  });

  const open = await prisma.reportDelivery.findMany({
    where: { status: { in: ['PENDING', 'FAILED'] }, attempts: { lt: MAX_DELIVERY_ATTEMPTS } },
    select: { id: true, recipientId: true, email: true, periodKind: true, period: true },
    orderBy: { createdAt: 'asc' },
  });
  const recipients = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: [...new Set(open.map((d) => d.recipientId))] } },
        select: { id: true, role: true, departmentId: true },
      })
    ).map((u) => [u.id, u] as const),
  );
  let sent = 0;
  let failed = 0;
  for (const delivery of open) {
    const claimed = await prisma.reportDelivery.updateMany({
      where: { id: delivery.id, status: { in: ['PENDING', 'FAILED'] } },
      data: { status: 'SENDING', attempts: { increment: 1 } },
    });
    if (claimed.count === 0) continue;
    try {
      const user = recipients.get(delivery.recipientId);
      if (!user || !isStaffRole(user.role)) throw new Error('recipient is no longer a staff member');
      await sendReport(delivery, staffViewer(user.id, user.role, user.departmentId), now);
      await prisma.reportDelivery.update({
        where: { id: delivery.id },
        data: { status: 'SENT', sentAt: new Date(), lastError: null },
      });
      sent += 1;
    } catch (error) {
      failed += 1;
      await prisma.reportDelivery.update({
        where: { id: delivery.id },
        data: { status: 'FAILED', lastError: (error instanceof Error ? error.message : String(error)).slice(0, 500) },
      });
    }
  }
  return { created, sent, failed };
}

function staffViewer(userId: string, role: Exclude<Role, 'CUSTOMER'>, departmentId: string | null): Viewer {
  return { kind: 'staff', userId, role, departmentId };
}

async function sendReport(
  delivery: { email: string; periodKind: ReportPeriodKind; period: string },
  viewer: Viewer,
  now: Date,
) {
  const report = await complaintPeriodReport(viewer, delivery.periodKind, delivery.period, now);
  const document = buildPeriodicReportDocument(report);
  const pdf = await renderPdf(document, { generatedAt: now, timeZone: report.summary.timeZone });
  const title = reportTitle(delivery.periodKind, delivery.period);
  const result = await sendMail({
    to: delivery.email,
    subject: `【客服通】${title}`,
    text: [
      `您好：`,
      ``,
      `附件是${periodTitle(delivery.periodKind, delivery.period)}的投诉与服务报告（PDF）。`,
      `投诉 ${report.summary.total} 件，上期 ${report.summary.previous.total} 件。`,
      ``,
      `此邮件由报告订阅自动发送；在“报告”页面可以退订。`,
    ].join('\n'),
    attachments: [{ filename: document.filename, content: pdf, contentType: 'application/pdf' }],
  });
  if (!result.sent) throw new Error(result.reason);
}
