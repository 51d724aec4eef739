import 'server-only';
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import type { ComplaintAction, EightDReport } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { prisma, type Tx } from '@/server/db';
import { badInput, conflict, forbidden, notFound } from '@/server/errors';
import { appendHistory } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { isUuid } from '../cursor';
import { WORK_STATES } from './complaint-workflow.rules';
import { zodFieldErrors } from '@/server/error-keys';
import { now as clockNow } from '@/server/clock';
import { activityMessage, noticeMessage } from '@/lib/activity';
import { notifyUsers } from '@/server/notify/notify';
import { formatLocal } from '@/server/mail/escalation-mail';
import { loadBusinessCalendar } from './business-calendar.service';

// The states in which actions and the 8D record may be edited (the workbench offers its controls by the same list).
const OPEN_STATES: readonly string[] = WORK_STATES;

/**
 * Staff who work a complaint: quality, its owner, or a handler of its responsible department; an API key with the
 * complaints:workflow scope (its service account works every complaint, as quality does).
 */
async function loadWorkableComplaint(tx: Tx, viewer: Viewer, interactionId: string) {
  requirePermission(viewer, 'interactions:read');
  if (viewer.kind === 'apiClient') requirePermission(viewer, 'complaints:workflow');
  else if (viewer.kind !== 'staff') throw forbidden('complaint.staffOnly');
  if (!isUuid(interactionId)) throw notFound('Interaction');
  const row = await tx.interaction.findUnique({ where: { id: interactionId } });
  if (!row || row.type !== 'COMPLAINT') throw notFound('Complaint');
  const works =
    viewer.kind === 'apiClient' ||
    viewer.role === 'QUALITY_MANAGER' ||
    row.ownerId === viewer.userId ||
    (viewer.role === 'DEPARTMENT_HANDLER' &&
      !!viewer.departmentId &&
      viewer.departmentId === row.responsibleDepartmentId);
  if (!works) throw forbidden('complaint.workRoles');
  if (!(OPEN_STATES as readonly string[]).includes(row.status))
    throw conflict('complaint.workClosedInState', { status: row.status }, { status: row.status });
  return row;
}

// Every action has an owner and a due date (SPEC §4: every step has a due time; IATF: who does what by when).
const ZAction = z.object({
  kind: z.enum(['CONTAINMENT', 'CORRECTIVE', 'PREVENTIVE']),
  description: z.string().trim().min(1).max(2000),
  ownerId: z.uuid(),
  dueAt: z.date(),
  status: z.enum(['OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED', 'CANCELLED']).nullish(),
});
type ActionData = z.infer<typeof ZAction>;

const isOpenAction = (status: string) => status === 'OPEN' || status === 'IN_PROGRESS';

/** The owner is an active staff member (not a customer's portal account). */
async function requireActionOwner(tx: Tx, ownerId: string): Promise<void> {
  const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { active: true, role: true } });
  if (!owner || !owner.active || owner.role === 'CUSTOMER')
    throw badInput('complaint.actionOwnerInvalid', { ownerId: 'complaint.actionOwnerInvalid' });
}

/** Tells an action's new owner (not someone who assigned it to themselves) what is theirs and by when. */
async function notifyActionOwner(
  tx: Tx,
  viewer: Viewer,
  complaint: { id: string; number: string },
  data: ActionData,
  timeZone: string,
): Promise<void> {
  if (viewer.kind === 'staff' && viewer.userId === data.ownerId) return;
  await notifyUsers(tx, [data.ownerId], {
    kind: 'ACTION_ASSIGNED',
    message: noticeMessage('notice.ACTION_ASSIGNED', {
      number: complaint.number,
      subject: data.description.slice(0, 80),
      due: formatLocal(data.dueAt, timeZone),
    }),
    entityType: 'Interaction',
    entityId: complaint.id,
  });
}

function parseAction(input: unknown) {
  const parsed = ZAction.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  return parsed.data;
}

export async function addComplaintAction(
  viewer: Viewer,
  interactionId: string,
  input: unknown,
  now = clockNow(),
): Promise<ComplaintAction> {
  const data = parseAction(input);
  // Before the transaction: the embedded database's one connection is the transaction's once it starts.
  const { timeZone } = await loadBusinessCalendar();
  return prisma.$transaction(async (tx) => {
    const complaint = await loadWorkableComplaint(tx, viewer, interactionId);
    await requireActionOwner(tx, data.ownerId);
    const status = data.status ?? 'OPEN';
    const action = await tx.complaintAction.create({
      data: {
        interactionId,
        kind: data.kind,
        description: data.description,
        ownerId: data.ownerId,
        dueAt: data.dueAt,
        status,
        completedAt: status === 'DONE' ? now : null,
        nextEscalationAt: isOpenAction(status) ? data.dueAt : null,
      },
    });
    if (isOpenAction(status)) await notifyActionOwner(tx, viewer, complaint, data, timeZone);
    await appendHistory(tx, viewer, {
      entityType: 'Interaction',
      entityId: interactionId,
      action: 'ACTION_ADDED',
      toState: status,
      message: activityMessage('complaint.actionAdded', { kind: data.kind }),
      comment: data.description,
    });
    return action;
  });
}

export async function updateComplaintAction(
  viewer: Viewer,
  id: string,
  version: number,
  input: unknown,
  now = clockNow(),
): Promise<ComplaintAction> {
  const data = parseAction(input);
  if (!isUuid(id)) throw notFound('ComplaintAction');
  const { timeZone } = await loadBusinessCalendar();
  return prisma.$transaction(async (tx) => {
    const before = await tx.complaintAction.findUnique({ where: { id } });
    if (!before) throw notFound('ComplaintAction');
    const complaint = await loadWorkableComplaint(tx, viewer, before.interactionId);
    if (data.ownerId !== before.ownerId) await requireActionOwner(tx, data.ownerId);
    const status = data.status ?? before.status;
    const dueMoved = before.dueAt?.getTime() !== data.dueAt.getTime();
    const [updated] = await tx.complaintAction.updateManyAndReturn({
      where: { id, version },
      data: {
        kind: data.kind,
        description: data.description,
        ownerId: data.ownerId,
        dueAt: data.dueAt,
        status,
        completedAt: status === 'DONE' || status === 'VERIFIED' ? (before.completedAt ?? now) : null,
        // Finished: nothing to escalate. A new due time: the sweep looks again from it. Else the sweep's own time.
        nextEscalationAt: !isOpenAction(status)
          ? null
          : dueMoved || !isOpenAction(before.status)
            ? data.dueAt
            : before.nextEscalationAt,
        version: { increment: 1 },
      },
    });
    if (!updated) throw conflict('complaint.actionStale', { currentVersion: before.version });
    if (isOpenAction(status) && data.ownerId !== before.ownerId)
      await notifyActionOwner(tx, viewer, complaint, data, timeZone);
    await appendHistory(tx, viewer, {
      entityType: 'Interaction',
      entityId: before.interactionId,
      action: 'ACTION_UPDATED',
      fromState: before.status,
      toState: status,
      comment: data.description,
    });
    return updated;
  });
}

const optionalText = z.string().trim().max(5000).nullish();
const ZEightD = z.object({
  d1Team: z.array(z.string().trim().min(1).max(100)).max(30).nullish(),
  d2Problem: optionalText,
  d3Containment: optionalText,
  d4RootCauseOccurrence: optionalText,
  d4RootCauseOutflow: optionalText,
  d5CorrectiveActions: optionalText,
  d6Verification: optionalText,
  d7Prevention: optionalText,
  fmeaUpdated: z.boolean().nullish(),
  controlPlanUpdated: z.boolean().nullish(),
  d8Recognition: optionalText,
});

/** Creates (version null) or updates (version checked) the complaint's 8D record. */
export async function saveEightD(
  viewer: Viewer,
  interactionId: string,
  version: number | null | undefined,
  input: unknown,
): Promise<EightDReport> {
  const parsed = ZEightD.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  const data = Object.fromEntries(
    Object.entries(parsed.data).filter(([, v]) => v !== undefined && v !== null),
  ) as Prisma.EightDReportUncheckedUpdateInput;
  return prisma.$transaction(async (tx) => {
    await loadWorkableComplaint(tx, viewer, interactionId);
    const existing = await tx.eightDReport.findUnique({ where: { interactionId } });
    if (!existing) {
      if (version != null) throw conflict('complaint.eightDMissing', { currentVersion: null });
      const created = await tx.eightDReport.create({
        data: { ...(data as Prisma.EightDReportUncheckedCreateInput), interactionId },
      });
      await appendHistory(tx, viewer, {
        entityType: 'Interaction',
        entityId: interactionId,
        action: 'EIGHT_D_CREATED',
      });
      return created;
    }
    if (version == null || version !== existing.version)
      throw conflict('complaint.eightDStale', { currentVersion: existing.version });
    const [updated] = await tx.eightDReport.updateManyAndReturn({
      where: { id: existing.id, version },
      data: { ...data, version: { increment: 1 } },
    });
    if (!updated) throw conflict('complaint.eightDStale', { currentVersion: existing.version + 1 });
    await appendHistory(tx, viewer, {
      entityType: 'Interaction',
      entityId: interactionId,
      action: 'EIGHT_D_UPDATED',
      changes: Object.keys(data),
    });
    return updated;
  });
}
