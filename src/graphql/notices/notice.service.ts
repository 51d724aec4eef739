import 'server-only';
import type { Notice, NoticeReceipt, Prisma } from '@/generated/prisma/client';
import type { NoticeLevel, NoticeStatus } from '@/generated/prisma/enums';
import { activityMessage } from '@/lib/activity';
import { appUrl } from '@/server/app-url';
import { can, requirePermission } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { readSettingValue } from '@/server/config-cache';
import { prisma, WRITE_TX_OPTIONS, type Tx } from '@/server/db';
import { badField, conflict, forbidden, notFound, unauthenticated } from '@/server/errors';
import { appendHistory } from '@/server/history';
import { enqueueMail, startQueue } from '@/server/queue/boss';
import { claimPendingUpload } from '@/server/storage/pending-uploads';
import { storage } from '@/server/storage/storage';
import { actingUserId, type Viewer } from '@/server/viewer';
import { storeAttachmentFile, withFileCleanup, type FileWork } from '../interactions/interaction.service';
import { isUuid } from '../cursor';
import { keysetPage, NEWEST_FIRST } from '../keyset';
import { pageSize } from '../pagination.rules';
import { inAudience, readAudience, type AudienceCustomer, type NoticeAudience } from './notice-audience.rules';
import { sanitizeNoticeBody } from './notice-body.rules';
import { urgentNoticeMail } from './notice-mail.rules';
import {
  EDITABLE,
  isActive,
  levelRank,
  needsApproval,
  NOTICE_APPROVAL_SETTING,
  NOTICE_MAX_ATTACHMENTS,
  parseNoticeInput,
  readApprovalSetting,
  WITHDRAW_REASON_MAX,
  WITHDRAWABLE,
  type NoticeInputRaw,
} from './notice.rules';

/**
 * Notices to customers (SPEC §8 信息公告): written by the service desk (notices:write), urgent ones approved by the
 * service manager (notices:approve) when the setting `noticeApproval` asks for it, shown to their audience in the portal
 * from publishAt until expiresAt, read receipts per portal user (NoticeReceipt). Every write is version-checked and
 * leaves a history entry (entityType 'Notice') in its transaction; an urgent notice's mail is queued in the
 * transaction that publishes it (or, published for later, by the minute sweep once its time has come: mailDueNotices).
 */

const ENTITY = 'Notice';

export type NoticePage = {
  nodes: Notice[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};
export type NoticeFilter = { level?: readonly NoticeLevel[] | null; status?: readonly NoticeStatus[] | null };

type NoticeInputArg = {
  title: string;
  level: NoticeLevel;
  body: string;
  audience: {
    all?: boolean | null;
    provinces?: readonly string[] | null;
    industries?: readonly string[] | null;
    grades?: readonly string[] | null;
    keyAccountsOnly?: boolean | null;
    customerIds?: readonly string[] | null;
  };
  publishAt?: Date | null;
  expiresAt?: Date | null;
  attachmentTokens?: readonly string[] | null;
  removeAttachmentIds?: readonly string[] | null;
};

/** The author of a write: the staff member, or the API key's named service account (a key with notices:write). */
function writerOf(viewer: Viewer): { userId: string } {
  requirePermission(viewer, 'notices:write');
  const userId = actingUserId(viewer);
  if (!userId) throw forbidden('notice.staffOnly');
  return { userId };
}

function parseInput(input: NoticeInputArg) {
  const audience = Object.fromEntries(Object.entries(input.audience).filter(([, v]) => v !== null && v !== undefined));
  const parsed = parseNoticeInput({ ...input, audience } as NoticeInputRaw);
  return { ...parsed, body: sanitizeNoticeBody(parsed.body) };
}

/** The notice's own columns from a parsed input, as created and as edited (the attachments are written apart). */
function noticeColumns(data: ReturnType<typeof parseInput>) {
  return {
    title: data.title,
    level: data.level,
    body: data.body,
    audience: data.audience,
    publishAt: data.publishAt ?? null,
    expiresAt: data.expiresAt ?? null,
  };
}

/** The Prisma filter of an audience over customers: the same test as inAudience (notice-audience.rules.ts). */
export function audienceWhere(audience: NoticeAudience | null): Prisma.CustomerWhereInput {
  if (!audience) return { id: { in: [] } };
  if (audience.all) return {};
  const and: Prisma.CustomerWhereInput[] = [];
  if (audience.provinces.length) and.push({ province: { in: audience.provinces } });
  if (audience.industries.length) and.push({ industry: { in: audience.industries } });
  if (audience.grades.length) and.push({ grade: { in: audience.grades } });
  if (audience.keyAccountsOnly) and.push({ keyAccountStatus: 'ACTIVE' });
  const or: Prisma.CustomerWhereInput[] = [];
  if (audience.customerIds.length) or.push({ id: { in: audience.customerIds } });
  if (and.length) or.push({ AND: and });
  return or.length ? { OR: or } : { id: { in: [] } };
}

// ───────────────────────────── reads ─────────────────────────────

export async function listNotices(
  viewer: Viewer,
  args: { filter?: NoticeFilter | null; first?: number | null; after?: string | null },
): Promise<NoticePage> {
  requirePermission(viewer, 'notices:read');
  const first = pageSize(args.first);
  const where: Prisma.NoticeWhereInput = {};
  if (args.filter?.level?.length) where.level = { in: [...args.filter.level] };
  if (args.filter?.status?.length) where.status = { in: [...args.filter.status] };
  return keysetPage(
    NEWEST_FIRST,
    { where, first, after: args.after },
    {
      cursor: (id, select) => prisma.notice.findUnique({ where: { id }, select }),
      rows: (query: Prisma.NoticeFindManyArgs) => prisma.notice.findMany(query),
      count: (query) => prisma.notice.count(query),
    },
  );
}

const AUDIENCE_CUSTOMER = { id: true, province: true, industry: true, grade: true, keyAccountStatus: true } as const;

async function customerOf(viewer: Extract<Viewer, { kind: 'customer' }>): Promise<AudienceCustomer | null> {
  return prisma.customer.findUnique({ where: { id: viewer.customerId }, select: AUDIENCE_CUSTOMER });
}

/** Whether this customer viewer may see the notice now (active and in its audience). */
const visibleTo = (notice: Notice, customer: AudienceCustomer | null, now: Date) =>
  !!customer && isActive(notice, now) && inAudience(readAudience(notice.audience), customer);

/**
 * One notice. Staff and API clients with notices:read see any; a customer only an active notice of their audience —
 * anything else is NOT_FOUND (ids cannot be probed), and opening one records their read receipt.
 */
export async function getNotice(viewer: Viewer, id: string, now: Date = clockNow()): Promise<Notice | null> {
  if (!isUuid(id)) throw notFound('Notice');
  if (viewer.kind === 'customer') {
    const [notice, customer] = await Promise.all([prisma.notice.findUnique({ where: { id } }), customerOf(viewer)]);
    if (!notice || !visibleTo(notice, customer, now)) throw notFound('Notice');
    await recordReceipt(viewer, notice.id, now, false);
    return notice;
  }
  requirePermission(viewer, 'notices:read');
  const notice = await prisma.notice.findUnique({ where: { id } });
  if (!notice) throw notFound('Notice');
  return notice;
}

/** The signed-in customer's active notices: most urgent first, newest first within a level. */
export async function portalNotices(viewer: Viewer, now: Date = clockNow()): Promise<Notice[]> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (viewer.kind !== 'customer') throw forbidden('notice.customerOnly');
  const [rows, customer] = await Promise.all([
    // Index (status, publishAt); active notices are few, so the audience is tested here on each.
    prisma.notice.findMany({
      where: { status: 'PUBLISHED', publishAt: { lte: now }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      orderBy: [{ publishAt: 'desc' }, { id: 'desc' }],
      take: 200,
    }),
    customerOf(viewer),
  ]);
  return rows
    .filter((n) => visibleTo(n, customer, now))
    .sort((a, b) => levelRank(a.level) - levelRank(b.level) || b.publishAt!.getTime() - a.publishAt!.getTime());
}

async function recordReceipt(
  viewer: Extract<Viewer, { kind: 'customer' }>,
  noticeId: string,
  now: Date,
  acknowledge: boolean,
): Promise<NoticeReceipt> {
  return prisma.noticeReceipt.upsert({
    where: { noticeId_userId: { noticeId, userId: viewer.userId } },
    create: {
      noticeId,
      userId: viewer.userId,
      customerId: viewer.customerId,
      readAt: now,
      acknowledgedAt: acknowledge ? now : null,
    },
    update: acknowledge ? { acknowledgedAt: now } : {},
  });
}

export async function acknowledgeNotice(viewer: Viewer, id: string, now: Date = clockNow()): Promise<Notice> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (viewer.kind !== 'customer') throw forbidden('notice.customerOnly');
  if (!isUuid(id)) throw notFound('Notice');
  const [notice, customer] = await Promise.all([prisma.notice.findUnique({ where: { id } }), customerOf(viewer)]);
  if (!notice || !visibleTo(notice, customer, now)) throw notFound('Notice');
  const existing = await prisma.noticeReceipt.findUnique({
    where: { noticeId_userId: { noticeId: id, userId: viewer.userId } },
  });
  // The first acknowledgement counts; acknowledging again changes nothing.
  if (!existing?.acknowledgedAt) await recordReceipt(viewer, id, now, true);
  return notice;
}

// ───────────────────────────── reach and read rate ─────────────────────────────

export type NoticeStats = {
  reachCustomers: number;
  reachUsers: number;
  readers: number;
  acknowledged: number;
};

/**
 * Reach and readers of several notices at once (the stats loader): the customers' segment columns and their active
 * portal users are read once for the whole page, each audience tested in memory (the same rule as the portal's), and
 * the receipts counted in one grouped query.
 */
export async function noticeStatsBatch(notices: readonly Notice[]): Promise<NoticeStats[]> {
  if (notices.length === 0) return [];
  const ids = notices.map((n) => n.id);
  const [customers, users, receipts] = await Promise.all([
    prisma.customer.findMany({ where: { archivedAt: null }, select: AUDIENCE_CUSTOMER }),
    prisma.user.groupBy({
      by: ['customerId'],
      where: { role: 'CUSTOMER', active: true, customerId: { not: null } },
      _count: { _all: true },
    }),
    prisma.noticeReceipt.findMany({
      where: { noticeId: { in: ids } },
      select: { noticeId: true, customerId: true, acknowledgedAt: true },
    }),
  ]);
  const usersOf = new Map(users.map((u) => [u.customerId!, u._count._all]));
  return notices.map((notice) => {
    const audience = readAudience(notice.audience);
    const reached = customers.filter((c) => inAudience(audience, c));
    const reachedIds = new Set(reached.map((c) => c.id));
    const mine = receipts.filter((r) => r.noticeId === notice.id && r.customerId && reachedIds.has(r.customerId));
    return {
      reachCustomers: reached.length,
      reachUsers: reached.reduce((sum, c) => sum + (usersOf.get(c.id) ?? 0), 0),
      readers: mine.length,
      acknowledged: mine.filter((r) => r.acknowledgedAt).length,
    };
  });
}

// ───────────────────────────── writes ─────────────────────────────

async function approvalSetting(tx?: Tx) {
  return readApprovalSetting(await readSettingValue(NOTICE_APPROVAL_SETTING, tx));
}

export async function createNotice(viewer: Viewer, input: NoticeInputArg, now: Date = clockNow()): Promise<Notice> {
  const writer = writerOf(viewer);
  const data = parseInput(input);
  return withFileCleanup((files) =>
    prisma.$transaction(async (tx) => {
      const notice = await tx.notice.create({
        data: { ...noticeColumns(data), createdById: writer.userId, createdAt: now },
      });
      await appendHistory(tx, viewer, {
        entityType: ENTITY,
        entityId: notice.id,
        action: 'CREATE',
        toState: 'DRAFT',
        message: activityMessage('notices.created', { title: notice.title }),
      });
      await attachFiles(tx, viewer, notice.id, data, files);
      return notice;
    }, WRITE_TX_OPTIONS),
  );
}

/**
 * Attaches the uploads named by `attachmentTokens` to a notice (each claimed once, in the caller's transaction) and
 * removes `removeAttachmentIds`; at most NOTICE_MAX_ATTACHMENTS remain. The removed files are deleted from storage
 * after the commit (`files.removed`).
 */
async function attachFiles(
  tx: Tx,
  viewer: Viewer,
  noticeId: string,
  data: { attachmentTokens?: readonly string[] | null; removeAttachmentIds?: readonly string[] | null },
  files: FileWork,
) {
  const remove = data.removeAttachmentIds ?? [];
  if (remove.length) {
    const removed = await tx.attachment.findMany({ where: { noticeId, id: { in: [...remove] } } });
    await tx.attachment.deleteMany({ where: { id: { in: removed.map((a) => a.id) } } });
    files.removed.push(...removed.map((a) => a.storageKey));
  }
  const tokens = data.attachmentTokens ?? [];
  if (!tokens.length) return;
  const kept = await tx.attachment.count({ where: { noticeId } });
  if (kept + tokens.length > NOTICE_MAX_ATTACHMENTS)
    throw badField('attachmentTokens', 'notice.tooManyAttachments', { max: NOTICE_MAX_ATTACHMENTS });
  for (const token of tokens) {
    const claimed = await claimPendingUpload(tx, token);
    if (!claimed) throw badField('attachmentTokens', 'interaction.uploadExpired');
    files.claimed.push(claimed.id);
    await storeAttachmentFile(tx, viewer, { noticeId }, claimed, files);
  }
}

/** A notice's attachment, for whoever may read the notice (its audience while active, staff with notices:read). */
export async function readNoticeAttachment(viewer: Viewer, noticeId: string, attachmentId: string) {
  const notice = await getNotice(viewer, noticeId);
  if (!notice || !isUuid(attachmentId)) throw notFound('Attachment');
  const attachment = await prisma.attachment.findFirst({ where: { id: attachmentId, noticeId: notice.id } });
  if (!attachment) throw notFound('Attachment');
  const bytes = await storage().get(attachment.storageKey);
  if (!bytes) throw notFound('Attachment');
  return { attachment, bytes };
}

/** Loads a notice for a write: NOT_FOUND, CONFLICT on a stale version or a status the step does not start from. */
async function loadForWrite(tx: Tx, id: string, version: number, from: readonly NoticeStatus[]): Promise<Notice> {
  if (!isUuid(id)) throw notFound('Notice');
  const notice = await tx.notice.findUnique({ where: { id } });
  if (!notice) throw notFound('Notice');
  if (notice.version !== version) throw conflict('notice.stale', { currentVersion: notice.version });
  if (!from.includes(notice.status))
    throw conflict('notice.wrongStatus', { currentVersion: notice.version, status: notice.status });
  return notice;
}

/** The version-guarded write: of concurrent writers exactly one matches, the others get CONFLICT. */
async function claim(tx: Tx, notice: Notice, data: Prisma.NoticeUncheckedUpdateManyInput): Promise<Notice> {
  const claimed = await tx.notice.updateMany({
    where: { id: notice.id, version: notice.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (claimed.count === 0) throw conflict('notice.stale', { currentVersion: notice.version + 1 });
  return tx.notice.findUniqueOrThrow({ where: { id: notice.id } });
}

export async function updateNotice(
  viewer: Viewer,
  id: string,
  version: number,
  input: NoticeInputArg,
  now: Date = clockNow(),
): Promise<Notice> {
  writerOf(viewer);
  const data = parseInput(input);
  await startQueue();
  return withFileCleanup((files) =>
    prisma.$transaction(async (tx) => {
      const notice = await loadForWrite(tx, id, version, EDITABLE);
      // A notice waiting for approval that is no longer urgent (or no longer needs approval) is published as it stands.
      const publishNow = notice.status === 'PENDING_APPROVAL' && !needsApproval(data.level, await approvalSetting(tx));
      let updated = await claim(tx, notice, noticeColumns(data));
      await appendHistory(tx, viewer, {
        entityType: ENTITY,
        entityId: notice.id,
        action: 'UPDATE',
        message: activityMessage('notices.updated', { title: updated.title }),
      });
      await attachFiles(tx, viewer, notice.id, data, files);
      if (publishNow) updated = await publish(tx, viewer, updated, now);
      return updated;
    }, WRITE_TX_OPTIONS),
  );
}

/** Publishes (status PUBLISHED; shown from publishAt, now when none) and queues an urgent notice's mail when due. */
async function publish(tx: Tx, viewer: Viewer, notice: Notice, now: Date): Promise<Notice> {
  const publishAt = notice.publishAt ?? now;
  const published = await claim(tx, notice, { status: 'PUBLISHED', publishedAt: now, publishAt });
  await appendHistory(tx, viewer, {
    entityType: ENTITY,
    entityId: notice.id,
    action: 'PUBLISH',
    fromState: notice.status,
    toState: 'PUBLISHED',
    message: activityMessage('notices.published', { title: notice.title }),
  });
  if (published.level === 'URGENT' && publishAt.getTime() <= now.getTime()) await mailNotice(tx, published, now);
  return tx.notice.findUniqueOrThrow({ where: { id: notice.id } });
}

/**
 * Queues the urgent notice's mail to its audience — active portal users and contacts with an e-mail, each address
 * once — and marks it mailed, in the caller's transaction (the mail exists exactly when the publication does).
 */
async function mailNotice(tx: Tx, notice: Notice, now: Date): Promise<number> {
  const marked = await tx.notice.updateMany({ where: { id: notice.id, mailedAt: null }, data: { mailedAt: now } });
  if (marked.count === 0) return 0;
  const customers = { ...audienceWhere(readAudience(notice.audience)), archivedAt: null };
  const [users, contacts] = await Promise.all([
    tx.user.findMany({ where: { role: 'CUSTOMER', active: true, customer: customers }, select: { email: true } }),
    tx.contact.findMany({ where: { customer: customers, email: { not: null } }, select: { email: true } }),
  ]);
  const emails = [
    ...new Set([...users, ...contacts].map((r) => r.email?.trim().toLowerCase()).filter((e): e is string => !!e)),
  ];
  const mail = urgentNoticeMail({ title: notice.title, body: notice.body, url: appUrl('/portal/notices') });
  await enqueueMail(
    tx,
    'customer',
    emails.map((to) => ({ to, ...mail, ref: `notice:${notice.id}` })),
  );
  return emails.length;
}

/**
 * Urgent notices published for a later time are mailed once that time has come: called by the minute sweep
 * (src/server/queue/workers.ts). Each notice in its own transaction; mailedAt makes it once only.
 */
export async function mailDueNotices(now: Date = clockNow()): Promise<number> {
  const due = await prisma.notice.findMany({
    where: { status: 'PUBLISHED', level: 'URGENT', mailedAt: null, publishAt: { lte: now } },
    take: 50,
  });
  let mailed = 0;
  for (const notice of due) {
    if (notice.expiresAt && notice.expiresAt.getTime() <= now.getTime()) continue;
    mailed += await prisma.$transaction((tx) => mailNotice(tx, notice, now), WRITE_TX_OPTIONS);
  }
  return mailed;
}

export async function submitNotice(viewer: Viewer, id: string, version: number, now: Date = clockNow()) {
  writerOf(viewer);
  await startQueue();
  return prisma.$transaction(async (tx) => {
    const notice = await loadForWrite(tx, id, version, ['DRAFT']);
    if (notice.expiresAt && notice.expiresAt.getTime() <= now.getTime())
      throw badField('expiresAt', 'notice.alreadyExpired');
    if (!needsApproval(notice.level, await approvalSetting(tx))) return publish(tx, viewer, notice, now);
    const pending = await claim(tx, notice, { status: 'PENDING_APPROVAL', submittedAt: now });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: notice.id,
      action: 'SUBMIT',
      fromState: 'DRAFT',
      toState: 'PENDING_APPROVAL',
      message: activityMessage('notices.submitted', { title: notice.title }),
    });
    return pending;
  }, WRITE_TX_OPTIONS);
}

export async function approveNotice(viewer: Viewer, id: string, version: number, now: Date = clockNow()) {
  requirePermission(viewer, 'notices:approve');
  // The approver named on the notice: the manager, or the API key's service account (a key without one may not).
  const approverId = actingUserId(viewer);
  if (!approverId) throw forbidden('notice.staffOnly');
  await startQueue();
  return prisma.$transaction(async (tx) => {
    const notice = await loadForWrite(tx, id, version, ['PENDING_APPROVAL']);
    const approved = await claim(tx, notice, { approvedById: approverId, approvedAt: now });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: notice.id,
      action: 'APPROVE',
      message: activityMessage('notices.approved', { title: notice.title }),
    });
    return publish(tx, viewer, approved, now);
  }, WRITE_TX_OPTIONS);
}

export async function withdrawNotice(
  viewer: Viewer,
  id: string,
  version: number,
  reason: string | null | undefined,
  now: Date = clockNow(),
) {
  // The desk withdraws its notices; the service manager may withdraw one it was asked to approve.
  if (!can(viewer, 'notices:approve')) writerOf(viewer);
  if (!actingUserId(viewer)) throw forbidden('notice.staffOnly');
  const comment = reason?.trim() || null;
  if (comment && comment.length > WITHDRAW_REASON_MAX)
    throw badField('reason', 'validation.tooLong', { max: WITHDRAW_REASON_MAX });
  return prisma.$transaction(async (tx) => {
    const notice = await loadForWrite(tx, id, version, WITHDRAWABLE);
    const withdrawn = await claim(tx, notice, { status: 'WITHDRAWN', withdrawnAt: now });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: notice.id,
      action: 'WITHDRAW',
      fromState: notice.status,
      toState: 'WITHDRAWN',
      comment,
      message: activityMessage('notices.withdrawn', { title: notice.title }),
    });
    return withdrawn;
  }, WRITE_TX_OPTIONS);
}

/** Whether the viewer may edit / approve this notice now (the UI offers exactly what the service accepts). */
export const viewerCanEdit = (viewer: Viewer, n: Notice) =>
  viewer.kind === 'staff' && can(viewer, 'notices:write') && EDITABLE.includes(n.status);
export const viewerCanApprove = (viewer: Viewer, n: Notice) =>
  !!actingUserId(viewer) && can(viewer, 'notices:approve') && n.status === 'PENDING_APPROVAL';
