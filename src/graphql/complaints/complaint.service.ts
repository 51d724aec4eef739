import 'server-only';
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import type { Interaction } from '@/generated/prisma/client';
import { can } from '@/server/auth/policies';
import { readSettingValue } from '@/server/config-cache';
import { prisma, type Db, type Tx } from '@/server/db';
import { badField, badInput, conflict, forbidden, notFound, unauthenticated } from '@/server/errors';
import { appendHistory } from '@/server/history';
import type { CustomerNoticeEvent } from '@/server/mail/customer-mail';
import { notifyCustomer, prepareCustomerMail } from '../interactions/customer-notify.service';
import { notifyStaffOfStep } from './complaint-staff-notify.service';
import type { Viewer } from '@/server/viewer';
import { isUuid } from '../cursor';
import { interactionReadScope } from '../interactions/interaction.scope';
import {
  availableCommands,
  blockedCommands,
  decide,
  DEFAULT_AUTHORITY,
  type ApprovalAuthority,
  type CommandType,
  type WorkflowActor,
  type WorkflowCommand,
  type WorkflowRecord,
  WORKFLOW_COMMENT_MAX,
} from './complaint-workflow.rules';
import { callbackDueAt } from './sla-clock.rules';
import { dueTimesFor, slaTargetsFor, stepDueAtAfter } from './sla.service';
import { now as clockNow } from '@/server/clock';
import { activityMessage, type ActivityMessage } from '@/lib/activity';
import { complaintStepEvent } from '../webhooks/webhook-events.rules';
import { emitInteractionEvent } from '../webhooks/webhook-payload.service';

/**
 * The workflow actor behind a viewer. An API client works complaints only with the complaints:workflow scope, as the
 * key's named service account (the user approvals, closures and the history name); without it, FORBIDDEN.
 */
function actorOf(viewer: Viewer): WorkflowActor {
  if (viewer.kind === 'apiClient' && !can(viewer, 'complaints:workflow')) throw forbidden('common.apiClientNoWorkflow');
  return workflowActorOf(viewer);
}

/**
 * The actor without the scope check, for a module whose own permission covers the step it implies: recording a
 * post-resolution callback (callbacks:write) completes the follow-up as it does for the desk.
 */
export function workflowActorOf(viewer: Viewer): WorkflowActor {
  switch (viewer.kind) {
    case 'staff':
      return { role: viewer.role, userId: viewer.userId, departmentId: viewer.departmentId };
    case 'customer':
      return { role: 'CUSTOMER', userId: viewer.userId, departmentId: null };
    case 'apiClient':
      // A key created before it had a service account (or whose account was removed) cannot act: nobody to name.
      if (!viewer.serviceAccountId) throw forbidden('common.apiClientNoWorkflow');
      return { role: 'SERVICE_ACCOUNT', userId: viewer.serviceAccountId, departmentId: null };
    case 'anonymous':
      throw unauthenticated();
  }
}

/** Whether the viewer takes workflow steps at all (staff, customers, API keys with complaints:workflow). */
const takesSteps = (viewer: Viewer) =>
  viewer.kind === 'staff' ||
  viewer.kind === 'customer' ||
  (viewer.kind === 'apiClient' && !!viewer.serviceAccountId && can(viewer, 'complaints:workflow'));

type Reader = Tx | Db;

/** The active staff member who last triaged a record (from its history), if any. */
async function triagedBy(db: Reader, interactionId: string): Promise<string | null> {
  const entry = await db.historyEntry.findFirst({
    where: {
      entityType: 'Interaction',
      entityId: interactionId,
      action: 'TRIAGE',
      actor: { active: true, role: { not: 'CUSTOMER' } },
    },
    orderBy: { createdAt: 'desc' },
    select: { actorId: true },
  });
  return entry?.actorId ?? null;
}

/** 核决权限 (setting `approvalAuthority`, cached in process: config-cache.ts), or the default; `tx`: the caller's transaction. */
export async function loadApprovalAuthority(tx?: Tx): Promise<ApprovalAuthority> {
  return ((await readSettingValue('approvalAuthority', tx)) as ApprovalAuthority | null) ?? DEFAULT_AUTHORITY;
}

export const WITH_WORK = {
  actions: { select: { kind: true, status: true } },
  eightD: true,
  callbacks: { where: { status: 'PENDING', reason: 'POST_RESOLUTION' }, select: { id: true } },
} as const;
/** An interaction with what the state machine needs to decide (actions, 8D record, pending post-resolution callback). */
export type InteractionWithWork = Prisma.InteractionGetPayload<{ include: typeof WITH_WORK }>;

/** D1–D7 filled in: what a major or crisis complaint needs before its actions are planned. */
export function eightDComplete(report: InteractionWithWork['eightD']): boolean {
  if (!report) return false;
  const team = Array.isArray(report.d1Team) ? report.d1Team : [];
  const filled = (v: string | null) => !!v && v.trim().length > 0;
  return (
    team.length > 0 &&
    [
      report.d2Problem,
      report.d3Containment,
      report.d4RootCauseOccurrence,
      report.d4RootCauseOutflow,
      report.d5CorrectiveActions,
      report.d6Verification,
      report.d7Prevention,
    ].every(filled)
  );
}

export function workflowRecord(row: InteractionWithWork): WorkflowRecord {
  return {
    type: row.type,
    status: row.status,
    severity: row.severity,
    causeClass: row.causeClass,
    responsibleDepartmentId: row.responsibleDepartmentId,
    ownerId: row.ownerId,
    requires8D: row.requires8D,
    eightDComplete: eightDComplete(row.eightD),
    actions: row.actions,
    verifiedEffective:
      row.status === 'RESOLVED' || row.status === 'FOLLOW_UP_DONE' || row.status === 'CLOSED'
        ? row.resolvedAt !== null
        : false,
    customerFeedback: row.customerFeedback,
    callbackPending: row.callbacks.length > 0,
  };
}

/** Loads an interaction the viewer may act on; another organisation's record is NOT_FOUND. */
export async function loadForViewer(tx: Reader, viewer: Viewer, id: string): Promise<InteractionWithWork> {
  if (!isUuid(id)) throw notFound('Interaction');
  // The same read scope as everywhere: another organisation's record, or another department's for a handler, is NOT_FOUND.
  const row = await tx.interaction.findFirst({
    where: { AND: [interactionReadScope(viewer), { id }] },
    include: WITH_WORK,
  });
  if (!row) throw notFound('Interaction');
  return row;
}

/** What the viewer may do on this record now, and what it could do once a precondition is met (with the reason). */
export async function commandOptions(
  viewer: Viewer,
  interaction: Interaction,
): Promise<{ available: CommandType[]; blocked: ReturnType<typeof blockedCommands> }> {
  if (!takesSteps(viewer)) return { available: [], blocked: [] };
  const row = await loadForViewer(prisma, viewer, interaction.id);
  const [record, actor, authority] = [workflowRecord(row), actorOf(viewer), await loadApprovalAuthority()];
  return { available: availableCommands(record, actor, authority), blocked: blockedCommands(record, actor, authority) };
}

const ZComment = z.string().trim().max(WORKFLOW_COMMENT_MAX).nullish();

function parseComment(command: WorkflowCommand): string | null | undefined {
  const comment = ZComment.safeParse('comment' in command ? command.comment : null);
  if (!comment.success) throw badField('comment', 'validation.tooLong', { max: WORKFLOW_COMMENT_MAX });
  return comment.data;
}

/**
 * Runs one workflow command: decides by the state machine, then writes the new state with a version check (a stale
 * version gets CONFLICT), the timestamps and due times it implies, approvals, the callback task on resolution, and a
 * history entry — all in one transaction. A refused command changes nothing.
 */
export type CommandExtras = {
  warrantyOutcome?: 'REPAIR' | 'REPLACE' | 'REFUND' | null;
  /** What the system says about the step in its history entry (e.g. that a callback reopened the complaint). */
  message?: ActivityMessage;
};

export async function runCommand(
  viewer: Viewer,
  id: string,
  version: number,
  command: WorkflowCommand,
  extras: CommandExtras = {},
  now: Date = clockNow(),
): Promise<Interaction> {
  // Refused before any query, as before: API clients, anonymous visitors, an over-long comment.
  actorOf(viewer);
  parseComment(command);
  await prepareCustomerMail();
  return prisma.$transaction(async (tx) => {
    const row = await loadForViewer(tx, viewer, id);
    if (row.version !== version) throw conflict('complaint.stale', { currentVersion: row.version });
    return applyCommand(tx, viewer, row, command, extras, now);
  });
}

/**
 * The body of `runCommand` inside the caller's transaction, for a row the caller loaded with `loadForViewer` (and
 * whose version it checked, if it was given one): the callbacks module records a callback and takes the workflow
 * step it implies in one transaction. The caller starts the mail queue first (`prepareCustomerMail`), as the step
 * may queue the customer's mail. The write is still guarded by the row's version, so a concurrent change of the
 * interaction makes the whole transaction fail with CONFLICT.
 */
export async function applyCommand(
  tx: Tx,
  viewer: Viewer,
  row: InteractionWithWork,
  command: WorkflowCommand,
  extras: CommandExtras = {},
  now: Date = clockNow(),
  actor: WorkflowActor = actorOf(viewer),
): Promise<Interaction> {
  const comment = { data: parseComment(command) };
  const version = row.version;
  const authority = await loadApprovalAuthority(tx);
  const decision = decide(workflowRecord(row), command, actor, authority);
  if (!decision.ok) {
    if (decision.code === 'FORBIDDEN') throw forbidden(decision.key, decision.params);
    if (decision.code === 'INVALID_TRANSITION') throw conflict(decision.key, { status: row.status }, decision.params);
    throw badInput(decision.key, undefined, decision.params);
  }
  const { patch, to } = decision;
  const data: Prisma.InteractionUncheckedUpdateManyInput = { status: to, version: { increment: 1 } };
  if (patch.severity !== undefined) data.severity = patch.severity;
  if (patch.causeClass !== undefined) data.causeClass = patch.causeClass;
  if (patch.responsibleDepartmentId !== undefined) data.responsibleDepartmentId = patch.responsibleDepartmentId;
  if (patch.ownerId !== undefined) data.ownerId = patch.ownerId;
  if (patch.requires8D !== undefined) data.requires8D = patch.requires8D;
  if (patch.triageResult) data.triageResult = patch.triageResult;
  if (patch.declineReason) data.declineReason = patch.declineReason;
  if (patch.escalate) data.escalationLevel = { increment: 1 };
  // 三包 outcome, recorded when the verified disposition is a repair, replacement or refund.
  if (extras.warrantyOutcome !== undefined && command.type === 'VERIFY') data.warrantyOutcome = extras.warrantyOutcome;
  if (patch.customerFeedback !== undefined) {
    data.customerFeedback = patch.customerFeedback;
    data.customerFeedbackComment = comment.data ?? null;
  }

  // The customer's contact in the service team: the agent who registered the record, or for one the customer lodged,
  // who triaged it. Looked up only for the steps that need them (the callback task, a dispute).
  const resolving = to === 'RESOLVED' && row.status !== 'RESOLVED' && row.type === 'COMPLAINT';
  const disputing = command.type === 'CUSTOMER_FEEDBACK' && !command.accepted;
  const serviceContactId = row.registeredById ?? (resolving || disputing ? await triagedBy(tx, row.id) : null);

  if (command.type === 'TRIAGE') {
    data.triagedAt = now;
    const { resolutionDueAt } = await dueTimesFor(tx, {
      type: row.type,
      severity: command.severity,
      isKeyAccount: row.isKeyAccount,
      registeredAt: row.createdAt,
    });
    if (resolutionDueAt) data.resolutionDueAt = resolutionDueAt;
  }
  if (to === 'RESOLVED' && row.status !== 'RESOLVED') data.resolvedAt = now;
  // Every step that waits on someone has its own due time (issue 14): a new step starts its clock.
  if (row.type === 'COMPLAINT') {
    const severity = data.severity === undefined ? row.severity : (patch.severity ?? null);
    const stepDueAt = await stepDueAtAfter(
      tx,
      { type: row.type, severity, isKeyAccount: row.isKeyAccount },
      row.status,
      to,
      now,
    );
    if (stepDueAt !== undefined) data.stepDueAt = stepDueAt;
  }
  if (resolving) {
    const targets = await slaTargetsFor(tx, { type: row.type, severity: row.severity, isKeyAccount: row.isKeyAccount });
    const due = callbackDueAt(now, { callbackDays: targets?.callbackDays ?? 7 });
    data.callbackDueAt = due;
    // SPEC §5: a callback within 7 days of resolution, for the agent who registered the complaint — or, for one the
    // customer lodged, the service staff member who triaged it (the customer's first contact in the service team).
    const task = await tx.callback.create({
      data: {
        customerId: row.customerId,
        interactionId: row.id,
        reason: 'POST_RESOLUTION',
        dueAt: due,
        assigneeId: serviceContactId,
      },
    });
    await appendHistory(tx, viewer, {
      entityType: 'Callback',
      entityId: task.id,
      action: 'CREATE',
      toState: 'PENDING',
      message: activityMessage('complaint.resolvedCallbackCreated'),
    });
  }
  if (to === 'REOPENED') {
    data.resolvedAt = null;
    data.closedAt = null;
    // The pending callbacks follow up a resolution that no longer stands. Locked first, so one being recorded at this
    // moment is either recorded (and no longer pending here) or cancelled (and its recording gets CONFLICT on the
    // moved version) — never both; each keeps the why in its history.
    const pending = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Callback" WHERE "interactionId" = ${row.id}::uuid AND status = 'PENDING' FOR UPDATE`;
    await tx.callback.updateMany({
      where: { id: { in: pending.map((c) => c.id) } },
      data: { status: 'CANCELLED', version: { increment: 1 } },
    });
    for (const task of pending) {
      await appendHistory(tx, viewer, {
        entityType: 'Callback',
        entityId: task.id,
        action: 'CANCEL',
        fromState: 'PENDING',
        toState: 'CANCELLED',
        message: activityMessage('complaint.reopenedCallbackCancelled'),
      });
    }
  }
  if (to === 'CLOSED') {
    data.closedAt = now;
    if (actor.role !== 'CUSTOMER') data.closureConfirmedById = actor.userId;
  }
  if (command.type === 'APPROVE' || command.type === 'REJECT_PLAN') {
    await tx.approval.create({
      data: {
        interactionId: row.id,
        stage: 'DISPOSITION',
        decision: command.type === 'APPROVE' ? 'APPROVED' : 'REJECTED',
        approverId: actor.userId,
        comment: comment.data ?? null,
      },
    });
  }
  if (to === 'CLOSED' && row.type === 'COMPLAINT') {
    await tx.approval.create({
      data: {
        interactionId: row.id,
        stage: 'CLOSURE',
        decision: 'APPROVED',
        approverId: actor.userId,
        comment: comment.data ?? null,
      },
    });
  }

  // The version check and the write in one round trip; the row it returns is the command's answer.
  const [updated] = await tx.interaction.updateManyAndReturn({ where: { id: row.id, version }, data });
  if (!updated) throw conflict('complaint.stale', { currentVersion: version + 1 });
  const reason =
    command.type === 'DECLINE'
      ? command.reason
      : command.type === 'REOPEN'
        ? command.reason
        : command.type === 'ANSWER'
          ? command.answer
          : comment.data;
  await appendHistory(tx, viewer, {
    entityType: 'Interaction',
    entityId: row.id,
    action: command.type,
    fromState: row.status,
    toState: to,
    comment: reason ?? null,
    message: extras.message ?? null,
    visibleToCustomer: decision.visibleToCustomer,
  });
  await notifyStaffOfStep(
    tx,
    {
      interactionId: row.id,
      command: command.type,
      accepted: command.type === 'CUSTOMER_FEEDBACK' ? command.accepted : undefined,
      to,
      number: row.number,
      subject: row.subject,
      severity: patch.severity !== undefined ? patch.severity : row.severity,
      ownerId: patch.ownerId !== undefined ? patch.ownerId : row.ownerId,
      responsibleDepartmentId:
        patch.responsibleDepartmentId !== undefined ? patch.responsibleDepartmentId : row.responsibleDepartmentId,
      serviceContactId,
      escalated: patch.escalate === true,
    },
    authority,
    actor.userId || null,
  );
  const event = customerEventOf(command, to, actor.role);
  if (event) await notifyCustomer(tx, row, event, { at: now, detail: event === 'RESOLVED' ? null : reason });
  const hook = complaintStepEvent({ command: command.type, from: row.status, to, escalated: patch.escalate === true });
  if (hook && row.type === 'COMPLAINT')
    await emitInteractionEvent(tx, hook, updated, { from: row.status, step: command.type });
  return updated;
}

/**
 * The steps the customer hears about by mail (SPEC §3/§4): a declined requirement with its reason [000 §4.5], an
 * answer, a verified resolution to confirm, a reopening — the last not when the customer disputed it themselves.
 */
function customerEventOf(command: WorkflowCommand, to: string, role: string): CustomerNoticeEvent | null {
  if (command.type === 'DECLINE') return 'DECLINED';
  if (command.type === 'ANSWER') return 'ANSWERED';
  if (command.type === 'VERIFY' && to === 'RESOLVED') return 'RESOLVED';
  if (to === 'REOPENED' && role !== 'CUSTOMER') return 'REOPENED';
  return null;
}
