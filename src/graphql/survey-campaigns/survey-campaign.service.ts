import 'server-only';
import { randomUUID } from 'node:crypto';
import { Prisma } from '@/generated/prisma/client';
import type { SurveyCampaign, SurveyInvitation } from '@/generated/prisma/client';
import type { CustomerModel as Customer } from '../mappers';
import type { CampaignStatus } from '@/generated/prisma/enums';
import { TIME_ZONE } from '@/i18n/config';
import { requirePermission } from '@/server/auth/policies';
import { prisma, type Tx } from '@/server/db';
import { badField, conflict, notFound } from '@/server/errors';
import { appendHistory, diffFields } from '@/server/history';
import { surveyMail } from '@/server/mail/survey-mail';
import { enqueueMail, startQueue, type MailJob } from '@/server/queue/boss';
import { actingUserId, type Viewer } from '@/server/viewer';
import { isUuid } from '../cursor';
import {
  campaignCommandAllowed,
  MANUAL_REMINDER_GAP_MS,
  parseAudienceInput,
  parseCampaignInput,
  storedAudience,
  type CampaignCommand,
  type InvitationState,
  type StoredAudience,
  type TSurveyCampaignInput,
} from './survey-campaign.rules';
import { TX_OPTIONS, usableTemplate } from '../survey-templates/survey-template.service';
import { surveyToken, surveyUrl, tokenHash } from './survey-token.service';
import { cursorArgs, pageOf, pageSize } from '../pagination.rules';
import { activityMessage, type ActivityMessage } from '@/lib/activity';
import { keyAccountStatusSql } from '../key-accounts/key-account-status.query';

/**
 * Survey campaigns (SPEC §6): a template sent to an audience for a period. Launching snapshots the audience as
 * invitations (unique per campaign and customer), each with its personal link, and queues the invitation mails in the
 * same transaction; reminders and the automatic close run in the survey sweep (survey-sweep.service.ts). Every state
 * change takes the version read (stale → CONFLICT) and appends to the history.
 */
const ENTITY = 'SurveyCampaign';
// Launching a campaign to every customer writes thousands of invitations and mail jobs in one transaction.
const LAUNCH_TX = { maxWait: 10_000, timeout: 300_000 };
const CHUNK = 1000;

// ───────────────────────────── audience ─────────────────────────────

/** Start of a calendar day in Asia/Shanghai (UTC+8, no daylight saving), the zone the contract's dates are in. */
const shanghaiDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const DAY_MS = 86_400_000;

/**
 * The audience as SQL on "Customer" c: active customers (not archived) matching every criterion given; none given —
 * all active customers [000 §4.7.1 "尽量…对全部企业下发"].
 */
export function audienceSql(a: StoredAudience): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`c.status = 'ACTIVE' AND c."archivedAt" IS NULL`];
  if (a.provinces.length) parts.push(Prisma.sql`c.province = ANY(${a.provinces}::text[])`);
  if (a.industries.length) parts.push(Prisma.sql`c.industry = ANY(${a.industries}::text[])`);
  if (a.grades.length) parts.push(Prisma.sql`c.grade::text = ANY(${a.grades}::text[])`);
  if (a.keyAccountStatuses.length)
    parts.push(Prisma.sql`${keyAccountStatusSql('c')} = ANY(${a.keyAccountStatuses}::text[])`);
  if (a.customerIds.length) parts.push(Prisma.sql`c.id = ANY(${a.customerIds}::uuid[])`);
  if (a.complaintClosedFrom || a.complaintClosedTo) {
    // closedAt is set when quality confirms the closure and cleared on reopening: a closed complaint in the period.
    const from = a.complaintClosedFrom
      ? Prisma.sql`AND i."closedAt" >= ${shanghaiDayStart(a.complaintClosedFrom)}`
      : Prisma.empty;
    const to = a.complaintClosedTo
      ? Prisma.sql`AND i."closedAt" < ${new Date(shanghaiDayStart(a.complaintClosedTo).getTime() + DAY_MS)}`
      : Prisma.empty;
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Interaction" i WHERE i."customerId" = c.id AND i.type = 'COMPLAINT' AND i."closedAt" IS NOT NULL ${from} ${to})`,
    );
  }
  return Prisma.join(parts, ' AND ');
}

/**
 * Where the link goes: the primary contact's e-mail, else another contact's, else an active portal user's. Customers
 * without any are surveyed by phone (their invitation stays NOT_SENT; staff enter the answers).
 */
const EMAIL_SQL = Prisma.sql`COALESCE(
  (SELECT ct.email FROM "Contact" ct WHERE ct."customerId" = c.id AND ct.email IS NOT NULL AND ct.email <> '' ORDER BY ct."isPrimary" DESC, ct."createdAt" ASC, ct.id ASC LIMIT 1),
  (SELECT u.email FROM "User" u WHERE u."customerId" = c.id AND u.role = 'CUSTOMER' AND u.active ORDER BY u."createdAt" ASC, u.id ASC LIMIT 1))`;

async function checkExplicitCustomers(db: Tx | typeof prisma, audience: StoredAudience): Promise<void> {
  if (!audience.customerIds.length) return;
  const found = await db.customer.count({ where: { id: { in: audience.customerIds } } });
  if (found !== audience.customerIds.length) throw badField('audience.customerIds', 'survey.customersMissing');
}

export async function previewAudience(
  viewer: Viewer,
  rawAudience: unknown,
): Promise<{ count: number; withEmail: number; sample: Customer[] }> {
  requirePermission(viewer, 'surveys:manage');
  const audience = parseAudienceInput(rawAudience);
  const where = audienceSql(audience);
  const [[counts], sampleIds] = await Promise.all([
    prisma.$queryRaw<{ count: number; withEmail: number }[]>`
      SELECT count(*)::int AS count, count(${EMAIL_SQL})::int AS "withEmail" FROM "Customer" c WHERE ${where}`,
    prisma.$queryRaw<{ id: string }[]>`SELECT c.id FROM "Customer" c WHERE ${where} ORDER BY c.name, c.id LIMIT 10`,
  ]);
  const sample = await prisma.customer.findMany({
    where: { id: { in: sampleIds.map((s) => s.id) } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  return { count: counts?.count ?? 0, withEmail: counts?.withEmail ?? 0, sample };
}

// ───────────────────────────── reads ─────────────────────────────

export type CampaignFilter = {
  status?: readonly CampaignStatus[] | null;
  periodLabel?: string | null;
  templateKey?: string | null;
};
export type CampaignPage = {
  rows: SurveyCampaign[];
  hasNextPage: boolean;
  endCursor: string | null;
  where: Prisma.SurveyCampaignWhereInput;
};

export async function listCampaigns(
  viewer: Viewer,
  args: { filter?: CampaignFilter | null; first?: number | null; after?: string | null },
): Promise<CampaignPage> {
  requirePermission(viewer, 'surveys:read');
  const first = pageSize(args.first);
  const f = args.filter ?? {};
  const where: Prisma.SurveyCampaignWhereInput = {
    ...(f.status?.length ? { status: { in: [...f.status] } } : {}),
    ...(f.periodLabel ? { periodLabel: f.periodLabel.trim().toUpperCase() } : {}),
    ...(f.templateKey ? { template: { key: f.templateKey } } : {}),
  };
  const rows = await prisma.surveyCampaign.findMany({
    where,
    orderBy: [{ opensAt: 'desc' }, { id: 'desc' }],
    ...cursorArgs(first, args.after),
  });
  return { ...pageOf(rows, first), where };
}

export const countCampaigns = (where: Prisma.SurveyCampaignWhereInput) => prisma.surveyCampaign.count({ where });
export const countInvitations = (where: Prisma.SurveyInvitationWhereInput) => prisma.surveyInvitation.count({ where });

export async function getCampaign(viewer: Viewer, id: string): Promise<SurveyCampaign> {
  requirePermission(viewer, 'surveys:read');
  if (!isUuid(id)) throw notFound(ENTITY);
  const row = await prisma.surveyCampaign.findUnique({ where: { id } });
  if (!row) throw notFound(ENTITY);
  return row;
}

/** Period labels that have campaigns, newest first (by their latest opening). */
export async function surveyPeriods(viewer: Viewer): Promise<string[]> {
  requirePermission(viewer, 'surveys:read');
  const rows = await prisma.surveyCampaign.groupBy({
    by: ['periodLabel'],
    _max: { opensAt: true },
    orderBy: { _max: { opensAt: 'desc' } },
  });
  return rows.map((r) => r.periodLabel);
}

export type InvitationPage = {
  rows: SurveyInvitation[];
  hasNextPage: boolean;
  endCursor: string | null;
  where: Prisma.SurveyInvitationWhereInput;
};

const STATE_WHERE: Record<InvitationState, Prisma.SurveyInvitationWhereInput> = {
  NOT_SENT: { sentAt: null, openedAt: null, respondedAt: null },
  SENT: { sentAt: { not: null }, openedAt: null, respondedAt: null },
  OPENED: { openedAt: { not: null }, respondedAt: null },
  RESPONDED: { respondedAt: { not: null } },
};

export async function listInvitations(
  campaignId: string,
  args: {
    filter?: { state?: readonly InvitationState[] | null; search?: string | null } | null;
    first?: number | null;
    after?: string | null;
  },
): Promise<InvitationPage> {
  const first = pageSize(args.first, 50);
  const search = args.filter?.search?.trim();
  const where: Prisma.SurveyInvitationWhereInput = {
    campaignId,
    ...(args.filter?.state?.length ? { OR: args.filter.state.map((s) => STATE_WHERE[s]) } : {}),
    ...(search ? { customer: { name: { contains: search, mode: 'insensitive' } } } : {}),
  };
  const rows = await prisma.surveyInvitation.findMany({
    where,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    ...cursorArgs(first, args.after),
  });
  return { ...pageOf(rows, first), where };
}

// ───────────────────────────── writes ─────────────────────────────

function campaignData(input: TSurveyCampaignInput) {
  return {
    templateId: input.templateId,
    name: input.name,
    description: input.description,
    periodLabel: input.periodLabel,
    audience: input.audience,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    reminderSchedule: input.reminderDays,
  };
}

export async function createCampaign(viewer: Viewer, rawInput: unknown, now: Date): Promise<SurveyCampaign> {
  requirePermission(viewer, 'surveys:manage');
  const input = parseCampaignInput(rawInput);
  return prisma.$transaction(async (tx) => {
    await usableTemplate(tx, input.templateId);
    await checkExplicitCustomers(tx, input.audience);
    const created = await tx.surveyCampaign.create({
      data: { ...campaignData(input), createdById: actingUserId(viewer), createdAt: now },
    });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: created.id,
      action: 'CREATE',
      toState: 'DRAFT',
      message: activityMessage('survey.campaignCreated', { name: created.name, period: created.periodLabel }),
    });
    return created;
  }, TX_OPTIONS);
}

/** Loads the campaign for a state change: NOT_FOUND, CONFLICT on a stale version or a step its state does not allow. */
async function lockForCommand(tx: Tx, id: string, version: number, command: CampaignCommand): Promise<SurveyCampaign> {
  if (!isUuid(id)) throw notFound(ENTITY);
  await tx.$queryRaw`SELECT id FROM "SurveyCampaign" WHERE id = ${id}::uuid FOR UPDATE`;
  const row = await tx.surveyCampaign.findUnique({ where: { id } });
  if (!row) throw notFound(ENTITY);
  if (row.version !== version) throw conflict('survey.campaignStale', { currentVersion: row.version });
  if (!campaignCommandAllowed(row.status, command)) {
    const key = (
      { UPDATE: 'survey.updateOnlyDraft', LAUNCH: 'survey.alreadyLaunched', CLOSE: 'survey.closeOnlyOpen' } as const
    )[command];
    throw conflict(key, { status: row.status, currentVersion: row.version }, { status: row.status });
  }
  return row;
}

/**
 * A launch or a close of a campaign locked by lockForCommand: the new status with its time stamp and the next version,
 * and the history line that says so — in the caller's transaction.
 */
async function moveCampaign(
  tx: Tx,
  viewer: Viewer,
  id: string,
  move: {
    action: Extract<CampaignCommand, 'LAUNCH' | 'CLOSE'>;
    from: CampaignStatus;
    to: CampaignStatus;
    stamp: { launchedAt: Date } | { closedAt: Date };
    message: ActivityMessage;
    changes?: Prisma.InputJsonValue;
  },
): Promise<SurveyCampaign> {
  const updated = await tx.surveyCampaign.update({
    where: { id },
    data: { status: move.to, ...move.stamp, version: { increment: 1 } },
  });
  await appendHistory(tx, viewer, {
    entityType: ENTITY,
    entityId: id,
    action: move.action,
    fromState: move.from,
    toState: move.to,
    message: move.message,
    changes: move.changes,
  });
  return updated;
}

export async function updateCampaign(
  viewer: Viewer,
  id: string,
  version: number,
  rawInput: unknown,
): Promise<SurveyCampaign> {
  requirePermission(viewer, 'surveys:manage');
  const input = parseCampaignInput(rawInput);
  return prisma.$transaction(async (tx) => {
    const before = await lockForCommand(tx, id, version, 'UPDATE');
    await usableTemplate(tx, input.templateId);
    await checkExplicitCustomers(tx, input.audience);
    const data = campaignData(input);
    const updated = await tx.surveyCampaign.update({ where: { id }, data: { ...data, version: { increment: 1 } } });
    const changes = diffFields(before, data);
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: id,
      action: 'UPDATE',
      fromState: 'DRAFT',
      toState: 'DRAFT',
      changes: changes as Prisma.InputJsonValue,
    });
    return updated;
  }, TX_OPTIONS);
}

type MailRecipient = { invitationId: string; email: string; customerName: string };

export function invitationMails(
  kind: 'INVITATION' | 'REMINDER',
  campaign: Pick<SurveyCampaign, 'name' | 'closesAt'>,
  recipients: readonly MailRecipient[],
): MailJob[] {
  return recipients.map((r) => {
    const mail = surveyMail({
      kind,
      customerName: r.customerName,
      campaignName: campaign.name,
      closesAt: campaign.closesAt,
      url: surveyUrl(surveyToken(r.invitationId)),
      timeZone: TIME_ZONE,
    });
    return {
      to: r.email,
      subject: mail.subject,
      text: mail.text,
      ref: `survey ${kind.toLowerCase()} ${r.invitationId}`,
    };
  });
}

/**
 * Launch: in one transaction the campaign turns OPEN, the audience is snapshotted as invitations (unique per campaign
 * and customer, token hash only) and — if the campaign is already open — the invitation mails are queued through the
 * send-mail-customer queue (pg-boss in the same transaction: no mail without its invitation, no invitation "sent" without its
 * mail job). Invitations of a campaign opening later are mailed by the sweep when opensAt arrives.
 */
export async function launchCampaign(viewer: Viewer, id: string, version: number, now: Date): Promise<SurveyCampaign> {
  requirePermission(viewer, 'surveys:manage');
  await startQueue(); // before the transaction that enqueues mail (see enqueueMail)
  return prisma.$transaction(async (tx) => {
    const campaign = await lockForCommand(tx, id, version, 'LAUNCH');
    if (campaign.closesAt <= now) throw conflict('survey.closingTimePassed', { status: campaign.status });
    const audience = storedAudience(campaign.audience);
    const customers = await tx.$queryRaw<{ id: string; name: string; email: string | null }[]>`
      SELECT c.id, c.name, ${EMAIL_SQL} AS email FROM "Customer" c WHERE ${audienceSql(audience)} ORDER BY c.name, c.id`;
    if (customers.length === 0) throw badField('audience', 'survey.audienceEmpty');
    const sendNow = campaign.opensAt <= now;
    const invitations = customers.map((c) => {
      const invitationId = randomUUID();
      return {
        id: invitationId,
        campaignId: id,
        customerId: c.id,
        email: c.email,
        tokenHash: tokenHash(surveyToken(invitationId)),
        sentAt: sendNow && c.email ? now : null,
        createdAt: now,
        customerName: c.name,
      };
    });
    for (let i = 0; i < invitations.length; i += CHUNK) {
      await tx.surveyInvitation.createMany({
        data: invitations.slice(i, i + CHUNK).map(({ customerName: _name, ...row }) => row),
        skipDuplicates: true,
      });
    }
    const mailed = invitations.filter((i) => i.sentAt !== null);
    const mails = invitationMails(
      'INVITATION',
      campaign,
      mailed.map((i) => ({ invitationId: i.id, email: i.email!, customerName: i.customerName })),
    );
    for (let i = 0; i < mails.length; i += 500) await enqueueMail(tx, 'customer', mails.slice(i, i + 500));
    return moveCampaign(tx, viewer, id, {
      action: 'LAUNCH',
      from: 'DRAFT',
      to: 'OPEN',
      stamp: { launchedAt: now },
      message: activityMessage('survey.campaignPublished', {
        invited: invitations.length,
        sendNow: String(sendNow),
        mails: mails.length,
      }),
      changes: {
        invited: invitations.length,
        withEmail: invitations.filter((i) => i.email).length,
        mailed: mails.length,
      },
    });
  }, LAUNCH_TX);
}

/** Closed by staff before (or after) the closing date: no responses are taken any more (SPEC §6). */
export async function closeCampaign(viewer: Viewer, id: string, version: number, now: Date): Promise<SurveyCampaign> {
  requirePermission(viewer, 'surveys:manage');
  return prisma.$transaction(async (tx) => {
    await lockForCommand(tx, id, version, 'CLOSE');
    return moveCampaign(tx, viewer, id, {
      action: 'CLOSE',
      from: 'OPEN',
      to: 'CLOSED',
      stamp: { closedAt: now },
      message: activityMessage('survey.campaignClosed'),
    });
  }, TX_OPTIONS);
}

/**
 * "Remind now": one reminder to every non-respondent with an e-mail whose last mail (invitation or reminder) is older
 * than an hour — so a double click sends once. It counts as a reminder (reminderCount + 1), so the sweep does not
 * send the scheduled step it stood in for. The conditional UPDATE … RETURNING takes each invitation once even when
 * the sweep runs at the same moment.
 */
export async function sendReminders(viewer: Viewer, id: string, now: Date): Promise<number> {
  requirePermission(viewer, 'surveys:manage');
  if (!isUuid(id)) throw notFound(ENTITY);
  const campaign = await prisma.surveyCampaign.findUnique({ where: { id } });
  if (!campaign) throw notFound(ENTITY);
  if (campaign.status !== 'OPEN' || now < campaign.opensAt || now >= campaign.closesAt) {
    throw conflict('survey.notOpenForReminders', { status: campaign.status });
  }
  await startQueue();
  const quietSince = new Date(now.getTime() - MANUAL_REMINDER_GAP_MS);
  return prisma.$transaction(async (tx) => {
    // Re-checked under a share lock: a close committed meanwhile wins, and no reminder follows it.
    await tx.$queryRaw`SELECT id FROM "SurveyCampaign" WHERE id = ${id}::uuid FOR SHARE`;
    const current = await tx.surveyCampaign.findUniqueOrThrow({ where: { id }, select: { status: true } });
    if (current.status !== 'OPEN') throw conflict('survey.notOpenForReminders', { status: current.status });
    const rows = await tx.$queryRaw<{ id: string; email: string; customerName: string }[]>`
      UPDATE "SurveyInvitation" i SET "reminderCount" = i."reminderCount" + 1, "lastRemindedAt" = ${now}
      FROM "Customer" cu
      WHERE cu.id = i."customerId" AND i."campaignId" = ${id}::uuid AND i."respondedAt" IS NULL AND i.email IS NOT NULL
        AND i."sentAt" IS NOT NULL AND i."sentAt" <= ${quietSince} AND (i."lastRemindedAt" IS NULL OR i."lastRemindedAt" <= ${quietSince})
      RETURNING i.id, i.email, cu.name AS "customerName"`;
    const mails = invitationMails(
      'REMINDER',
      campaign,
      rows.map((r) => ({ invitationId: r.id, email: r.email, customerName: r.customerName })),
    );
    for (let i = 0; i < mails.length; i += 500) await enqueueMail(tx, 'customer', mails.slice(i, i + 500));
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: id,
      action: 'REMIND',
      message: activityMessage('survey.remindersSent', { count: rows.length }),
      changes: { reminded: rows.length },
    });
    return rows.length;
  }, LAUNCH_TX);
}
