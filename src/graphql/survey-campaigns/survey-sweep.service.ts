import 'server-only';
import { prisma, type Tx } from '@/server/db';
import { enqueueMail, startQueue } from '@/server/queue/boss';
import { now as clockNow } from '@/server/clock';
import { appendSystemHistory } from '../complaints/escalation.service';
import { invitationMails } from './survey-campaign.service';
import { activityMessage } from '@/lib/activity';

/**
 * The survey sweep, run every 15 minutes by the `survey-reminders` job (src/server/queue/workers.ts) and callable with
 * any `now` from tests. It
 *   1. closes open campaigns whose closing time has passed (no responses after closing — SPEC §6);
 *   2. mails the invitations of campaigns that were launched before their opening time, once it has arrived;
 *   3. reminds non-respondents on the campaign's reminder days after their invitation (remindersDue in
 *      survey-campaign.rules.ts — mirrored in SQL below): one mail for the latest step due, never a burst.
 *
 * Exactly once, however many workers sweep at the same time: each step is a conditional UPDATE … RETURNING
 * (`"sentAt" IS NULL`, `"reminderCount" < due`, `status = 'OPEN'`) on rows picked with FOR UPDATE SKIP LOCKED, and the
 * mail jobs are written in the same transaction from exactly the rows it updated. A second worker either skips the
 * locked rows or, once they are committed, finds the condition no longer true.
 *
 * With a `deadline` (the worker's time budget) it stops between pages once the deadline has passed and says `more`:
 * the worker queues a follow-up sweep at once, so a campaign of 100,000 invitations goes out in a chain of short jobs
 * whose expiry can stay short (see SWEEP_EXPIRE_SECONDS).
 */
export type SurveySweepResult = { closed: number; invitations: number; reminders: number; more: boolean };

const PAGE = 500;
const TX = { maxWait: 10_000, timeout: 60_000 };

type MailRow = { id: string; email: string; customerName: string; campaignName: string; closesAt: Date };

export async function runSurveySweep(
  now: Date = clockNow(),
  options: { pageSize?: number; deadline?: number } = {},
): Promise<SurveySweepResult> {
  const pageSize = options.pageSize ?? PAGE;
  const result: SurveySweepResult = { closed: 0, invitations: 0, reminders: 0, more: false };
  const outOfTime = () => options.deadline !== undefined && Date.now() >= options.deadline;
  // Claims a page of invitations (its UPDATE … RETURNING) and queues their mails in the same transaction, page after
  // page until a short page; false when the deadline cut it short.
  const mailInPages = async (kind: 'INVITATION' | 'REMINDER', claim: (tx: Tx) => Promise<MailRow[]>) => {
    for (;;) {
      const mailed = await prisma.$transaction(async (tx) => {
        const rows = await claim(tx);
        await enqueueMail(
          tx,
          'customer',
          rows.flatMap((r) =>
            invitationMails(kind, { name: r.campaignName, closesAt: r.closesAt }, [
              { invitationId: r.id, email: r.email, customerName: r.customerName },
            ]),
          ),
        );
        return rows.length;
      }, TX);
      if (kind === 'INVITATION') result.invitations += mailed;
      else result.reminders += mailed;
      if (mailed < pageSize) return true;
      if (outOfTime()) return false;
    }
  };

  const expired = await prisma.surveyCampaign.findMany({
    where: { status: 'OPEN', closesAt: { lte: now } },
    select: { id: true, name: true },
  });
  for (const campaign of expired) {
    await prisma.$transaction(async (tx) => {
      const closed = await tx.surveyCampaign.updateMany({
        where: { id: campaign.id, status: 'OPEN' },
        data: { status: 'CLOSED', closedAt: now, version: { increment: 1 } },
      });
      if (closed.count === 0) return; // another worker closed it
      await appendSystemHistory(tx, {
        entityType: 'SurveyCampaign',
        entityId: campaign.id,
        action: 'CLOSE',
        fromState: 'OPEN',
        toState: 'CLOSED',
        message: activityMessage('survey.campaignExpired'),
      });
      result.closed += 1;
    }, TX);
  }

  // Nothing to mail: do not start the queue (the sweep is also run from tests and scripts without one).
  const pending = await prisma.$queryRaw<{ invitations: boolean; reminders: boolean }[]>`
    SELECT EXISTS (
             SELECT 1 FROM "SurveyInvitation" i JOIN "SurveyCampaign" c ON c.id = i."campaignId"
             WHERE c.status = 'OPEN' AND c."opensAt" <= ${now} AND c."closesAt" > ${now} AND i."sentAt" IS NULL AND i.email IS NOT NULL AND i."respondedAt" IS NULL
           ) AS invitations,
           EXISTS (
             SELECT 1 FROM "SurveyInvitation" i JOIN "SurveyCampaign" c ON c.id = i."campaignId"
             WHERE c.status = 'OPEN' AND c."opensAt" <= ${now} AND c."closesAt" > ${now} AND i."respondedAt" IS NULL AND i."sentAt" IS NOT NULL
               AND i.email IS NOT NULL AND i."reminderCount" < jsonb_array_length(c."reminderSchedule")
           ) AS reminders`;
  if (!pending[0]?.invitations && !pending[0]?.reminders) return result;
  await startQueue(); // before any transaction that enqueues mail (see enqueueMail)

  const allInvited = await mailInPages(
    'INVITATION',
    (tx) =>
      tx.$queryRaw<MailRow[]>`
        WITH picked AS (
          SELECT i.id FROM "SurveyInvitation" i JOIN "SurveyCampaign" c ON c.id = i."campaignId"
          WHERE c.status = 'OPEN' AND c."opensAt" <= ${now} AND c."closesAt" > ${now}
            AND i."sentAt" IS NULL AND i.email IS NOT NULL AND i."respondedAt" IS NULL
          ORDER BY i.id LIMIT ${pageSize} FOR UPDATE OF i SKIP LOCKED
        )
        UPDATE "SurveyInvitation" i SET "sentAt" = ${now}
        FROM picked, "SurveyCampaign" c, "Customer" cu
        WHERE i.id = picked.id AND c.id = i."campaignId" AND cu.id = i."customerId" AND i."sentAt" IS NULL
        RETURNING i.id, i.email, cu.name AS "customerName", c.name AS "campaignName", c."closesAt"`,
  );
  if (!allInvited) return { ...result, more: true };

  // due = how many of the campaign's reminder days have passed since the invitation (remindersDue).
  const allReminded = await mailInPages(
    'REMINDER',
    (tx) =>
      tx.$queryRaw<MailRow[]>`
        WITH due AS (
          SELECT i.id,
                 (SELECT count(*)::int FROM jsonb_array_elements_text(c."reminderSchedule") AS s(day)
                   WHERE i."sentAt" + (s.day)::int * interval '1 day' <= ${now}) AS n
          FROM "SurveyInvitation" i JOIN "SurveyCampaign" c ON c.id = i."campaignId"
          WHERE c.status = 'OPEN' AND c."opensAt" <= ${now} AND c."closesAt" > ${now}
            AND i."respondedAt" IS NULL AND i."sentAt" IS NOT NULL AND i.email IS NOT NULL
            AND i."reminderCount" < jsonb_array_length(c."reminderSchedule")
        ), picked AS (
          SELECT i.id, due.n FROM "SurveyInvitation" i JOIN due ON due.id = i.id
          WHERE due.n > i."reminderCount" AND i."respondedAt" IS NULL
          ORDER BY i.id LIMIT ${pageSize} FOR UPDATE OF i SKIP LOCKED
        )
        UPDATE "SurveyInvitation" i SET "reminderCount" = picked.n, "lastRemindedAt" = ${now}
        FROM picked, "SurveyCampaign" c, "Customer" cu
        WHERE i.id = picked.id AND c.id = i."campaignId" AND cu.id = i."customerId"
          AND i."reminderCount" < picked.n AND i."respondedAt" IS NULL
        RETURNING i.id, i.email, cu.name AS "customerName", c.name AS "campaignName", c."closesAt"`,
  );
  return allReminded ? result : { ...result, more: true };
}
