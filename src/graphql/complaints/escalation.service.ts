import 'server-only';
import { createHash } from 'node:crypto';
import { Prisma } from '@/generated/prisma/client';
import { prisma, WRITE_TX_OPTIONS, type Tx } from '@/server/db';
import { appUrl } from '@/server/app-url';
import {
  escalationDigest,
  formatLocal,
  OBLIGATION_KIND_LABEL,
  type EscalationNoticeInput,
} from '@/server/mail/escalation-mail';
import { historyRow, type HistoryInput } from '@/server/history';
import { activityMessage, noticeMessage } from '@/lib/activity';
import { notifyUsers } from '@/server/notify/notify';
import { enqueueMail, startQueue, type MailJob } from '@/server/queue/boss';
import { loadBusinessCalendar } from './business-calendar.service';
import {
  DEFAULT_ESCALATION_POLICY,
  dueActionEscalations,
  dueCallbackTaskEscalations,
  dueEscalations,
  nextActionEscalationAt,
  nextCallbackTaskEscalationAt,
  nextEscalationAt,
  raisedLevel,
  recipientsFor,
  type EscalationPolicy,
  type EscalationStep,
  type TakenStep,
} from './escalation.rules';
import type { BusinessCalendar } from './sla-clock.rules';
import { now as clockNow } from '@/server/clock';
import { sweepObligations } from '../key-account-obligations/key-account-obligation.service';
import { sweepOnSiteComplaints } from '../work-orders/work-order-stats.service';
import { sweepLateItineraries } from '../visits/itinerary.service';
import { ensureVisitCycles } from '../visits/visit-cycle.service';
import { escalationStepEvent } from '../webhooks/webhook-events.rules';
import { emitWebhookEvent } from '../webhooks/webhook-outbox.service';

/**
 * The escalation sweep (SPEC §4 处理逾期反应), run every minute by the `escalation-sweep` job and callable with any
 * `now` from tests. Each due step is taken in its own transaction that inserts the Escalation row first: the unique
 * index (interactionId, reason, level) lets exactly one of several concurrent sweeps take a step — the others get a
 * unique violation (P2002), roll back and skip it. The winner's transaction also writes the in-app notifications, the
 * history entry and the raised escalation level, so they exist exactly when the Escalation row does; the row is
 * written with `mailedAt` null — its mail is owed — and at the end of the sweep each person gets one mail for all the
 * steps owed to them (a digest when there are several), written with the `mailedAt` marks in one transaction.
 * Callback tasks that follow up no complaint (key-account, periodic, survey follow-ups) escalate the same way on their
 * own row key (callbackId, reason, level); a complaint's callbacks escalate through the complaint.
 *
 * What it reads: only records whose `nextEscalationAt` has come, or whose inputs changed since the sweep last looked
 * (`escalationChangedAt`, set by a database trigger on any write that changes them). After looking at a record the
 * sweep stores when its next step falls due (escalation.rules.ts nextEscalationAt), so an idle sweep reads nothing,
 * however many open complaints wait for their next level. The stored times depend on the business calendar and the
 * escalation setting: when either changes, every record with a stored time is marked to be looked at again.
 */
export type SweepResult = {
  /** Records read (complaints and callback tasks). */
  candidates: number;
  escalations: number;
  skipped: number;
  failed: number;
  notifications: number;
  /** Mails queued (one per person: a digest of that person's steps). */
  mails: number;
  /** The sweep ran out of its time budget with records left: a follow-up sweep should run at once. */
  more: boolean;
};

const PAGE = 500;
/** Escalations whose mail is assembled in one transaction (a person with more gets a second digest). */
const DIGEST_BATCH = 1_000;
const BASIS_KEY = 'escalation-sweep-basis';

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
  /** Epoch ms after which the sweep takes no more steps and returns with `more` (the worker's time budget). */
  deadline?: number;
};

type SweepContext = {
  now: Date;
  calendar: BusinessCalendar;
  policy: EscalationPolicy;
  byRole: (role: string) => string[];
  result: SweepResult;
  outOfTime: () => boolean;
};

export async function runEscalationSweep(now: Date = clockNow(), options: SweepOptions = {}): Promise<SweepResult> {
  const pageSize = options.pageSize ?? PAGE;
  const [calendar, policy] = await Promise.all([loadBusinessCalendar(), loadPolicy()]);
  await markAllWhenBasisChanged(calendar, policy);

  const result: SweepResult = {
    candidates: 0,
    escalations: 0,
    skipped: 0,
    failed: 0,
    notifications: 0,
    mails: 0,
    more: false,
  };
  const staff = await prisma.user.findMany({
    where: { active: true, role: { in: ['SERVICE_MANAGER', 'EXECUTIVE', 'QUALITY_MANAGER'] } },
    select: { id: true, role: true },
    orderBy: { id: 'asc' },
  });
  const byRole = (role: string) => staff.filter((u) => u.role === role).map((u) => u.id);
  const deadline = options.deadline;
  const context: SweepContext = {
    now,
    calendar,
    policy,
    byRole,
    result,
    outOfTime: () => deadline !== undefined && Date.now() >= deadline,
  };

  // Page through every candidate (keyset by id): records waiting for their next level must not crowd out the rest.
  // False when the deadline cut the sweep short.
  const sweepAll = async <T extends { id: string }>(
    find: (afterId: string | null) => Promise<T[]>,
    plan: (rows: T[], context: SweepContext) => SweepItem[],
  ): Promise<boolean> => {
    for (let afterId: string | null = null; ;) {
      const rows = await find(afterId);
      result.candidates += rows.length;
      if (!(await sweepPage(plan(rows, context), context))) return false;
      if (rows.length < pageSize) return true;
      afterId = rows[rows.length - 1]?.id ?? null;
    }
  };
  // The complaints, then the callback tasks that follow up no complaint, then the complaints' overdue actions.
  result.more = !(
    (await sweepAll((afterId) => findCandidates(now, afterId, pageSize), planInteractions)) &&
    (await sweepAll((afterId) => findCallbackTaskCandidates(now, afterId, pageSize), planCallbackTasks)) &&
    (await sweepAll((afterId) => findActionCandidates(now, afterId, pageSize), planActions))
  );
  // Key-account obligations overdue (issue 12): their own levels, once each, in-app notices.
  if (!result.more) {
    const obligations = await sweepObligations(now);
    result.escalations += obligations.escalations;
    result.notifications += obligations.notifications;
    // Work orders' on-site complaints not registered within 4 working hours (issue 13).
    const onSite = await sweepOnSiteComplaints(now);
    result.escalations += onSite.escalations;
    result.notifications += onSite.notifications;
    // Weekly itineraries not submitted by their deadline (issue 13), and visit cycles of new customers / new owners.
    const itineraries = await sweepLateItineraries(now);
    result.escalations += itineraries.escalations;
    result.notifications += itineraries.notifications;
    await ensureVisitCycles();
  }
  result.mails = await mailOwedEscalations(calendar.timeZone);
  return result;
}

/** One step to take: on an interaction (which carries the escalation level) or on a callback task of its own. */
type PlannedStep = { step: EscalationStep; recipients: string[] };
type Target =
  | { kind: 'interaction'; id: string }
  | { kind: 'callback'; id: string; previousLevel: number }
  | { kind: 'action'; id: string; interactionId: string; previousLevel: number };

/** A record read by the sweep: what is due now, and how to tell when its next step falls due once these are taken. */
type SweepItem = {
  target: Target;
  /** The record as people know it: the interaction's number, or the callback's customer. */
  ref: string;
  subject: string;
  dueAt: (reason: EscalationStep['reason']) => Date | null;
  steps: PlannedStep[];
  taken: readonly TakenStep[];
  nextAt: (taken: readonly TakenStep[]) => Date | null;
  /** The two marks as read, so the sweep stores its result only if no change came in meanwhile. */
  read: { changedAt: Date | null; nextAt: Date | null };
};

function planInteractions(candidates: Candidate[], { now, calendar, policy, byRole }: SweepContext): SweepItem[] {
  return candidates.map((record) => {
    const snapshot = { ...record, pendingCallbackDueAts: record.callbacks.map((c) => c.dueAt) };
    const steps = dueEscalations(snapshot, now, calendar, record.escalations, policy).map((step) => ({
      step,
      recipients: recipientsFor(step, {
        ownerId: record.owner?.active ? record.ownerId : null,
        departmentHeadId: record.responsibleDepartment?.head?.active ? record.responsibleDepartment.headId : null,
        callbackAssigneeIds: record.callbacks.flatMap((c) => (c.assigneeId && c.dueAt <= now ? [c.assigneeId] : [])),
        serviceManagerIds: byRole('SERVICE_MANAGER'),
        executiveIds: byRole('EXECUTIVE'),
        qualityManagerIds: byRole('QUALITY_MANAGER'),
      }),
    }));
    return {
      target: { kind: 'interaction', id: record.id },
      ref: record.number,
      subject: record.subject,
      dueAt: (reason) => interactionDueAt(reason, record),
      steps,
      taken: record.escalations,
      nextAt: (taken) => nextEscalationAt(snapshot, now, calendar, taken, policy),
      read: { changedAt: record.escalationChangedAt, nextAt: record.nextEscalationAt },
    };
  });
}

/** The due time a notice about `reason` names. */
function interactionDueAt(
  reason: EscalationStep['reason'],
  record: {
    triageDueAt: Date | null;
    resolutionDueAt: Date | null;
    stepDueAt: Date | null;
    callbackDueAt: Date | null;
    callbacks: readonly { dueAt: Date }[];
  },
): Date | null {
  if (reason === 'TRIAGE_OVERDUE') return record.triageDueAt;
  if (reason === 'STEP_OVERDUE') return record.stepDueAt;
  if (reason === 'CALLBACK_OVERDUE') return record.callbackDueAt ?? record.callbacks[0]?.dueAt ?? null;
  return record.resolutionDueAt;
}

const CALLBACK_REASON_LABEL: Record<CallbackTaskCandidate['reason'], string> = {
  POST_RESOLUTION: '投诉回访',
  KEY_ACCOUNT: '重要客户回访',
  PERIODIC: '定期回访',
  SURVEY_FOLLOW_UP: '满意度调查回访',
};

function planCallbackTasks(
  tasks: CallbackTaskCandidate[],
  { now, calendar, policy, byRole }: SweepContext,
): SweepItem[] {
  return tasks.map((task) => ({
    target: { kind: 'callback', id: task.id, previousLevel: Math.max(0, ...task.escalations.map((e) => e.level)) },
    ref: task.customer?.name ?? '回访任务',
    subject: CALLBACK_REASON_LABEL[task.reason],
    dueAt: () => task.dueAt,
    steps: dueCallbackTaskEscalations(task, now, calendar, task.escalations, policy).map((step) => ({
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
    taken: task.escalations,
    nextAt: (taken) => nextCallbackTaskEscalationAt(task, calendar, taken, policy),
    read: { changedAt: task.escalationChangedAt, nextAt: task.nextEscalationAt },
  }));
}

/**
 * A complaint's open containment/corrective/preventive action past its due time: owner → department head → quality
 * (ACTION_LADDER). An action of a closed or rejected complaint no longer escalates. The notice, the history entry and
 * the link are the complaint's: that is where the action is worked.
 */
function planActions(actions: ActionCandidate[], { now, calendar, policy, byRole }: SweepContext): SweepItem[] {
  return actions.map((action) => {
    const complaint = action.interaction;
    const live = complaint.status !== 'CLOSED' && complaint.status !== 'REJECTED';
    const snapshot = { status: live ? action.status : ('CANCELLED' as const), dueAt: action.dueAt };
    return {
      target: {
        kind: 'action',
        id: action.id,
        interactionId: complaint.id,
        previousLevel: Math.max(0, ...action.escalations.map((e) => e.level)),
      },
      ref: complaint.number,
      subject: action.description.slice(0, 80),
      dueAt: () => action.dueAt,
      steps: dueActionEscalations(snapshot, now, calendar, action.escalations, policy).map((step) => ({
        step,
        recipients: recipientsFor(step, {
          ownerId: action.owner?.active ? action.ownerId : null,
          departmentHeadId: complaint.responsibleDepartment?.head?.active
            ? complaint.responsibleDepartment.headId
            : null,
          callbackAssigneeIds: [],
          serviceManagerIds: byRole('SERVICE_MANAGER'),
          executiveIds: byRole('EXECUTIVE'),
          qualityManagerIds: byRole('QUALITY_MANAGER'),
        }),
      })),
      taken: action.escalations,
      nextAt: (taken) => nextActionEscalationAt(snapshot, calendar, taken, policy),
      read: { changedAt: null, nextAt: action.nextEscalationAt },
    };
  });
}

/**
 * Takes the due steps of a page of records and stores, for each record it finished, when it must look again.
 * Returns false when the time budget ran out first: the records left keep their marks and are read by the next sweep.
 */
async function sweepPage(items: SweepItem[], context: SweepContext): Promise<boolean> {
  const recipientIds = [...new Set(items.flatMap((item) => item.steps.flatMap((s) => s.recipients)))];
  const users = recipientIds.length
    ? await prisma.user.findMany({
        where: { id: { in: recipientIds }, active: true },
        select: { id: true, email: true },
      })
    : [];
  const reachable = new Set(users.map((u) => u.id));

  const looked: { item: SweepItem; nextAt: Date | null }[] = [];
  let complete = true;
  for (const item of items) {
    if (item.steps.length > 0 && context.outOfTime()) {
      complete = false;
      break;
    }
    const taken = [...item.taken];
    for (const planned of item.steps) {
      const outcome = await takeStep(item, planned, reachable, context);
      // Skipped: another sweep took it. Failed: it stays due, and the next time computed below says so.
      if (outcome !== 'failed') taken.push(planned.step);
    }
    looked.push({ item, nextAt: item.nextAt(taken) });
  }
  await storeNextTimes(looked);
  return complete;
}

async function takeStep(
  item: SweepItem,
  { step, recipients }: PlannedStep,
  reachable: ReadonlySet<string>,
  { calendar, result }: SweepContext,
): Promise<'taken' | 'skipped' | 'failed'> {
  const { target } = item;
  const notifiedUserIds = recipients.filter((id) => reachable.has(id));
  const dueAt = item.dueAt(step.reason);
  const about = { reason: step.reason, level: step.level, number: item.ref };
  const notice = noticeMessage('notice.ESCALATION', {
    ...about,
    subject: item.subject,
    due: dueAt ? formatLocal(dueAt, calendar.timeZone) : '—',
  });
  // An action's notice and history belong to its complaint.
  const entityType = target.kind === 'callback' ? 'Callback' : 'Interaction';
  const entityId = target.kind === 'action' ? target.interactionId : target.id;
  try {
    const notified = await prisma.$transaction(async (tx) => {
      // First, so a concurrent sweep that took this step makes this transaction fail here, before anything else.
      await tx.escalation.create({
        data: {
          ...(target.kind === 'interaction'
            ? { interactionId: target.id }
            : target.kind === 'callback'
              ? { callbackId: target.id }
              : { actionId: target.id }),
          reason: step.reason,
          level: step.level,
          notifiedUserIds,
          // Its mail is owed (sent with the sweep's digests) unless nobody is to be told.
          mailedAt: notifiedUserIds.length ? null : clockNow(),
        },
      });
      const count = await notifyUsers(tx, notifiedUserIds, {
        kind: `ESCALATION_${step.reason}`,
        message: notice,
        entityType,
        entityId,
      });
      // A callback task or an action has no level of its own: its Escalation rows are the record of how far it went.
      const current =
        target.kind === 'interaction'
          ? await raiseLevel(tx, target.id, step)
          : { from: target.previousLevel, to: Math.max(target.previousLevel, step.level) };
      await appendSystemHistory(tx, {
        entityType,
        entityId,
        action: 'ESCALATED',
        fromState: String(current.from),
        toState: String(current.to),
        message: activityMessage('complaint.escalated', about),
        changes: { reason: step.reason, level: step.level, notifiedUserIds },
      });
      if (entityType === 'Interaction')
        await emitWebhookEvent(
          tx,
          escalationStepEvent(step.level),
          { type: entityType, id: entityId },
          {
            id: entityId,
            number: item.ref,
            reason: step.reason,
            level: step.level,
            escalationLevel: current.to,
            dueAt: dueAt?.toISOString() ?? null,
            ...(target.kind === 'action' ? { actionId: target.id } : {}),
          },
        );
      return count;
    }, WRITE_TX_OPTIONS);
    result.escalations += 1;
    result.notifications += notified;
    return 'taken';
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      result.skipped += 1; // another worker took this step first
      return 'skipped';
    }
    // One bad record must not hold up the others; the step is still due and is retried by the next sweep.
    result.failed += 1;
    const mailRef = target.kind === 'callback' ? `callback:${target.id}` : item.ref;
    console.error(
      `[escalation] ${mailRef} ${step.reason}:${step.level} failed:`,
      error instanceof Error ? error.message : error,
    );
    return 'failed';
  }
}

/**
 * Stores when each record looked at must be looked at again, and clears its change mark — only if neither mark moved
 * since the sweep read it: a change that came in meanwhile keeps its mark, and the record is read again next time.
 */
async function storeNextTimes(looked: { item: SweepItem; nextAt: Date | null }[]): Promise<void> {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  // Actions have no change mark: a write to one sets its next time itself (complaint-work.service.ts).
  const actions = looked.filter((l) => l.item.target.kind === 'action');
  if (actions.length) {
    const ids = actions.map((l) => l.item.target.id);
    const previous = actions.map((l) => iso(l.item.read.nextAt));
    const next = actions.map((l) => iso(l.nextAt));
    await prisma.$executeRaw`
      UPDATE "ComplaintAction" AS r SET "nextEscalationAt" = v.next::timestamp(3)
      FROM unnest(${ids}::uuid[], ${previous}::text[], ${next}::text[]) AS v(id, previous, next)
      WHERE r.id = v.id AND r."nextEscalationAt" IS NOT DISTINCT FROM v.previous::timestamp(3)`;
  }
  for (const kind of ['interaction', 'callback'] as const) {
    const rows = looked.filter((l) => l.item.target.kind === kind);
    if (rows.length === 0) continue;
    const ids = rows.map((l) => l.item.target.id);
    const changed = rows.map((l) => iso(l.item.read.changedAt));
    const previous = rows.map((l) => iso(l.item.read.nextAt));
    const next = rows.map((l) => iso(l.nextAt));
    // (timestamps travel as ISO text: a zone-less timestamp(3) column reads "…Z" as that UTC wall time, as Prisma stores it)
    const table = Prisma.raw(kind === 'interaction' ? '"Interaction"' : '"Callback"');
    await prisma.$executeRaw`
      UPDATE ${table} AS r SET "escalationChangedAt" = NULL, "nextEscalationAt" = v.next::timestamp(3)
      FROM unnest(${ids}::uuid[], ${changed}::text[], ${previous}::text[], ${next}::text[]) AS v(id, changed, previous, next)
      WHERE r.id = v.id
        AND r."escalationChangedAt" IS NOT DISTINCT FROM v.changed::timestamp(3)
        AND r."nextEscalationAt" IS NOT DISTINCT FROM v.previous::timestamp(3)`;
  }
}

/**
 * The stored next times were computed with one calendar and escalation setting; when either changes (a holiday added,
 * working hours moved), every record with a stored time is marked, so the next sweep computes it again.
 */
async function markAllWhenBasisChanged(calendar: BusinessCalendar, policy: EscalationPolicy): Promise<void> {
  const basis = createHash('sha256')
    .update(
      JSON.stringify({
        ...calendar,
        holidays: [...calendar.holidays].sort(),
        extraWorkdays: [...calendar.extraWorkdays].sort(),
        policy,
      }),
    )
    .digest('hex');
  const stored = await prisma.jobState.findUnique({ where: { key: BASIS_KEY } });
  if ((stored?.value as { basis?: string } | undefined)?.basis === basis) return;
  await prisma.$transaction([
    prisma.$executeRaw`UPDATE "Interaction" SET "escalationChangedAt" = clock_timestamp() WHERE "nextEscalationAt" IS NOT NULL AND "escalationChangedAt" IS NULL`,
    prisma.$executeRaw`UPDATE "Callback" SET "escalationChangedAt" = clock_timestamp() WHERE "nextEscalationAt" IS NOT NULL AND "escalationChangedAt" IS NULL`,
    // Actions have no change mark: their due time (never later than the stored one) makes the next sweep look again.
    prisma.$executeRaw`UPDATE "ComplaintAction" SET "nextEscalationAt" = "dueAt" WHERE "nextEscalationAt" IS NOT NULL AND "dueAt" IS NOT NULL`,
    prisma.jobState.upsert({
      where: { key: BASIS_KEY },
      create: { key: BASIS_KEY, value: { basis } },
      update: { value: { basis } },
    }),
  ]);
}

/**
 * Mails what the escalations taken so far owe: one mail per person — the ordinary notice for one step, a digest for
 * several — queued on the staff mail queue in the same transaction that marks the escalations mailed, so each step's
 * mail is queued exactly once even when several sweeps finish at the same time (SKIP LOCKED) or one crashed before
 * mailing (the next sweep finds its escalations still owed).
 */
async function mailOwedEscalations(timeZone: string): Promise<number> {
  let mails = 0;
  for (;;) {
    const owed = await prisma.escalation.findFirst({ where: { mailedAt: null }, select: { id: true } });
    if (!owed) return mails;
    await startQueue(); // before the transaction that enqueues mail (see enqueueMail)
    const batch = await prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Escalation" WHERE "mailedAt" IS NULL ORDER BY "createdAt", id LIMIT ${DIGEST_BATCH} FOR UPDATE SKIP LOCKED`;
      if (locked.length === 0) return { rows: 0, mails: 0 };
      const ids = locked.map((r) => r.id);
      const escalations = await tx.escalation.findMany({
        where: { id: { in: ids } },
        select: {
          reason: true,
          level: true,
          notifiedUserIds: true,
          interaction: {
            select: {
              id: true,
              number: true,
              subject: true,
              triageDueAt: true,
              resolutionDueAt: true,
              stepDueAt: true,
              callbackDueAt: true,
              callbacks: { where: { status: 'PENDING' }, select: { dueAt: true }, orderBy: { dueAt: 'asc' }, take: 1 },
            },
          },
          callbackId: true,
          callback: { select: { reason: true, dueAt: true, customer: { select: { name: true } } } },
          obligationId: true,
          obligation: { select: { kind: true, dueAt: true, customer: { select: { name: true } } } },
          action: {
            select: {
              description: true,
              dueAt: true,
              interaction: { select: { id: true, number: true } },
            },
          },
        },
      });
      const userIds = [...new Set(escalations.flatMap((e) => e.notifiedUserIds))];
      const users = await tx.user.findMany({
        where: { id: { in: userIds }, active: true },
        select: { id: true, email: true },
      });
      const emailOf = new Map(users.map((u) => [u.id, u.email]));
      const itemsByUser = new Map<string, { notice: EscalationNoticeInput; ref: string }[]>();
      for (const e of escalations) {
        const reason = e.reason as EscalationNoticeInput['reason'];
        const notice: EscalationNoticeInput = e.action
          ? {
              reason,
              level: e.level,
              number: e.action.interaction.number,
              subject: e.action.description.slice(0, 80),
              dueAt: e.action.dueAt,
              timeZone,
              url: consoleUrl(`/console/complaints/${e.action.interaction.id}`),
            }
          : e.interaction
            ? {
                reason,
                level: e.level,
                number: e.interaction.number,
                subject: e.interaction.subject,
                dueAt: interactionDueAt(e.reason as EscalationStep['reason'], e.interaction),
                timeZone,
                url: consoleUrl(`/console/interactions/${e.interaction.id}`),
              }
            : e.obligation
              ? {
                  reason,
                  level: e.level,
                  number: e.obligation.customer.name,
                  subject: OBLIGATION_KIND_LABEL[e.obligation.kind] ?? e.obligation.kind,
                  dueAt: e.obligation.dueAt,
                  timeZone,
                  url: consoleUrl('/console/key-accounts/obligations'),
                }
              : {
                  reason,
                  level: e.level,
                  number: e.callback?.customer?.name ?? '回访任务',
                  subject: e.callback ? CALLBACK_REASON_LABEL[e.callback.reason] : '',
                  dueAt: e.callback?.dueAt ?? null,
                  timeZone,
                  url: consoleUrl('/console/callbacks?queue=OVERDUE'),
                };
        const subjectRef = e.action
          ? `${e.action.interaction.number} action`
          : e.interaction
            ? e.interaction.number
            : e.obligationId
              ? `obligation:${e.obligationId}`
              : `callback:${e.callbackId}`;
        const ref = `${subjectRef} ${reason}:${e.level}`;
        for (const userId of e.notifiedUserIds) {
          if (emailOf.has(userId)) itemsByUser.set(userId, [...(itemsByUser.get(userId) ?? []), { notice, ref }]);
        }
      }
      const jobs: MailJob[] = [...itemsByUser].map(([userId, items]) => ({
        to: emailOf.get(userId)!,
        ...escalationDigest(items.map((i) => i.notice)),
        // For the log and SentMail: which steps the mail is about (the first 50 of a large digest).
        ref: `${items.length > 1 ? `digest of ${items.length}: ` : ''}${items
          .slice(0, 50)
          .map((i) => i.ref)
          .join(', ')}${items.length > 50 ? ', …' : ''}`,
      }));
      await enqueueMail(tx, 'staff', jobs);
      await tx.escalation.updateMany({ where: { id: { in: ids } }, data: { mailedAt: clockNow() } });
      return { rows: locked.length, mails: jobs.length };
    }, WRITE_TX_OPTIONS);
    mails += batch.mails;
    if (batch.rows < DIGEST_BATCH) return mails;
  }
}

function findCandidates(now: Date, afterId: string | null, pageSize: number) {
  // Served by the indexes on nextEscalationAt and escalationChangedAt: an idle sweep finds no row in either.
  return prisma.interaction.findMany({
    where: {
      ...(afterId ? { id: { gt: afterId } } : {}),
      OR: [{ escalationChangedAt: { not: null } }, { nextEscalationAt: { lte: now } }],
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
      stepDueAt: true,
      callbackDueAt: true,
      escalationLevel: true,
      nextEscalationAt: true,
      escalationChangedAt: true,
      ownerId: true,
      owner: { select: { active: true } },
      responsibleDepartment: { select: { headId: true, head: { select: { active: true } } } },
      callbacks: { where: { status: 'PENDING' }, select: { dueAt: true, assigneeId: true }, orderBy: { dueAt: 'asc' } },
      escalations: { select: { reason: true, level: true } },
    },
    orderBy: { id: 'asc' },
    take: pageSize,
  });
}

type Candidate = Awaited<ReturnType<typeof findCandidates>>[number];

function findCallbackTaskCandidates(now: Date, afterId: string | null, pageSize: number) {
  // A task with a complaint escalates through the complaint (its trigger marks the complaint, not the task).
  return prisma.callback.findMany({
    where: {
      ...(afterId ? { id: { gt: afterId } } : {}),
      interactionId: null,
      OR: [{ escalationChangedAt: { not: null } }, { nextEscalationAt: { lte: now } }],
    },
    select: {
      id: true,
      reason: true,
      status: true,
      dueAt: true,
      nextEscalationAt: true,
      escalationChangedAt: true,
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

function findActionCandidates(now: Date, afterId: string | null, pageSize: number) {
  // Served by the index on nextEscalationAt: null once an action is finished or at the top of its ladder.
  return prisma.complaintAction.findMany({
    where: { ...(afterId ? { id: { gt: afterId } } : {}), nextEscalationAt: { lte: now } },
    select: {
      id: true,
      status: true,
      dueAt: true,
      description: true,
      nextEscalationAt: true,
      ownerId: true,
      owner: { select: { active: true } },
      interaction: {
        select: {
          id: true,
          number: true,
          status: true,
          responsibleDepartment: { select: { headId: true, head: { select: { active: true } } } },
        },
      },
      escalations: { select: { reason: true, level: true } },
    },
    orderBy: { id: 'asc' },
    take: pageSize,
  });
}

type ActionCandidate = Awaited<ReturnType<typeof findActionCandidates>>[number];

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

type SystemHistoryInput = Omit<HistoryInput, 'visibleToCustomer'>;

/** A history entry written by the system itself (no user, no API key): actorLabel 'system'. */
export async function appendSystemHistory(tx: Tx, entry: SystemHistoryInput): Promise<void> {
  await tx.historyEntry.create({ data: { ...historyRow(entry), actorId: null, actorLabel: 'system' } });
}
