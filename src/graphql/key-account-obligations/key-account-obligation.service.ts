import 'server-only';
import { addDays } from 'date-fns';
import { Prisma, type KeyAccountObligation } from '@/generated/prisma/client';
import type { ObligationKind, ObligationStatus } from '@/generated/prisma/enums';
import { requirePermission } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { prisma, WRITE_TX_OPTIONS, type Tx } from '@/server/db';
import { claimPendingUpload } from '@/server/storage/pending-uploads';
import { storage } from '@/server/storage/storage';
import { badField, badInput, conflict, forbidden, notFound } from '@/server/errors';
import { appendHistory, historyRow, type HistoryInput } from '@/server/history';
import { activeServiceManagerIds, notifyUsers } from '@/server/notify/notify';
import { actingUserId, type Viewer } from '@/server/viewer';
import { activityMessage, noticeMessage } from '@/lib/activity';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import { storeAttachmentFile, withFileCleanup } from '../interactions/interaction.service';
import { isUuid } from '../cursor';
import { keysetPage, type OrderKey } from '../keyset';
import { pageSize } from '../pagination.rules';
import { storeSetting } from '../service-rules/service-rules.service';
import {
  OBLIGATION_NOTE_MAX,
  OBLIGATION_SCHEDULE_SETTING,
  dueObligationLevels,
  firstDueAt,
  isCallbackKind,
  nextDueAt,
  parseSchedules,
  schedulesOf,
  type ObligationKindName,
  type ObligationSchedules,
  type ScheduleInputRow,
  type ScheduleUnit,
} from './obligation-schedule.rules';

/**
 * Key-account obligations as scheduled work (SPEC §2 perks, §5 callbacks on a key account's schedule; 001 第五章
 * §7.2–7.7): when a customer becomes an ACTIVE key account, the first occurrence of each scheduled kind is created;
 * completing one (who, when, note) creates the next; a CALLBACK obligation is carried by a Callback task (reason
 * KEY_ACCOUNT) and is done when that task is recorded through the callback script; overdue obligations escalate
 * through the escalation sweep, once per level. Every change has a history entry (entityType 'KeyAccountObligation').
 *
 * Who: keyaccounts:read lists and reads; keyaccounts:write completes, reschedules and requests quality reports (staff
 * only: the work is done by people); the schedules are service rules (settings:read / settings:manage). Customers
 * never see obligations: they are the company's own work plan, like callback tasks.
 */

const ENTITY = 'KeyAccountObligation';
/** The escalation reason of an overdue obligation (Escalation.reason). */
export const OBLIGATION_OVERDUE = 'OBLIGATION_OVERDUE';

type Actor = Viewer | null;

async function history(tx: Tx, actor: Actor, entry: HistoryInput): Promise<void> {
  if (actor) await appendHistory(tx, actor, entry);
  else await tx.historyEntry.create({ data: { ...historyRow(entry), actorId: null, actorLabel: 'system' } });
}

// ───────────────────────────── schedules (a service rule) ─────────────────────────────

async function readScheduleSetting(db: Tx | typeof prisma) {
  const row = await db.setting.findUnique({ where: { key: OBLIGATION_SCHEDULE_SETTING } });
  return { schedules: schedulesOf(row?.value ?? null), version: row?.version ?? 0 };
}

const timeZoneOf = async (tx: Tx) => (await loadBusinessCalendar(tx)).timeZone;

export type ScheduleView = {
  version: number;
  rows: { kind: ObligationKindName; every: number | null; unit: ScheduleUnit | null }[];
};

function scheduleView(schedules: ObligationSchedules, version: number): ScheduleView {
  return {
    version,
    rows: (Object.keys(schedules) as ObligationKindName[]).map((kind) => ({
      kind,
      every: schedules[kind]?.every ?? null,
      unit: schedules[kind]?.unit ?? null,
    })),
  };
}

export async function getObligationSchedule(viewer: Viewer): Promise<ScheduleView> {
  requirePermission(viewer, 'settings:read');
  const { schedules, version } = await readScheduleSetting(prisma);
  return scheduleView(schedules, version);
}

/** Changes the schedules (the service manager, in the service rules); applies to occurrences scheduled from now on. */
export async function updateObligationSchedule(
  viewer: Viewer,
  version: number,
  rows: readonly ScheduleInputRow[],
): Promise<ScheduleView> {
  requirePermission(viewer, 'settings:manage');
  return prisma.$transaction(async (tx) => {
    const current = await readScheduleSetting(tx);
    if (current.version !== version)
      throw conflict('keyAccountObligation.scheduleStale', { currentVersion: current.version });
    const parsed = parseSchedules(rows, current.schedules);
    if (!parsed.ok) throw badField('rows', 'keyAccountObligation.scheduleInvalid', { kind: parsed.kind });
    const saved = await storeSetting(tx, viewer, {
      key: OBLIGATION_SCHEDULE_SETTING,
      version,
      value: parsed.schedules as unknown as Prisma.InputJsonValue,
      changes: { from: current.schedules, to: parsed.schedules } as unknown as Prisma.InputJsonValue,
      stale: (currentVersion) => conflict('keyAccountObligation.scheduleStale', { currentVersion }),
    });
    return scheduleView(parsed.schedules, saved);
  }, WRITE_TX_OPTIONS);
}

// ───────────────────────────── creating occurrences ─────────────────────────────

type Occurrence = {
  customerId: string;
  ownerId: string | null;
  nominationId: string | null;
  kind: ObligationKind;
  dueAt: Date;
  note?: string | null;
};

/** One occurrence; a CALLBACK one with its Callback task (reason KEY_ACCOUNT, assigned to the owner). */
async function createOccurrence(tx: Tx, actor: Actor, o: Occurrence): Promise<KeyAccountObligation> {
  let callbackId: string | null = null;
  if (isCallbackKind(o.kind)) {
    const task = await tx.callback.create({
      data: { customerId: o.customerId, reason: 'KEY_ACCOUNT', dueAt: o.dueAt, assigneeId: o.ownerId },
    });
    callbackId = task.id;
    await history(tx, actor, {
      entityType: 'Callback',
      entityId: task.id,
      action: 'CREATE',
      toState: 'PENDING',
      message: activityMessage('keyAccountObligation.callbackCreated'),
      changes: { reason: 'KEY_ACCOUNT', dueAt: o.dueAt.toISOString(), assigneeId: o.ownerId },
    });
  }
  const row = await tx.keyAccountObligation.create({
    data: {
      customerId: o.customerId,
      ownerId: o.ownerId,
      nominationId: o.nominationId,
      kind: o.kind,
      dueAt: o.dueAt,
      note: o.note ?? null,
      callbackId,
    },
  });
  await history(tx, actor, {
    entityType: ENTITY,
    entityId: row.id,
    action: 'CREATE',
    toState: 'OPEN',
    message: activityMessage('keyAccountObligation.created'),
    changes: { kind: o.kind, dueAt: o.dueAt.toISOString(), ownerId: o.ownerId, callbackId },
  });
  return row;
}

/**
 * Called in the transaction that makes a customer an ACTIVE key account (the nomination's approval): creates the
 * first due occurrence of each scheduled kind, one step after `activatedAt`. Kinds on request (no schedule) get none.
 * Idempotent per kind: a kind that still has an open occurrence for the customer is skipped.
 */
export async function createObligationsForKeyAccount(
  tx: Tx,
  input: { customerId: string; ownerId: string | null; nominationId: string | null; activatedAt: Date },
  actor: Actor = null,
): Promise<KeyAccountObligation[]> {
  const [{ schedules }, timeZone, open] = await Promise.all([
    readScheduleSetting(tx),
    timeZoneOf(tx),
    tx.keyAccountObligation.findMany({
      where: { customerId: input.customerId, status: 'OPEN' },
      select: { kind: true },
    }),
  ]);
  const openKinds = new Set(open.map((o) => o.kind));
  const created: KeyAccountObligation[] = [];
  for (const kind of Object.keys(schedules) as ObligationKindName[]) {
    const schedule = schedules[kind];
    if (!schedule || openKinds.has(kind)) continue;
    created.push(
      await createOccurrence(tx, actor, {
        customerId: input.customerId,
        ownerId: input.ownerId,
        nominationId: input.nominationId,
        kind,
        dueAt: firstDueAt(input.activatedAt, schedule, timeZone),
      }),
    );
  }
  return created;
}

/**
 * Called when a customer stops being a key account (revoked): every open obligation is cancelled, and the pending
 * callback task of a CALLBACK obligation with it. Returns how many were cancelled.
 */
export async function cancelOpenObligations(tx: Tx, customerId: string, actor: Actor = null): Promise<number> {
  const open = await tx.keyAccountObligation.findMany({ where: { customerId, status: 'OPEN' } });
  for (const o of open) {
    await tx.keyAccountObligation.update({
      where: { id: o.id },
      data: { status: 'CANCELLED', version: { increment: 1 } },
    });
    await history(tx, actor, {
      entityType: ENTITY,
      entityId: o.id,
      action: 'CANCEL',
      fromState: 'OPEN',
      toState: 'CANCELLED',
      message: activityMessage('keyAccountObligation.cancelled'),
    });
    if (o.callbackId) {
      const { count } = await tx.callback.updateMany({
        where: { id: o.callbackId, status: 'PENDING' },
        data: { status: 'CANCELLED', version: { increment: 1 } },
      });
      if (count > 0)
        await history(tx, actor, {
          entityType: 'Callback',
          entityId: o.callbackId,
          action: 'CANCEL',
          fromState: 'PENDING',
          toState: 'CANCELLED',
          message: activityMessage('keyAccountObligation.cancelled'),
        });
    }
  }
  return open.length;
}

// ───────────────────────────── writes by people ─────────────────────────────

/** Who completes or moves an obligation: the staff member, or the API key's named service account (none: refused). */
function writerOf(viewer: Viewer): { userId: string } {
  requirePermission(viewer, 'keyaccounts:write');
  const userId = actingUserId(viewer);
  if (!userId) throw forbidden('keyAccountObligation.staffOnly');
  return { userId };
}

function cleanText(value: string | null | undefined, field: string, required: boolean): string | null {
  const text = value?.trim() ?? '';
  if (!text) {
    if (required) throw badField(field, 'keyAccountObligation.reasonRequired');
    return null;
  }
  if (text.length > OBLIGATION_NOTE_MAX) throw badField(field, 'validation.tooLong', { max: OBLIGATION_NOTE_MAX });
  return text;
}

async function loadOpenForWrite(tx: Tx, id: string, version: number): Promise<KeyAccountObligation> {
  if (!isUuid(id)) throw notFound(ENTITY);
  const row = await tx.keyAccountObligation.findUnique({ where: { id } });
  if (!row) throw notFound(ENTITY);
  if (row.version !== version) throw conflict('keyAccountObligation.stale', { currentVersion: row.version });
  if (row.status !== 'OPEN')
    throw conflict('keyAccountObligation.notOpen', { currentVersion: row.version, status: row.status });
  return row;
}

/** The version-guarded write: of concurrent writers exactly one matches; the others get CONFLICT. */
async function claim(tx: Tx, row: KeyAccountObligation, data: Prisma.KeyAccountObligationUncheckedUpdateManyInput) {
  const { count } = await tx.keyAccountObligation.updateMany({
    where: { id: row.id, version: row.version, status: 'OPEN' },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw conflict('keyAccountObligation.stale', { currentVersion: row.version + 1 });
}

/** Marks an occurrence done and schedules the next one of its kind (if the kind has a schedule). */
async function finish(
  tx: Tx,
  actor: Viewer,
  row: KeyAccountObligation,
  done: { completedAt: Date; completedById: string; note: string | null },
  now: Date,
): Promise<KeyAccountObligation | null> {
  await claim(tx, row, { status: 'DONE', ...done, note: done.note ?? row.note });
  const [{ schedules }, timeZone] = await Promise.all([readScheduleSetting(tx), timeZoneOf(tx)]);
  const schedule = schedules[row.kind as ObligationKindName];
  const next = schedule
    ? await createOccurrence(tx, actor, {
        customerId: row.customerId,
        ownerId: row.ownerId,
        nominationId: row.nominationId,
        kind: row.kind,
        dueAt: nextDueAt(row.dueAt, now, schedule, timeZone),
      })
    : null;
  await appendHistory(tx, actor, {
    entityType: ENTITY,
    entityId: row.id,
    action: 'COMPLETE',
    fromState: 'OPEN',
    toState: 'DONE',
    comment: done.note,
    message: activityMessage('keyAccountObligation.completed'),
    changes: {
      completedAt: done.completedAt.toISOString(),
      ...(next ? { nextId: next.id, nextDueAt: next.dueAt.toISOString() } : {}),
    },
  });
  return next;
}

/**
 * Completes an open obligation: who (the viewer), when (`completedAt`, default now; not in the future), a note, and
 * optionally one file (`attachmentToken`: an upload from POST /api/uploads, claimed once in this transaction, stored
 * through the storage like a notice's attachments). A CALLBACK obligation is completed by recording its callback task
 * (the callback script), not here.
 */
export async function completeObligation(
  viewer: Viewer,
  id: string,
  version: number,
  input: { note?: string | null; completedAt?: Date | null; attachmentToken?: string | null },
  now: Date = clockNow(),
): Promise<KeyAccountObligation> {
  const { userId } = writerOf(viewer);
  const note = cleanText(input.note, 'note', false);
  const completedAt = input.completedAt ?? now;
  if (completedAt.getTime() > now.getTime()) throw badField('completedAt', 'keyAccountObligation.completedInFuture');
  const token = input.attachmentToken?.trim() || null;
  return withFileCleanup((files) =>
    prisma.$transaction(async (tx) => {
      const row = await loadOpenForWrite(tx, id, version);
      if (isCallbackKind(row.kind as ObligationKindName) && row.callbackId)
        throw badInput('keyAccountObligation.completeThroughCallback');
      await finish(tx, viewer, row, { completedAt, completedById: userId, note }, now);
      if (token) {
        const claimed = await claimPendingUpload(tx, token);
        if (!claimed) throw badField('attachmentToken', 'interaction.uploadExpired');
        files.claimed.push(claimed.id);
        await storeAttachmentFile(tx, viewer, { obligationId: row.id }, claimed, files);
      }
      return tx.keyAccountObligation.findUniqueOrThrow({ where: { id: row.id } });
    }, WRITE_TX_OPTIONS),
  );
}

/**
 * The file of an obligation's done record, for whoever may read obligations (staff with keyaccounts:read); NOT_FOUND
 * for everyone else (customers, roles and API keys without it) and for an attachment of another record, so ids cannot
 * be probed.
 */
export async function readObligationAttachment(viewer: Viewer, obligationId: string, attachmentId: string) {
  if (!mayReadObligations(viewer) || !isUuid(obligationId) || !isUuid(attachmentId)) throw notFound('Attachment');
  const attachment = await prisma.attachment.findFirst({ where: { id: attachmentId, obligationId } });
  if (!attachment) throw notFound('Attachment');
  const bytes = await storage().get(attachment.storageKey);
  if (!bytes) throw notFound('Attachment');
  return { attachment, bytes };
}

/**
 * Called by the callback flow (recordCallback) in its transaction when a task is recorded as reached: the CALLBACK
 * obligation it carries is done with the same who and when, and the next callback is scheduled.
 */
export async function completeObligationOfCallback(
  tx: Tx,
  viewer: Viewer,
  callbackId: string,
  done: { completedById: string; note: string | null },
  now: Date,
): Promise<void> {
  const row = await tx.keyAccountObligation.findUnique({ where: { callbackId } });
  if (!row || row.status !== 'OPEN') return;
  await finish(tx, viewer, row, { completedAt: now, ...done }, now);
}

/** Moves an open obligation's due time, with a reason; its callback task moves with it. */
export async function rescheduleObligation(
  viewer: Viewer,
  id: string,
  version: number,
  input: { dueAt: Date; reason: string },
  now: Date = clockNow(),
): Promise<KeyAccountObligation> {
  writerOf(viewer);
  const reason = cleanText(input.reason, 'reason', true)!;
  if (input.dueAt.getTime() < now.getTime()) throw badField('dueAt', 'keyAccountObligation.dueInPast');
  return prisma.$transaction(async (tx) => {
    const row = await loadOpenForWrite(tx, id, version);
    if (row.dueAt.getTime() === input.dueAt.getTime()) throw badField('dueAt', 'keyAccountObligation.nothingChanged');
    await claim(tx, row, { dueAt: input.dueAt, rescheduleReason: reason });
    if (row.callbackId) {
      await tx.callback.updateMany({
        where: { id: row.callbackId, status: 'PENDING' },
        data: { dueAt: input.dueAt, version: { increment: 1 } },
      });
    }
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: row.id,
      action: 'RESCHEDULE',
      fromState: 'OPEN',
      toState: 'OPEN',
      comment: reason,
      message: activityMessage('keyAccountObligation.rescheduled'),
      changes: { dueAt: { from: row.dueAt.toISOString(), to: input.dueAt.toISOString() } },
    });
    return tx.keyAccountObligation.findUniqueOrThrow({ where: { id: row.id } });
  }, WRITE_TX_OPTIONS);
}

/** Days a quality-analysis report is due after its request, unless the request names a date. */
const QUALITY_REPORT_DAYS = 14;

/** A free quality-analysis report on request (an ACTIVE key account's perk): an open QUALITY_REPORT obligation. */
export async function requestQualityReport(
  viewer: Viewer,
  input: { customerId: string; dueAt?: Date | null; note?: string | null },
  now: Date = clockNow(),
): Promise<KeyAccountObligation> {
  writerOf(viewer);
  if (!isUuid(input.customerId)) throw badField('customerId', 'common.invalidId');
  const note = cleanText(input.note, 'note', false);
  const dueAt = input.dueAt ?? addDays(now, QUALITY_REPORT_DAYS);
  if (dueAt.getTime() < now.getTime()) throw badField('dueAt', 'keyAccountObligation.dueInPast');
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({
      where: { id: input.customerId },
      select: { keyAccountStatus: true, ownerId: true },
    });
    if (!customer) throw badField('customerId', 'keyAccountObligation.customerMissing');
    if (customer.keyAccountStatus !== 'ACTIVE') throw badField('customerId', 'keyAccountObligation.notKeyAccount');
    return createOccurrence(tx, viewer, {
      customerId: input.customerId,
      ownerId: customer.ownerId,
      nominationId: null,
      kind: 'QUALITY_REPORT',
      dueAt,
      note,
    });
  }, WRITE_TX_OPTIONS);
}

// ───────────────────────────── reads ─────────────────────────────

export type ObligationFilter = {
  ownerId?: string | null;
  mine?: boolean | null;
  kind?: readonly ObligationKind[] | null;
  status?: readonly ObligationStatus[] | null;
  dueBefore?: Date | null;
  dueAfter?: Date | null;
  dueWithinDays?: number | null;
  overdue?: boolean | null;
  customerId?: string | null;
};

export type ObligationPage = {
  nodes: KeyAccountObligation[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};

const NOWHERE = '00000000-0000-0000-0000-000000000000';
const EARLIEST_DUE_FIRST: readonly OrderKey<'dueAt' | 'id'>[] = [
  { field: 'dueAt', direction: 'asc' },
  { field: 'id', direction: 'asc' },
];

function uuidOrThrow(value: string, field: string): string {
  if (!isUuid(value)) throw badField(field, 'common.invalidId');
  return value;
}

function filterWhere(viewer: Viewer, f: ObligationFilter, now: Date): Prisma.KeyAccountObligationWhereInput {
  const and: Prisma.KeyAccountObligationWhereInput[] = [];
  if (f.mine) and.push({ ownerId: viewer.kind === 'staff' ? viewer.userId : NOWHERE });
  if (f.ownerId) and.push({ ownerId: uuidOrThrow(f.ownerId, 'ownerId') });
  if (f.customerId) and.push({ customerId: uuidOrThrow(f.customerId, 'customerId') });
  if (f.kind?.length) and.push({ kind: { in: [...f.kind] } });
  if (f.overdue) and.push({ status: 'OPEN', dueAt: { lt: now } });
  else if (f.status?.length) and.push({ status: { in: [...f.status] } });
  if (f.dueAfter) and.push({ dueAt: { gte: f.dueAfter } });
  if (f.dueBefore) and.push({ dueAt: { lt: f.dueBefore } });
  if (f.dueWithinDays != null) {
    if (!Number.isInteger(f.dueWithinDays) || f.dueWithinDays < 0 || f.dueWithinDays > 366)
      throw badField('dueWithinDays', 'validation.invalid');
    and.push({ dueAt: { lt: addDays(now, f.dueWithinDays) } });
  }
  return and.length ? { AND: and } : {};
}

async function page(
  where: Prisma.KeyAccountObligationWhereInput,
  args: { first?: number | null; after?: string | null },
): Promise<ObligationPage> {
  const first = pageSize(args.first);
  return keysetPage(
    EARLIEST_DUE_FIRST,
    { where, first, after: args.after },
    {
      cursor: (id, select) => prisma.keyAccountObligation.findUnique({ where: { id }, select }),
      rows: (query: Prisma.KeyAccountObligationFindManyArgs) => prisma.keyAccountObligation.findMany(query),
      count: (query) => prisma.keyAccountObligation.count(query),
    },
  );
}

/** One page of obligations, earliest due first (id breaks ties). */
export async function listObligations(
  viewer: Viewer,
  args: { filter?: ObligationFilter | null; first?: number | null; after?: string | null },
  now: Date = clockNow(),
): Promise<ObligationPage> {
  requirePermission(viewer, 'keyaccounts:read');
  return page(filterWhere(viewer, args.filter ?? {}, now), args);
}

/** A customer's obligations (Customer.keyAccountObligations): open ones only, or all. */
export async function listCustomerObligations(
  customerId: string,
  args: { first?: number | null; after?: string | null; openOnly?: boolean | null },
): Promise<ObligationPage> {
  return page({ customerId, ...(args.openOnly ? { status: 'OPEN' as const } : {}) }, args);
}

export const mayReadObligations = (viewer: Viewer) => {
  try {
    requirePermission(viewer, 'keyaccounts:read');
    return viewer.kind !== 'customer';
  } catch {
    return false;
  }
};

// ───────────────────────────── overdue escalation (called by the escalation sweep) ─────────────────────────────

const SWEEP_PAGE = 500;

/**
 * Escalates overdue open obligations: level 1 to the owner at the due time (the service managers when it has no
 * active owner), level 2 to the service managers a week later. Each level once: the Escalation row's unique key
 * (obligationId, reason, level) lets one of concurrent sweeps take it, and `escalationLevel` keeps the candidates
 * query to the obligations with a level still to take. A CALLBACK obligation escalates through its callback task.
 * Each step notifies in-app and is written with its mail owed (`mailedAt` null): the sweep's end mails it with the
 * complaint steps, one mail per person (a digest when there are several).
 */
export async function sweepObligations(now: Date): Promise<{ escalations: number; notifications: number }> {
  const result = { escalations: 0, notifications: 0 };
  const managers = await activeServiceManagerIds(prisma);
  const { timeZone } = await loadBusinessCalendar();
  for (let afterId: string | null = null; ;) {
    const rows: {
      id: string;
      kind: ObligationKind;
      dueAt: Date;
      escalationLevel: number;
      ownerId: string | null;
      owner: { active: boolean } | null;
      customer: { name: string };
    }[] = await prisma.keyAccountObligation.findMany({
      where: {
        ...(afterId ? { id: { gt: afterId } } : {}),
        status: 'OPEN',
        dueAt: { lte: now },
        escalationLevel: { lt: 2 },
        NOT: { kind: 'CALLBACK', callbackId: { not: null } },
      },
      select: {
        id: true,
        kind: true,
        dueAt: true,
        escalationLevel: true,
        ownerId: true,
        owner: { select: { active: true } },
        customer: { select: { name: true } },
      },
      orderBy: { id: 'asc' },
      take: SWEEP_PAGE,
    });
    for (const row of rows) {
      for (const level of dueObligationLevels(row.dueAt, now, row.escalationLevel)) {
        const owner = row.ownerId && row.owner?.active ? [row.ownerId] : [];
        const recipients = level === 1 && owner.length ? owner : managers;
        try {
          const notified = await prisma.$transaction(async (tx) => {
            await tx.escalation.create({
              data: {
                obligationId: row.id,
                reason: OBLIGATION_OVERDUE,
                level,
                notifiedUserIds: recipients,
                // Owed a mail (queued at the end of the sweep, one digest per person); nobody to mail: nothing owed.
                mailedAt: recipients.length ? null : now,
              },
            });
            const count = await notifyUsers(tx, recipients, {
              kind: `ESCALATION_${OBLIGATION_OVERDUE}`,
              message: noticeMessage('notice.OBLIGATION_OVERDUE', {
                kind: row.kind,
                level,
                customer: row.customer.name,
                due: new Intl.DateTimeFormat('zh-CN', { timeZone, dateStyle: 'short' }).format(row.dueAt),
              }),
              entityType: ENTITY,
              entityId: row.id,
            });
            await tx.keyAccountObligation.updateMany({
              where: { id: row.id, escalationLevel: { lt: level } },
              data: { escalationLevel: level },
            });
            await history(tx, null, {
              entityType: ENTITY,
              entityId: row.id,
              action: 'ESCALATED',
              fromState: String(row.escalationLevel),
              toState: String(level),
              message: activityMessage('keyAccountObligation.escalated', { level }),
              changes: { reason: OBLIGATION_OVERDUE, level, notifiedUserIds: recipients },
            });
            return count;
          }, WRITE_TX_OPTIONS);
          result.escalations += 1;
          result.notifications += notified;
        } catch (error) {
          // Another sweep took this level first; anything else is retried by the next sweep.
          if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'))
            console.error(
              `[escalation] obligation ${row.id} level ${level} failed:`,
              error instanceof Error ? error.message : error,
            );
        }
      }
    }
    if (rows.length < SWEEP_PAGE) return result;
    afterId = rows[rows.length - 1]!.id;
  }
}
