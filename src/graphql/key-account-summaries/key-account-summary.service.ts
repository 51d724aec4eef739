import 'server-only';
import type { KeyAccountExchangeSummary, Prisma } from '@/generated/prisma/client';
import type { ExchangeSummaryStatus } from '@/generated/prisma/enums';
import { TIME_ZONE } from '@/i18n/config';
import { activityMessage, noticeMessage } from '@/lib/activity';
import { appUrl } from '@/server/app-url';
import { requirePermission } from '@/server/auth/policies';
import { prisma, WRITE_TX_OPTIONS, type Tx } from '@/server/db';
import { badField, badInput, conflict, notFound } from '@/server/errors';
import { zodFieldErrors } from '@/server/error-keys';
import { appendHistory, diffFields } from '@/server/history';
import { keyAccountSummaryMail } from '@/server/mail/key-account-summary-mail';
import { notifyUsers } from '@/server/notify/notify';
import { enqueueMail, startQueue } from '@/server/queue/boss';
import { actingUserId, type Viewer } from '@/server/viewer';
import { isUuid } from '../cursor';
import { cursorArgs, pageOf, pageSize } from '../pagination.rules';
import {
  callbackFigures,
  complaintFigures,
  interactionFigures,
  isEditable,
  obligationFigures,
  satisfactionFigures,
  type SummaryFigures,
  ZUpdateSummaryInput,
} from './key-account-summary.rules';
import { summaryPeriod } from './summary-period.rules';

/**
 * 《客户服务交流信息》 (SPEC §2, [001 第五章 7.7] "客户服务部建立信息汇总渠道，对重要协议客户的检验需求和检验难点进行收集和分析
 * 并编制《客户服务交流信息》，定期报送给客户服务部部长及其他相关部门"): one per active key account and period. Generating it
 * counts the period's records into a snapshot (`figures`); while a draft the desk writes the needs, difficulties and
 * measures, chooses the recipient departments and may recount; issuing tells the service managers and the recipient
 * departments' staff (in-app and by mail, in the issuing transaction) and makes it read-only. Every step is
 * version-checked and written to the history (entityType 'KeyAccountExchangeSummary').
 *
 * Who: keyaccounts:read reads (the desk, quality, the executive, API keys with the scope); keyaccounts:write generates,
 * edits and issues. Customers and department handlers hold neither.
 */

const ENTITY = 'KeyAccountExchangeSummary';

export type SummaryPage = {
  rows: KeyAccountExchangeSummary[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
};

// ───────────────────────────── reads ─────────────────────────────

/** Newest first; filtered by customer (its unique index on customer and period) and status (status, createdAt). */
export async function listSummaries(
  viewer: Viewer,
  args: {
    customerId?: string | null;
    status?: ExchangeSummaryStatus | null;
    first?: number | null;
    after?: string | null;
  },
): Promise<SummaryPage> {
  requirePermission(viewer, 'keyaccounts:read');
  const first = pageSize(args.first);
  const where: Prisma.KeyAccountExchangeSummaryWhereInput = {};
  if (args.customerId) {
    if (!isUuid(args.customerId)) throw badField('customerId', 'common.invalidId');
    where.customerId = args.customerId;
  }
  if (args.status) where.status = args.status;
  const [rows, totalCount] = await Promise.all([
    prisma.keyAccountExchangeSummary.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      ...cursorArgs(first, args.after),
    }),
    prisma.keyAccountExchangeSummary.count({ where }),
  ]);
  return { ...pageOf(rows, first), totalCount };
}

export async function getSummary(viewer: Viewer, id: string): Promise<KeyAccountExchangeSummary> {
  requirePermission(viewer, 'keyaccounts:read');
  if (!isUuid(id)) throw notFound(ENTITY);
  const row = await prisma.keyAccountExchangeSummary.findUnique({ where: { id } });
  if (!row) throw notFound(ENTITY);
  return row;
}

/** Active key accounts, by name: whom a summary may be generated for. */
export async function summaryCustomers(viewer: Viewer) {
  requirePermission(viewer, 'keyaccounts:write');
  return prisma.customer.findMany({
    where: { keyAccountStatus: 'ACTIVE', archivedAt: null },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: 500,
  });
}

// ───────────────────────────── figures ─────────────────────────────

/**
 * The period's figures of one customer, read from the records as they stand at `now`: complaints and other intake
 * received in the period (index customerId, createdAt), callbacks done in it or still pending by its end, survey
 * responses submitted in it, and the key-account obligations open now.
 */
export async function computeFigures(
  db: Tx | typeof prisma,
  customerId: string,
  period: { start: Date; end: Date },
  now: Date,
): Promise<SummaryFigures> {
  const received = { customerId, createdAt: { gte: period.start, lt: period.end } };
  const [complaints, intake, callbacks, responses, obligations] = await Promise.all([
    db.interaction.findMany({
      where: { ...received, type: 'COMPLAINT' },
      select: { isOpenComplaint: true, severity: true, resolutionDueAt: true, resolvedAt: true },
    }),
    db.interaction.groupBy({
      by: ['type'],
      where: { ...received, type: { in: ['CONSULTATION', 'INQUIRY', 'SUGGESTION'] } },
      _count: { _all: true },
    }),
    db.callback.findMany({
      where: {
        customerId,
        OR: [
          { status: 'DONE', completedAt: { gte: period.start, lt: period.end } },
          { status: 'PENDING', dueAt: { lt: period.end } },
        ],
      },
      select: { status: true, dueAt: true, completedAt: true },
    }),
    db.surveyResponse.findMany({
      where: { customerId, submittedAt: { gte: period.start, lt: period.end } },
      select: { indexScore: true, lowScore: true },
    }),
    db.keyAccountObligation.findMany({
      where: { customerId, status: 'OPEN' },
      select: { id: true, kind: true, dueAt: true, note: true },
    }),
  ]);
  return {
    complaints: complaintFigures(complaints, now),
    interactions: interactionFigures(intake.map((g) => ({ type: g.type, count: g._count._all }))),
    callbacks: callbackFigures(callbacks, period, now),
    satisfaction: satisfactionFigures(responses),
    obligations: obligationFigures(obligations, now),
  };
}

const figuresJson = (figures: SummaryFigures) => figures as unknown as Prisma.InputJsonValue;

// ───────────────────────────── writes ─────────────────────────────

async function assertDepartments(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.department.count({ where: { id: { in: [...ids] } } });
  if (found !== ids.length) throw badField('recipientDepartmentIds', 'keyAccountSummary.departmentInvalid');
}

export async function generateSummary(
  viewer: Viewer,
  input: { customerId: string; period: string; recipientDepartmentIds?: readonly string[] | null },
  now: Date,
): Promise<KeyAccountExchangeSummary> {
  requirePermission(viewer, 'keyaccounts:write');
  if (!isUuid(input.customerId)) throw badField('customerId', 'common.invalidId');
  const period = summaryPeriod(input.period, TIME_ZONE);
  if (!period) throw badField('period', 'keyAccountSummary.periodFormat');
  const recipients = ZUpdateSummaryInput.shape.recipientDepartmentIds.safeParse(input.recipientDepartmentIds);
  if (!recipients.success) throw badInput('common.invalidInput', zodFieldErrors(recipients.error));
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({
      where: { id: input.customerId },
      select: { keyAccountStatus: true, archivedAt: true },
    });
    if (!customer) throw badField('customerId', 'common.invalidId');
    if (customer.keyAccountStatus !== 'ACTIVE' || customer.archivedAt)
      throw badField('customerId', 'keyAccountSummary.notKeyAccount');
    const existing = await tx.keyAccountExchangeSummary.findUnique({
      where: { customerId_period: { customerId: input.customerId, period: period.label } },
      select: { id: true, version: true, status: true },
    });
    if (existing)
      throw conflict('keyAccountSummary.exists', { currentVersion: existing.version, status: existing.status });
    await assertDepartments(tx, recipients.data ?? []);
    const summary = await tx.keyAccountExchangeSummary.create({
      data: {
        customerId: input.customerId,
        period: period.label,
        periodStart: period.start,
        periodEnd: period.end,
        figures: figuresJson(await computeFigures(tx, input.customerId, period, now)),
        figuresAt: now,
        recipientDepartmentIds: recipients.data ?? [],
      },
    });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: summary.id,
      action: 'CREATE',
      toState: 'DRAFT',
      message: activityMessage('keyAccountSummary.generated', { period: period.label }),
    });
    return summary;
  }, WRITE_TX_OPTIONS);
}

/** A draft for a write: NOT_FOUND, CONFLICT on a stale version or an issued summary; locked for the transaction. */
async function loadDraft(tx: Tx, id: string, version: number): Promise<KeyAccountExchangeSummary> {
  if (!isUuid(id)) throw notFound(ENTITY);
  await tx.$queryRaw`SELECT 1 FROM "KeyAccountExchangeSummary" WHERE id = ${id}::uuid FOR UPDATE`;
  const row = await tx.keyAccountExchangeSummary.findUnique({ where: { id } });
  if (!row) throw notFound(ENTITY);
  if (!isEditable(row.status))
    throw conflict('keyAccountSummary.notDraft', { currentVersion: row.version, status: row.status });
  if (row.version !== version) throw conflict('keyAccountSummary.stale', { currentVersion: row.version });
  return row;
}

export async function updateSummary(
  viewer: Viewer,
  id: string,
  version: number,
  input: unknown,
  recount: boolean,
  now: Date,
): Promise<KeyAccountExchangeSummary> {
  requirePermission(viewer, 'keyaccounts:write');
  const parsed = ZUpdateSummaryInput.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  const { recipientDepartmentIds, ...texts } = parsed.data;
  return prisma.$transaction(async (tx) => {
    const row = await loadDraft(tx, id, version);
    if (recipientDepartmentIds) await assertDepartments(tx, recipientDepartmentIds);
    // A field left out keeps its value; null or blank clears it.
    const next = {
      ...Object.fromEntries(Object.entries(texts).filter(([, value]) => value !== undefined)),
      ...(recipientDepartmentIds ? { recipientDepartmentIds } : {}),
    };
    const changes = diffFields(row, next);
    const figures = recount
      ? await computeFigures(tx, row.customerId, { start: row.periodStart, end: row.periodEnd }, now)
      : null;
    const updated = await tx.keyAccountExchangeSummary.update({
      where: { id },
      data: {
        ...next,
        ...(figures ? { figures: figuresJson(figures), figuresAt: now } : {}),
        version: { increment: 1 },
      },
    });
    if (Object.keys(changes).length > 0)
      await appendHistory(tx, viewer, {
        entityType: ENTITY,
        entityId: id,
        action: 'UPDATE',
        message: activityMessage('keyAccountSummary.updated'),
        changes: changes as Prisma.InputJsonValue,
      });
    if (figures)
      await appendHistory(tx, viewer, {
        entityType: ENTITY,
        entityId: id,
        action: 'RECOUNT',
        message: activityMessage('keyAccountSummary.regenerated', { period: row.period }),
      });
    return updated;
  }, WRITE_TX_OPTIONS);
}

/**
 * Issues a draft: the service managers and the active staff of the recipient departments (not the issuer) get an
 * in-app notice and one mail each on the staff queue, in the same transaction as the status change — no notice
 * without the issue, no issue without its mail queued.
 */
export async function issueSummary(
  viewer: Viewer,
  id: string,
  version: number,
  now: Date,
): Promise<KeyAccountExchangeSummary> {
  requirePermission(viewer, 'keyaccounts:write');
  await startQueue(); // before the transaction that enqueues mail (see enqueueMail)
  return prisma.$transaction(async (tx) => {
    const row = await loadDraft(tx, id, version);
    const issuerId = actingUserId(viewer);
    const [customer, recipients] = await Promise.all([
      tx.customer.findUniqueOrThrow({ where: { id: row.customerId }, select: { name: true } }),
      tx.user.findMany({
        where: {
          active: true,
          OR: [
            { role: 'SERVICE_MANAGER' },
            ...(row.recipientDepartmentIds.length
              ? [{ departmentId: { in: row.recipientDepartmentIds }, role: { not: 'CUSTOMER' as const } }]
              : []),
          ],
          ...(issuerId ? { id: { not: issuerId } } : {}),
        },
        select: { id: true, email: true, name: true },
        orderBy: { id: 'asc' },
      }),
    ]);
    const updated = await tx.keyAccountExchangeSummary.update({
      where: { id },
      data: { status: 'ISSUED', issuedAt: now, issuedById: issuerId, version: { increment: 1 } },
    });
    await notifyUsers(
      tx,
      recipients.map((r) => r.id),
      {
        kind: 'KEY_ACCOUNT_SUMMARY_ISSUED',
        message: noticeMessage('notice.KEY_ACCOUNT_SUMMARY_ISSUED', { customer: customer.name, period: row.period }),
        entityType: ENTITY,
        entityId: id,
      },
    );
    const mail = keyAccountSummaryMail({
      customerName: customer.name,
      period: row.period,
      figures: row.figures as unknown as SummaryFigures,
      customerNeeds: row.customerNeeds,
      difficulties: row.difficulties,
      measures: row.measures,
      url: appUrl(`/console/key-accounts/summaries/${id}`),
    });
    await enqueueMail(
      tx,
      'staff',
      recipients.map((r) => ({ to: r.email, ...mail, ref: `summary:${id}`, key: `summary:${id}:${r.id}` })),
    );
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: id,
      action: 'ISSUE',
      fromState: 'DRAFT',
      toState: 'ISSUED',
      message: activityMessage('keyAccountSummary.issued', { period: row.period, recipients: recipients.length }),
    });
    return updated;
  }, WRITE_TX_OPTIONS);
}
