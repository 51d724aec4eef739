import 'server-only';
import type { Interaction } from '@/generated/prisma/client';
import { TIME_ZONE } from '@/i18n/config';
import { appUrl } from '@/server/app-url';
import { signLink } from '@/server/auth/signed-links';
import type { Tx } from '@/server/db';
import { customerNotice, type CustomerNoticeEvent } from '@/server/mail/customer-mail';
import { enqueueMail, startQueue } from '@/server/queue/boss';

type Notified = Pick<
  Interaction,
  'id' | 'number' | 'type' | 'subject' | 'customerId' | 'contactEmail' | 'contactName' | 'companyName'
>;

/** The purpose a resolution-confirmation link is signed for (src/server/auth/signed-links.ts). */
export const RESOLUTION_LINK = 'resolution';
/** The page a resolution-confirmation link opens: bound to the resolution's time, so it answers that one only. */
export const resolutionLinkPath = (interactionId: string, resolvedAt: Date) =>
  `/r/${signLink(RESOLUTION_LINK, interactionId, resolvedAt.toISOString())}`;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Who hears about a record: the e-mail given with it; without one, the customer's active portal accounts. Visitors
 * without an account who left no e-mail get nothing (they look the status up at /track).
 */
async function recipientsOf(tx: Tx, record: Notified): Promise<{ emails: string[]; viaPortal: boolean }> {
  if (record.contactEmail && EMAIL.test(record.contactEmail.trim()))
    return { emails: [record.contactEmail.trim()], viaPortal: !!record.customerId };
  if (!record.customerId) return { emails: [], viaPortal: false };
  const users = await tx.user.findMany({
    where: { customerId: record.customerId, role: 'CUSTOMER', active: true },
    select: { email: true },
    orderBy: { createdAt: 'asc' },
  });
  return { emails: [...new Set(users.map((u) => u.email))], viaPortal: true };
}

/**
 * Queues the customer's mail for a step of its record, inside the caller's transaction: the mail exists exactly when
 * the step does (a rolled-back step sends nothing). Call `prepareCustomerMail()` before opening the transaction.
 */
export async function notifyCustomer(
  tx: Tx,
  record: Notified,
  event: CustomerNoticeEvent,
  { at, detail }: { at: Date; detail?: string | null },
): Promise<number> {
  const { emails, viaPortal } = await recipientsOf(tx, record);
  if (emails.length === 0) return 0;
  const mail = customerNotice({
    event,
    number: record.number,
    type: record.type,
    subject: record.subject,
    recipientName: record.contactName ?? record.companyName,
    at,
    timeZone: TIME_ZONE,
    detail,
    url: viaPortal ? appUrl(`/portal/interactions/${record.id}`) : appUrl('/track'),
    trackWithPhone: !viaPortal,
    // Whoever reads the mail can answer it, account or not: the resolution was verified at `at`.
    confirmUrl: event === 'RESOLVED' && record.type === 'COMPLAINT' ? appUrl(resolutionLinkPath(record.id, at)) : null,
  });
  await enqueueMail(
    tx,
    'customer',
    emails.map((to) => ({ to, ...mail, ref: `customer:${event}:${record.number}` })),
  );
  return emails.length;
}

/**
 * Starts the queue (once per process) so mails can be written inside a transaction. It must not be started from
 * inside one: installing pg-boss's schema would wait on that transaction (see enqueueMail).
 */
export const prepareCustomerMail = () => startQueue();
