import 'server-only';
import type { ErrorKey } from '@/server/error-keys';
import { Prisma, type Callback } from '@/generated/prisma/client';
import type { CallbackReason } from '@/generated/prisma/enums';
import { can, requirePermission } from '@/server/auth/policies';
import { readCached } from '@/server/cache/read-cache';
import { now as clockNow } from '@/server/clock';
import { prisma, WRITE_TX_OPTIONS, type Tx } from '@/server/db';
import { badField, badInput, conflict, forbidden, notFound } from '@/server/errors';
import { appendHistory } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { applyCommand, loadForViewer, workflowActorOf } from '../complaints/complaint.service';
import { isUuid } from '../cursor';
import { keysetPage, type OrderKey } from '../keyset';
import { prepareCustomerMail } from '../interactions/customer-notify.service';
import { interactionReadScope } from '../interactions/interaction.scope';
import { registerStaffInteraction } from '../interactions/interaction.service';
import { parseRecordInput } from '../interactions/interaction.rules';
import {
  ASSIGNABLE_ROLES,
  CALLBACK_QUEUES,
  doneSince,
  dueSoonUntil,
  mayManage,
  mayRecord,
  parseCancelCallbackInput,
  parseCreateCallbackInput,
  parseReassignCallbackInput,
  parseRecordCallbackInput,
  planRecord,
  scoreSummary,
  type CallbackActor,
  type CallbackQueue,
} from './callback.rules';
import { pageSize } from '../pagination.rules';
import { completeObligationOfCallback } from '../key-account-obligations/key-account-obligation.service';
import { activityMessage } from '@/lib/activity';
import { emitCallbackEvent } from '../webhooks/webhook-payload.service';

/**
 * Callback tasks (SPEC §5 回访): work queues, planning key-account and periodic callbacks, handing tasks over, and
 * recording the callback script with the workflow step it implies — all in one transaction, version-checked, with an
 * append-only history on the task (entityType 'Callback') and on the complaint it follows up.
 *
 * Who: holders of callbacks:read list and read every task (customers never: a task is the company's own work, and
 * department handlers do not hold the permission); recording and managing need callbacks:write and the rules of
 * `mayRecord` / `mayManage` (the assignee, anyone of the desk for an unassigned task, a service manager).
 */

const ENTITY = 'Callback';

export type CallbackPage = {
  nodes: Callback[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};

export type CallbackFilter = {
  queue?: CallbackQueue | null;
  reason?: readonly CallbackReason[] | null;
  customerId?: string | null;
  assigneeId?: string | null;
};

/** Tasks are read by holders of callbacks:read; customers and department handlers are refused (the policy, again). */
const requireReader = (viewer: Viewer) => requirePermission(viewer, 'callbacks:read');

/** Whether the relation fields (Interaction.callbacks, Customer.callbacks) show tasks to this viewer at all. */
export const mayReadCallbacks = (viewer: Viewer) => viewer.kind !== 'customer' && can(viewer, 'callbacks:read');

/**
 * Who is writing: a staff member, or an API key with callbacks:write acting as its named service account (the other
 * system made the call — a call-centre platform, a CRM — and records it; completedBy and the history name the account).
 */
function writerOf(viewer: Viewer): CallbackActor {
  requirePermission(viewer, 'callbacks:write');
  if (viewer.kind === 'apiClient' && viewer.serviceAccountId)
    return { role: 'SERVICE_ACCOUNT', userId: viewer.serviceAccountId };
  if (viewer.kind !== 'staff') throw forbidden('callback.staffOnly');
  return { role: viewer.role, userId: viewer.userId };
}

// ───────────────────────────── reads ─────────────────────────────

const NOWHERE = '00000000-0000-0000-0000-000000000000';
// Pending queues earliest due first, DONE latest completed first (completedAt is set on every DONE task); id breaks
// ties, so pages never overlap.
const EARLIEST_DUE_FIRST: readonly OrderKey<'dueAt' | 'completedAt' | 'id'>[] = [
  { field: 'dueAt', direction: 'asc' },
  { field: 'id', direction: 'asc' },
];
const LATEST_DONE_FIRST: readonly OrderKey<'dueAt' | 'completedAt' | 'id'>[] = [
  { field: 'completedAt', direction: 'desc' },
  { field: 'id', direction: 'desc' },
];

/**
 * A work queue's condition written twice, side by side: as a Prisma `where` (the list and its total) and as SQL (all
 * five tab counts in one statement, `count(*) FILTER (WHERE …)`, which Prisma cannot express). Every condition is
 * backed by an index (status/dueAt, assignee/status/dueAt, status/completedAt); tests/integration/callbacks.test.ts
 * holds the two to the same answers.
 */
function queueCondition(
  viewer: Viewer,
  queue: CallbackQueue,
  now: Date,
): { where: Prisma.CallbackWhereInput; sql: Prisma.Sql } {
  switch (queue) {
    case 'MINE': {
      // Only people have tasks of their own; for an API client the queue is empty.
      const assigneeId = viewer.kind === 'staff' ? viewer.userId : NOWHERE;
      return {
        where: { status: 'PENDING', assigneeId },
        sql: Prisma.sql`("status" = 'PENDING' AND "assigneeId" = ${assigneeId}::uuid)`,
      };
    }
    case 'DUE_SOON': {
      const until = dueSoonUntil(now);
      return {
        where: { status: 'PENDING', dueAt: { gte: now, lte: until } },
        sql: Prisma.sql`("status" = 'PENDING' AND "dueAt" >= ${now} AND "dueAt" <= ${until})`,
      };
    }
    case 'OVERDUE':
      return {
        where: { status: 'PENDING', dueAt: { lt: now } },
        sql: Prisma.sql`("status" = 'PENDING' AND "dueAt" < ${now})`,
      };
    case 'PENDING':
      return { where: { status: 'PENDING' }, sql: Prisma.sql`"status" = 'PENDING'` };
    case 'DONE': {
      const since = doneSince(now);
      return {
        where: { status: 'DONE', completedAt: { gte: since } },
        sql: Prisma.sql`("status" = 'DONE' AND "completedAt" >= ${since})`,
      };
    }
  }
}

function filterWhere(viewer: Viewer, filter: CallbackFilter, now: Date): Prisma.CallbackWhereInput {
  const and: Prisma.CallbackWhereInput[] = [];
  if (filter.queue) and.push(queueCondition(viewer, filter.queue, now).where);
  if (filter.reason?.length) and.push({ reason: { in: [...filter.reason] } });
  if (filter.customerId) {
    if (!isUuid(filter.customerId)) throw badField('customerId', 'common.invalidId');
    and.push({ customerId: filter.customerId });
  }
  if (filter.assigneeId) {
    if (!isUuid(filter.assigneeId)) throw badField('assigneeId', 'common.invalidId');
    and.push({ assigneeId: filter.assigneeId });
  }
  return and.length ? { AND: and } : {};
}

/** One page: pending queues earliest due first, DONE latest completed first (id breaks ties, so pages never overlap). */
export async function listCallbacks(
  viewer: Viewer,
  args: { filter?: CallbackFilter | null; first?: number | null; after?: string | null },
  now: Date = clockNow(),
): Promise<CallbackPage> {
  requireReader(viewer);
  const first = pageSize(args.first);
  const filter = args.filter ?? {};
  const where = filterWhere(viewer, filter, now);
  const keys = filter.queue === 'DONE' ? LATEST_DONE_FIRST : EARLIEST_DUE_FIRST;
  // Keyset pagination (keyset.ts): Prisma's `cursor` would page the DONE order in memory, reading every task after it.
  return keysetPage(
    keys,
    { where, first, after: args.after },
    {
      cursor: (id, select) => prisma.callback.findUnique({ where: { id }, select }),
      rows: (query: Prisma.CallbackFindManyArgs) => prisma.callback.findMany(query),
      count: (query) => prisma.callback.count(query),
    },
  );
}

/**
 * How many tasks each queue holds, for the queue tabs: one statement for all five, kept a few seconds per viewer
 * (src/server/cache/read-cache.ts; only MINE depends on who asks).
 */
export async function callbackQueueCounts(
  viewer: Viewer,
  now: Date = clockNow(),
): Promise<{ queue: CallbackQueue; count: number }[]> {
  requireReader(viewer);
  const key = viewer.kind === 'staff' ? viewer.userId : viewer.kind;
  return readCached('callbackQueueCounts', key, () => countQueues(viewer, now));
}

async function countQueues(viewer: Viewer, now: Date) {
  const queues = CALLBACK_QUEUES.map((queue) => ({ queue, sql: queueCondition(viewer, queue, now).sql }));
  const counts = queues.map(
    ({ queue, sql }) => Prisma.sql`count(*) FILTER (WHERE ${sql}) AS ${Prisma.raw(`"${queue}"`)}`,
  );
  const [row] = await prisma.$queryRaw<Record<CallbackQueue, bigint>[]>`
    SELECT ${Prisma.join(counts)} FROM "Callback" WHERE ${Prisma.join(
      queues.map((q) => q.sql),
      ' OR ',
    )}`;
  return CALLBACK_QUEUES.map((queue) => ({ queue, count: Number(row![queue]) }));
}

export async function getCallback(viewer: Viewer, id: string): Promise<Callback> {
  requireReader(viewer);
  if (!isUuid(id)) throw notFound(ENTITY);
  const row = await prisma.callback.findUnique({ where: { id } });
  if (!row) throw notFound(ENTITY);
  return row;
}

/** Active service agents and managers: who a task may be assigned to (ASSIGNABLE_ROLES). */
export async function callbackAssignees(viewer: Viewer) {
  writerOf(viewer);
  return prisma.user.findMany({
    where: { active: true, role: { in: [...ASSIGNABLE_ROLES] } },
    orderBy: { name: 'asc' },
  });
}

// ───────────────────────────── writes ─────────────────────────────

async function assertAssignable(tx: Tx, assigneeId: string): Promise<void> {
  const user = await tx.user.findUnique({ where: { id: assigneeId }, select: { active: true, role: true } });
  if (!user || !user.active || !ASSIGNABLE_ROLES.includes(user.role as (typeof ASSIGNABLE_ROLES)[number])) {
    throw badField('assigneeId', 'callback.assigneeInvalid');
  }
}

function assertNotPast(dueAt: Date, now: Date): void {
  if (dueAt.getTime() < now.getTime()) throw badField('dueAt', 'callback.dueInPast');
}

/** Loads a task for a write by `actor`: NOT_FOUND, FORBIDDEN by the rule, CONFLICT on a stale version or a finished task. */
async function loadForWrite(
  tx: Tx,
  id: string,
  version: number,
  allowed: (task: Callback) => boolean,
  refusal: ErrorKey,
): Promise<Callback> {
  if (!isUuid(id)) throw notFound(ENTITY);
  const task = await tx.callback.findUnique({ where: { id } });
  if (!task) throw notFound(ENTITY);
  if (!allowed(task)) throw forbidden(refusal);
  if (task.version !== version) throw conflict('callback.stale', { currentVersion: task.version });
  if (task.status !== 'PENDING')
    throw conflict('callback.notPending', { currentVersion: task.version, status: task.status });
  return task;
}

/**
 * The version-guarded write that decides between concurrent writers of one task: exactly one matches, the others
 * (waiting on its row lock, then re-reading) match nothing and get CONFLICT before they have changed anything.
 */
async function claim(tx: Tx, task: Callback, data: Prisma.CallbackUncheckedUpdateManyInput): Promise<void> {
  const claimed = await tx.callback.updateMany({
    where: { id: task.id, version: task.version, status: 'PENDING' },
    data: { ...data, version: { increment: 1 } },
  });
  if (claimed.count === 0) throw conflict('callback.stale', { currentVersion: task.version + 1 });
}

/** Plans a key-account or periodic callback (SPEC §2 perks: periodic callbacks on a schedule; §5: periodic). */
export async function createCallback(viewer: Viewer, rawInput: unknown, now: Date = clockNow()): Promise<Callback> {
  const actor = writerOf(viewer);
  const input = parseCreateCallbackInput(rawInput);
  assertNotPast(input.dueAt, now);
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { archivedAt: true } });
    if (!customer) throw badField('customerId', 'callback.customerMissing');
    if (customer.archivedAt) throw badField('customerId', 'callback.customerArchived');
    // Unless someone else is named, the task is the creator's own — if the creator makes calls at all.
    const assigneeId =
      input.assigneeId ?? ((ASSIGNABLE_ROLES as readonly string[]).includes(actor.role) ? actor.userId : null);
    if (assigneeId) await assertAssignable(tx, assigneeId);
    const task = await tx.callback.create({
      data: {
        customerId: input.customerId,
        reason: input.reason,
        dueAt: input.dueAt,
        assigneeId,
        notes: input.notes ?? null,
      },
    });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: task.id,
      action: 'CREATE',
      toState: 'PENDING',
      comment: input.notes ?? null,
      changes: { reason: input.reason, dueAt: input.dueAt.toISOString(), assigneeId },
    });
    return task;
  });
}

/** Hands a pending task to someone else and/or moves its due time. */
export async function reassignCallback(
  viewer: Viewer,
  id: string,
  version: number,
  rawInput: { assigneeId?: string | null; dueAt?: Date | null },
  now: Date = clockNow(),
): Promise<Callback> {
  const actor = writerOf(viewer);
  const input = parseReassignCallbackInput(rawInput);
  if (input.dueAt) assertNotPast(input.dueAt, now);
  return prisma.$transaction(async (tx) => {
    const task = await loadForWrite(tx, id, version, (t) => mayManage(actor, t), 'callback.reassignNotAllowed');
    if (input.assigneeId) await assertAssignable(tx, input.assigneeId);
    const after = { assigneeId: input.assigneeId ?? task.assigneeId, dueAt: input.dueAt ?? task.dueAt };
    const changes: Record<string, { from: string | null; to: string | null }> = {};
    if (after.assigneeId !== task.assigneeId) changes.assigneeId = { from: task.assigneeId, to: after.assigneeId };
    if (after.dueAt.getTime() !== task.dueAt.getTime())
      changes.dueAt = { from: task.dueAt.toISOString(), to: after.dueAt.toISOString() };
    if (Object.keys(changes).length === 0) throw badField('assigneeId', 'callback.nothingChanged');
    await claim(tx, task, after);
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: task.id,
      action: 'REASSIGN',
      fromState: 'PENDING',
      toState: 'PENDING',
      changes,
    });
    return tx.callback.findUniqueOrThrow({ where: { id: task.id } });
  }, WRITE_TX_OPTIONS);
}

/**
 * Cancels a pending task, with the reason in its history. A resolved complaint's callback cannot be cancelled: it is
 * the complaint's follow-up (SPEC §4), so it is recorded — as unreachable while the customer cannot be reached.
 */
export async function cancelCallback(
  viewer: Viewer,
  id: string,
  version: number,
  rawReason: string,
): Promise<Callback> {
  const actor = writerOf(viewer);
  const { reason } = parseCancelCallbackInput({ reason: rawReason });
  return prisma.$transaction(async (tx) => {
    const task = await loadForWrite(tx, id, version, (t) => mayManage(actor, t), 'callback.cancelNotAllowed');
    if (task.reason === 'POST_RESOLUTION' && task.interactionId) {
      const complaint = await tx.interaction.findUnique({
        where: { id: task.interactionId },
        select: { status: true },
      });
      if (complaint?.status === 'RESOLVED') {
        throw badInput('callback.cancelBlockedByComplaint');
      }
    }
    await claim(tx, task, { status: 'CANCELLED' });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: task.id,
      action: 'CANCEL',
      fromState: 'PENDING',
      toState: 'CANCELLED',
      comment: reason,
    });
    return tx.callback.findUniqueOrThrow({ where: { id: task.id } });
  }, WRITE_TX_OPTIONS);
}

/**
 * Records the callback script [001 §6.2] and what it found, in one transaction:
 * - NO_PROBLEM: the task is done; a RESOLVED complaint it follows up moves to FOLLOW_UP_DONE (COMPLETE_FOLLOW_UP).
 * - REOPENED (post-resolution callbacks only): done, problem found, the complaint is reopened with the reason.
 * - NEW_COMPLAINT: done, problem found, a new complaint is registered by the viewer (channel PHONE, numbered like all
 *   intake, linked to the followed-up complaint); a RESOLVED followed-up complaint also completes its follow-up.
 * - UNREACHABLE: the task stays pending; the attempt is in the history.
 * The task's version is claimed first, so of N parallel recordings exactly one takes effect; the workflow step is
 * guarded by the complaint's own version, so a concurrent change of the complaint fails the whole recording.
 */
export async function recordCallback(
  viewer: Viewer,
  id: string,
  version: number,
  rawInput: unknown,
  now: Date = clockNow(),
): Promise<Callback> {
  const actor = writerOf(viewer);
  const input = parseRecordCallbackInput(rawInput);
  // A new complaint or a reopening tells the customer by mail, queued inside the transaction below.
  await prepareCustomerMail();
  return prisma.$transaction(async (tx) => {
    const task = await loadForWrite(tx, id, version, (t) => mayRecord(actor, t), 'callback.recordNotAllowed');
    const complaint = task.interactionId
      ? await tx.interaction.findFirst({
          where: { AND: [interactionReadScope(viewer), { id: task.interactionId }] },
          select: { id: true, number: true, status: true, contactName: true, contactPhone: true, contactEmail: true },
        })
      : null;
    const planned = planRecord(
      { reason: task.reason, complaintStatus: complaint?.status ?? null, hasCustomer: task.customerId !== null },
      input.outcome,
    );
    if (!planned.ok) throw badField(planned.field, planned.key);
    const { plan } = planned;
    const unreachable = input.outcome === 'UNREACHABLE';

    await claim(
      tx,
      task,
      unreachable
        ? // The last attempt's outcome shows on the pending task; its scores stay empty until someone is reached.
          { outcome: 'UNREACHABLE' }
        : {
            status: plan.status,
            outcome: input.outcome,
            problemFound: plan.problemFound,
            completedAt: now,
            completedById: actor.userId,
            accuracyScore: input.accuracyScore ?? null,
            timelinessScore: input.timelinessScore ?? null,
            attitudeScore: input.attitudeScore ?? null,
            otherDissatisfaction: input.otherDissatisfaction ?? null,
            suggestions: input.suggestions ?? null,
            // The call's notes; without any, the planning notes the task was created with stay.
            notes: input.notes ?? task.notes,
          },
    );

    // A key account's scheduled callback: its obligation is done with the task, and the next one is scheduled.
    if (!unreachable && task.reason === 'KEY_ACCOUNT') {
      await completeObligationOfCallback(
        tx,
        viewer,
        task.id,
        { completedById: actor.userId, note: input.notes ?? null },
        now,
      );
    }

    let created: { id: string; number: string } | null = null;
    if (plan.registerComplaint && input.newComplaint && task.customerId) {
      // The intake path every complaint takes (numbering, SLA due times, history), validated as staff intake is.
      const intake = parseRecordInput({
        type: 'COMPLAINT',
        channel: 'PHONE',
        customerId: task.customerId,
        subject: input.newComplaint.subject,
        description: input.newComplaint.description,
        contactName: complaint?.contactName ?? null,
        contactPhone: complaint?.contactPhone ?? null,
        contactEmail: complaint?.contactEmail ?? null,
      });
      created = await registerStaffInteraction(tx, viewer, intake, now, {
        sourceInteractionId: complaint?.id ?? null,
        message: complaint
          ? activityMessage('interaction.receivedFromCallback', { number: complaint.number })
          : activityMessage('interaction.receivedFromAnyCallback'),
      });
      await tx.callback.update({ where: { id: task.id }, data: { resultingInteractionId: created.id } });
    }

    const scores = scoreSummary(input);
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: task.id,
      action: unreachable ? 'UNREACHABLE' : 'RECORD',
      fromState: 'PENDING',
      toState: plan.status,
      comment: input.notes ?? null,
      message: unreachable ? (input.notes ? null : activityMessage('callback.unreachable')) : scores,
      changes: {
        outcome: input.outcome,
        ...(unreachable
          ? {}
          : {
              accuracyScore: input.accuracyScore ?? null,
              timelinessScore: input.timelinessScore ?? null,
              attitudeScore: input.attitudeScore ?? null,
              otherDissatisfaction: input.otherDissatisfaction ?? null,
              suggestions: input.suggestions ?? null,
            }),
        ...(created ? { resultingInteractionId: created.id, resultingNumber: created.number } : {}),
      },
    });

    if (complaint) {
      // On the complaint too: the customer's timeline shows that the callback took place (an unreachable attempt is
      // the company's own business).
      await appendHistory(tx, viewer, {
        entityType: 'Interaction',
        entityId: complaint.id,
        action: unreachable ? 'CALLBACK_UNREACHABLE' : 'CALLBACK_RECORDED',
        message: unreachable
          ? activityMessage('callback.onComplaintUnreachable')
          : input.outcome === 'NEW_COMPLAINT' && created
            ? activityMessage('callback.onComplaintNewComplaint', { number: created.number })
            : input.outcome === 'REOPENED'
              ? activityMessage('callback.onComplaintReopened')
              : activityMessage('callback.onComplaintDone'),
        changes: {
          callbackId: task.id,
          outcome: input.outcome,
          ...(created ? { resultingNumber: created.number } : {}),
        },
        visibleToCustomer: !unreachable,
      });
    }

    if (plan.workflow && complaint) {
      // Loaded now, after the claim: the state machine sees the task done, so the follow-up step is allowed.
      const row = await loadForViewer(tx, viewer, complaint.id);
      const reason = input.reopenReason ?? input.otherDissatisfaction ?? '';
      await applyCommand(
        tx,
        viewer,
        row,
        plan.workflow === 'REOPEN' ? { type: 'REOPEN', reason } : { type: 'COMPLETE_FOLLOW_UP' },
        // The reason is what the agent wrote (the comment); that the callback found it is the system's line.
        plan.workflow === 'REOPEN' ? { message: activityMessage('complaint.reopenedByCallback') } : {},
        now,
        // callbacks:write covers the step the recording implies, for a service account as for the desk.
        workflowActorOf(viewer),
      );
    }

    const recorded = await tx.callback.findUniqueOrThrow({ where: { id: task.id } });
    if (!unreachable) await emitCallbackEvent(tx, 'callback.done', recorded);
    return recorded;
  }, WRITE_TX_OPTIONS);
}
