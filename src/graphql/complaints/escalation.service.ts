import { Prisma } from '@/generated/prisma/client';
import type { InteractionStatus } from '@/generated/prisma/enums';
import { prisma, type Tx } from '@/server/db';
import { appUrl } from '@/server/app-url';
import { escalationNotice } from '@/server/mail/escalation-mail';
import { notifyUsers } from '@/server/notify/notify';
import { enqueueMail, startQueue, type MailJob } from '@/server/queue/boss';
import { loadBusinessCalendar } from './business-calendar';
import {
  DEFAULT_ESCALATION_POLICY,
  dueCallbackTaskEscalations,
  dueEscalations,
  isSettled,
  MAX_LEVEL,
  raisedLevel,
  recipientsFor,
  type EscalationPolicy,
  type EscalationStep,
} from './escalation.rules';
import { addBusinessHours, type BusinessCalendar } from './sla-clock.rules';
import { now as clockNow } from '@/server/clock';

/**
 * The escalation sweep (SPEC §4 处理逾期反应), run every minute by the `escalation-sweep` job and callable with any
 * `now` from tests. Each due step is taken in its own transaction that inserts the Escalation row first: the unique
 * index (interactionId, reason, level) lets exactly one of several concurrent sweeps take a step — the others get a
 * unique violation (P2002), roll back and skip it. The winner's transaction also writes the in-app notifications, the
 * history entry, the raised escalation level and the mail jobs, so they exist exactly when the Escalation row does.
 * Callback tasks that follow up no complaint (key-account, periodic, survey follow-ups) escalate the same way on their
 * own row key (callbackId, reason, level); a complaint's callbacks escalate through the complaint.
 */
export type SweepResult = { candidates: number; escalations: number; skipped: number; failed: number; notifications: number; mails: number };

const ALL_STATUSES: readonly InteractionStatus[] = [
  'REGISTERED', 'TRIAGED', 'INVESTIGATING', 'ACTION_PLANNED', 'PENDING_APPROVAL', 'IMPLEMENTING', 'VERIFYING',
  'RESOLVED', 'FOLLOW_UP_DONE', 'CLOSED', 'REJECTED', 'REOPENED',
];
const OPEN_STATUSES = ALL_STATUSES.filter((s) => !isSettled(s));

// The embedded database runs one transaction at a time: wait for a turn rather than fail at Prisma's 2 s default.
const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

const PAGE = 500;

type EscalationSetting = Partial<EscalationPolicy>;

async function loadPolicy(): Promise<EscalationPolicy> {
  const setting = await prisma.setting.findUnique({ where: { key: 'escalation' } });
  const value = (setting?.value ?? {}) as EscalationSetting;
  const positive = (n: unknown, fallback: number) => (typeof n === 'number' && n > 0 ? n : fallback);
  return {
    dueSoonHours: positive(value.dueSoonHours, DEFAULT_ESCALATION_POLICY.dueSoonHours),
    overduePeriodHours: positive(value.overduePeriodHours, DEFAULT_ESCALATION_POLICY.overduePeriodHours),
  };
}

export type SweepOptions = {
  /** Candidates read per query (default 500); the sweep pages through all of them. */
  pageSize?: number;
};

export async function runEscalationSweep(now: Date = clockNow(), options: SweepOptions = {}): Promise<SweepResult> {
  const pageSize = options.pageSize ?? PAGE;
  const [calendar, policy] = await Promise.all([loadBusinessCalendar(), loadPolicy()]);
  const dueSoonHorizon = addBusinessHours(now, policy.dueSoonHours, calendar);

  const result: SweepResult = { candidates: 0, escalations: 0, skipped: 0, failed: 0, notifications: 0, mails: 0 };

  const staff = await prisma.user.findMany({
    where: { active: true, role: { in: ['SERVICE_MANAGER', 'EXECUTIVE', 'QUALITY_MANAGER'] } },
    select: { id: true, role: true },
    orderBy: { id: 'asc' },
  });
  const byRole = (role: string) => staff.filter((u) => u.role === role).map((u) => u.id);

  // Page through every candidate: records waiting for their next level must not crowd out the rest.
  for (let afterId: string | null = null; ; ) {
    const candidates = await findCandidates(now, dueSoonHorizon, afterId, pageSize);
    result.candidates += candidates.length;
    await takeSteps(planSteps(candidates, now, calendar, policy, byRole), calendar.timeZone, result);
    if (candidates.length < pageSize) break;
    afterId = candidates[candidates.length - 1]?.id ?? null;
  }
  // Then the callback tasks that follow up no complaint, paged the same way.
  for (let afterId: string | null = null; ; ) {
    const tasks = await findCallbackTaskCandidates(now, afterId, pageSize);
    result.candidates += tasks.length;
    await takeSteps(planCallbackTaskSteps(tasks, now, calendar, policy, byRole), calendar.timeZone, result);
    if (tasks.length < pageSize) return result;
    afterId = tasks[tasks.length - 1]?.id ?? null;
  }
}

/** One step to take: on an interaction (which carries the escalation level) or on a callback task of its own. */
type PlannedStep = {
  target: { kind: 'interaction'; id: string } | { kind: 'callback'; id: string; previousLevel: number };
  /** The record as people know it: the interaction's number, or the callback's customer. */
  ref: string;
  subject: string;
  dueAt: Date | null;
  url: string | null;
  step: EscalationStep;
  recipients: string[];
};

function planSteps(candidates: Candidate[], now: Date, calendar: BusinessCalendar, policy: EscalationPolicy, byRole: (role: string) => string[]): PlannedStep[] {
  const planned: PlannedStep[] = [];
  for (const record of candidates) {
    const steps = dueEscalations(
      { ...record, pendingCallbackDueAts: record.callbacks.map((c) => c.dueAt) },
      now,
      calendar,
      record.escalations,
      policy,
    );
    for (const step of steps) {
      const recipients = recipientsFor(step, {
        ownerId: record.owner?.active ? record.ownerId : null,
        departmentHeadId: record.responsibleDepartment?.head?.active ? record.responsibleDepartment.headId : null,
        callbackAssigneeIds: record.callbacks.flatMap((c) => (c.assigneeId && c.dueAt <= now ? [c.assigneeId] : [])),
        serviceManagerIds: byRole('SERVICE_MANAGER'),
        executiveIds: byRole('EXECUTIVE'),
        qualityManagerIds: byRole('QUALITY_MANAGER'),
      });
      const dueAt =
        step.reason === 'TRIAGE_OVERDUE' ? record.triageDueAt
        : step.reason === 'CALLBACK_OVERDUE' ? (record.callbackDueAt ?? record.callbacks[0]?.dueAt ?? null)
        : record.resolutionDueAt;
      planned.push({ target: { kind: 'interaction', id: record.id }, ref: record.number, subject: record.subject, dueAt, url: consoleUrl(`/console/interactions/${record.id}`), step, recipients });
    }
  }
  return planned;
}

const CALLBACK_REASON_LABEL: Record<CallbackTaskCandidate['reason'], string> = {
  POST_RESOLUTION: '投诉回访',
  KEY_ACCOUNT: '重要客户回访',
  PERIODIC: '定期回访',
  SURVEY_FOLLOW_UP: '满意度调查回访',
};

function planCallbackTaskSteps(tasks: CallbackTaskCandidate[], now: Date, calendar: BusinessCalendar, policy: EscalationPolicy, byRole: (role: string) => string[]): PlannedStep[] {
  return tasks.flatMap((task) =>
    dueCallbackTaskEscalations(task, now, calendar, task.escalations, policy).map((step): PlannedStep => ({
      target: { kind: 'callback', id: task.id, previousLevel: Math.max(0, ...task.escalations.map((e) => e.level)) },
      ref: task.customer?.name ?? '回访任务',
      subject: CALLBACK_REASON_LABEL[task.reason],
      dueAt: task.dueAt,
      url: consoleUrl('/console/callbacks?queue=OVERDUE'),
      step,
      // No complaint, so no owner or department head: an unassigned task reaches the service managers.
      recipients: recipientsFor(step, {
        ownerId: null,
        departmentHeadId: null,
        callbackAssigneeIds: task.assigneeId && task.assignee?.active ? [task.assigneeId] : [],
        serviceManagerIds: byRole('SERVICE_MANAGER'),
        executiveIds: byRole('EXECUTIVE'),
        qualityManagerIds: byRole('QUALITY_MANAGER'),
      }),
    })),
  );
}

async function takeSteps(planned: PlannedStep[], timeZone: string, result: SweepResult): Promise<void> {
  if (planned.length === 0) return;
  await startQueue(); // before any transaction that enqueues mail (see enqueueMail)

  const recipientIds = [...new Set(planned.flatMap((p) => p.recipients))];
  const users = await prisma.user.findMany({ where: { id: { in: recipientIds }, active: true }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((u) => [u.id, u.email]));

  for (const { target, ref, subject, dueAt, url, step, recipients } of planned) {
    const notifiedUserIds = recipients.filter((id) => emailOf.has(id));
    const noticeInput = { reason: step.reason, level: step.level, number: ref, subject, dueAt, timeZone };
    const notice = escalationNotice(noticeInput);
    // The mail links to the record in the console (the in-app notification links by entityId).
    const mail = escalationNotice({ ...noticeInput, url });
    const mailRef = target.kind === 'interaction' ? ref : `callback:${target.id}`;
    const mails: MailJob[] = notifiedUserIds.map((id) => ({ to: emailOf.get(id) ?? '', subject: mail.subject, text: mail.text, ref: `${mailRef} ${step.reason}:${step.level}` }));
    const entityType = target.kind === 'interaction' ? 'Interaction' : 'Callback';
    try {
      const notified = await prisma.$transaction(async (tx) => {
        // First, so a concurrent sweep that took this step makes this transaction fail here, before anything else.
        await tx.escalation.create({
          data: { ...(target.kind === 'interaction' ? { interactionId: target.id } : { callbackId: target.id }), reason: step.reason, level: step.level, notifiedUserIds },
        });
        const count = await notifyUsers(tx, notifiedUserIds, { kind: `ESCALATION_${step.reason}`, title: notice.subject, body: notice.text, entityType, entityId: target.id });
        // A callback task has no level of its own: its Escalation rows are the record of how far it went.
        const current = target.kind === 'interaction' ? await raiseLevel(tx, target.id, step) : { from: target.previousLevel, to: Math.max(target.previousLevel, step.level) };
        await appendSystemHistory(tx, {
          entityType,
          entityId: target.id,
          action: 'ESCALATED',
          fromState: String(current.from),
          toState: String(current.to),
          comment: notice.subject,
          changes: { reason: step.reason, level: step.level, notifiedUserIds },
        });
        await enqueueMail(tx, mails);
        return count;
      }, TX_OPTIONS);
      result.escalations += 1;
      result.notifications += notified;
      result.mails += mails.length;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        result.skipped += 1; // another worker took this step first
        continue;
      }
      // One bad record must not hold up the others; the step is still due and is retried by the next sweep.
      result.failed += 1;
      console.error(`[escalation] ${mailRef} ${step.reason}:${step.level} failed:`, error instanceof Error ? error.message : error);
    }
  }
}

function findCandidates(now: Date, dueSoonHorizon: Date, afterId: string | null, pageSize: number) {
  // Each branch is served by an index: triageDueAt, resolutionDueAt, severity, status, Callback(status, dueAt).
  return prisma.interaction.findMany({
    where: {
      ...(afterId ? { id: { gt: afterId } } : {}),
      OR: [
        { status: { in: [...OPEN_STATUSES] }, responsibleDepartmentId: null, triageDueAt: { lte: now }, NOT: { escalations: { some: { reason: 'TRIAGE_OVERDUE' } } } },
        { status: { in: [...OPEN_STATUSES] }, resolutionDueAt: { lte: dueSoonHorizon }, NOT: { escalations: { some: { reason: 'RESOLUTION_OVERDUE', level: MAX_LEVEL } } } },
        { status: { in: [...OPEN_STATUSES] }, severity: 'CRISIS', NOT: { escalations: { some: { reason: 'CRISIS' } } } },
        { status: 'RESOLVED', callbackDueAt: { lte: now }, NOT: { escalations: { some: { reason: 'CALLBACK_OVERDUE', level: 2 } } } },
        { callbacks: { some: { status: 'PENDING', dueAt: { lte: now } } }, NOT: { escalations: { some: { reason: 'CALLBACK_OVERDUE', level: 2 } } } },
      ],
    },
    select: {
      id: true,
      number: true,
      subject: true,
      status: true,
      severity: true,
      responsibleDepartmentId: true,
      triageDueAt: true,
      resolutionDueAt: true,
      callbackDueAt: true,
      escalationLevel: true,
      ownerId: true,
      owner: { select: { active: true } },
      responsibleDepartment: { select: { headId: true, head: { select: { active: true } } } },
      callbacks: { where: { status: 'PENDING' }, select: { dueAt: true, assigneeId: true } },
      escalations: { select: { reason: true, level: true } },
    },
    orderBy: { id: 'asc' },
    take: pageSize,
  });
}

type Candidate = Awaited<ReturnType<typeof findCandidates>>[number];

function findCallbackTaskCandidates(now: Date, afterId: string | null, pageSize: number) {
  // Served by the index Callback(status, dueAt); a task with a complaint escalates through the complaint instead.
  return prisma.callback.findMany({
    where: {
      ...(afterId ? { id: { gt: afterId } } : {}),
      interactionId: null,
      status: 'PENDING',
      dueAt: { lte: now },
      NOT: { escalations: { some: { reason: 'CALLBACK_OVERDUE', level: 2 } } },
    },
    select: {
      id: true,
      reason: true,
      status: true,
      dueAt: true,
      assigneeId: true,
      assignee: { select: { active: true } },
      customer: { select: { name: true } },
      escalations: { select: { reason: true, level: true } },
    },
    orderBy: { id: 'asc' },
    take: pageSize,
  });
}

type CallbackTaskCandidate = Awaited<ReturnType<typeof findCallbackTaskCandidates>>[number];

const consoleUrl = (path: string) => appUrl(path);

/** Raises escalationLevel (never lowers it), without touching `version`: escalating must not fail a user's edit. */
async function raiseLevel(tx: Tx, interactionId: string, step: EscalationStep): Promise<{ from: number; to: number }> {
  // Row lock: two sweeps taking different steps of one record must not overwrite each other's level.
  const rows = await tx.$queryRaw<{ escalationLevel: number }[]>`
    SELECT "escalationLevel" FROM "Interaction" WHERE id = ${interactionId}::uuid FOR UPDATE`;
  const from = rows[0]?.escalationLevel ?? 0;
  const to = raisedLevel(from, step);
  if (to !== from) await tx.interaction.update({ where: { id: interactionId }, data: { escalationLevel: to } });
  return { from, to };
}

type SystemHistoryInput = {
  entityType: string;
  entityId: string;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  comment?: string | null;
  changes?: Prisma.InputJsonValue;
};

/** A history entry written by the system itself (no user, no API key): actorLabel 'system'. */
export async function appendSystemHistory(tx: Tx, entry: SystemHistoryInput): Promise<void> {
  await tx.historyEntry.create({ data: { ...entry, actorId: null, actorLabel: 'system' } });
}
