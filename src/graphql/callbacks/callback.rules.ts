import { z } from 'zod';
import type { CallbackOutcome, CallbackReason, CallbackStatus } from '@/generated/prisma/enums';
import { badInput } from '@/server/errors';
import type { StaffRole } from '@/server/viewer';
import type { ComplaintStatus } from '../complaints/complaint-workflow.rules';
import {
  CALLBACK_QUEUES,
  CANCEL_REASON_MAX,
  CREATABLE_REASONS,
  NEW_COMPLAINT_SUBJECT_MAX,
  type CallbackQueue,
} from './callback-limits.rules';

export { CALLBACK_QUEUES, CREATABLE_REASONS, type CallbackQueue };
import { errorKey, zodFieldErrors, type ErrorKey } from '@/server/error-keys';
import { optionalText, requiredText } from '../input.rules';
import { activityMessage, type ActivityMessage } from '@/lib/activity';

/**
 * Pure rules of callback tasks (SPEC §5 回访 [001 §6.2, 001 第七条4.2(5)]): the work queues' windows, who may record
 * and manage a task, the callback script's validation, and what each outcome does. No database, no clock.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** DUE_SOON: pending and due within this many (calendar) days. */
export const DUE_SOON_DAYS = 2;
/** DONE: completed within this many days. */
export const DONE_WINDOW_DAYS = 90;

export const dueSoonUntil = (now: Date) => new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS);
export const doneSince = (now: Date) => new Date(now.getTime() - DONE_WINDOW_DAYS * DAY_MS);

/** Past due and still pending. */
export const isOverdue = (task: { status: CallbackStatus; dueAt: Date }, now: Date) =>
  task.status === 'PENDING' && task.dueAt.getTime() < now.getTime();

// ───────────────────────────── who ─────────────────────────────

/**
 * Who calls customers back: the service desk (SPEC actors: 客服 calls back; 客服部部长 supervises). The system
 * administrator holds callbacks:write to manage tasks but is not assigned calls: the complaint workflow refuses an
 * administrator the follow-up step a recorded callback takes.
 */
/** Whom a callback calls, as the task's row and dialog show it. */
export type Callee = { company: string | null; name: string | null; phone: string | null; email: string | null };

/**
 * Whom to call: the person who raised the complaint (their name and number as given at intake), else the customer's
 * primary contact (the first of `contacts`, primary first), else the customer file's contact person; the company as
 * the complaint names it, else the customer's name. Null when nothing is known.
 */
export function calleeOf(
  complaint: {
    companyName: string | null;
    contactName: string | null;
    contactPhone: string | null;
    contactEmail: string | null;
  } | null,
  customer: { name: string; contactPerson: string | null; phone: string | null } | null,
  contacts: readonly { name: string; phone: string | null; mobile: string | null; email: string | null }[],
): Callee | null {
  const company = complaint?.companyName ?? customer?.name ?? null;
  const contact = contacts[0];
  const person =
    complaint && (complaint.contactName || complaint.contactPhone)
      ? { name: complaint.contactName, phone: complaint.contactPhone, email: complaint.contactEmail }
      : contact
        ? { name: contact.name, phone: contact.mobile ?? contact.phone, email: contact.email }
        : customer
          ? { name: customer.contactPerson, phone: customer.phone, email: null }
          : null;
  if (!company && !person) return null;
  return { company, name: person?.name ?? null, phone: person?.phone ?? null, email: person?.email ?? null };
}

export const ASSIGNABLE_ROLES: readonly StaffRole[] = ['SERVICE_AGENT', 'SERVICE_MANAGER'];

/** A staff member, or an API key's named service account (callbacks:write), which may record and manage any task. */
export type CallbackActor = { role: StaffRole | 'SERVICE_ACCOUNT'; userId: string };
type Task = { assigneeId: string | null };

/**
 * Recording a callback: the task's assignee; anyone of the desk for an unassigned task (a portal complaint's
 * post-resolution callback has nobody assigned until someone picks it up); a service manager for any task (covers an
 * absent agent). Not an administrator (see ASSIGNABLE_ROLES).
 */
export function mayRecord(actor: CallbackActor, task: Task): boolean {
  if (actor.role === 'SERVICE_ACCOUNT') return true;
  if (!ASSIGNABLE_ROLES.includes(actor.role)) return false;
  return actor.role === 'SERVICE_MANAGER' || task.assigneeId === null || task.assigneeId === actor.userId;
}

/** Reassigning, moving and cancelling a task: whoever may record it, and the administrator. */
export function mayManage(actor: CallbackActor, task: Task): boolean {
  return actor.role === 'ADMIN' || mayRecord(actor, task);
}

// ───────────────────────────── input ─────────────────────────────

const SCORE_REQUIRED = errorKey('callback.scoreRequired');
const score = z
  .number({ error: SCORE_REQUIRED })
  .int({ message: SCORE_REQUIRED })
  .min(1, { message: SCORE_REQUIRED })
  .max(5, { message: SCORE_REQUIRED })
  .nullish();

export const SCORE_FIELDS = ['accuracyScore', 'timelinessScore', 'attitudeScore'] as const;

/** The callback script [001 §6.2]: accuracy, timeliness and attitude scored 1–5, other dissatisfaction, suggestions. */
export const ZRecordCallbackInput = z
  .object({
    outcome: z.enum(['NO_PROBLEM', 'REOPENED', 'NEW_COMPLAINT', 'UNREACHABLE'], {
      error: errorKey('callback.outcomeRequired'),
    }),
    accuracyScore: score,
    timelinessScore: score,
    attitudeScore: score,
    otherDissatisfaction: optionalText(2000),
    suggestions: optionalText(2000),
    notes: optionalText(2000),
    newComplaint: z
      .object({ subject: requiredText(NEW_COMPLAINT_SUBJECT_MAX), description: requiredText(5000) })
      .nullish(),
    reopenReason: optionalText(2000),
  })
  .superRefine((input, ctx) => {
    // A customer who was not reached gave no answers; everyone reached is scored on all three.
    if (input.outcome !== 'UNREACHABLE') {
      for (const field of SCORE_FIELDS) {
        if (input[field] == null) ctx.addIssue({ code: 'custom', path: [field], message: SCORE_REQUIRED });
      }
    }
    if (input.outcome === 'NEW_COMPLAINT' && !input.newComplaint) {
      ctx.addIssue({ code: 'custom', path: ['newComplaint', 'subject'], message: errorKey('validation.required') });
      ctx.addIssue({ code: 'custom', path: ['newComplaint', 'description'], message: errorKey('validation.required') });
    }
    if (input.outcome === 'REOPENED' && !input.reopenReason && !input.otherDissatisfaction) {
      ctx.addIssue({ code: 'custom', path: ['reopenReason'], message: errorKey('callback.reopenReasonRequired') });
    }
  });
export type TRecordCallbackInput = z.infer<typeof ZRecordCallbackInput>;

export const ZCreateCallbackInput = z.object({
  customerId: z.uuid({ error: errorKey('callback.customerRequired') }),
  reason: z.enum(CREATABLE_REASONS, { error: errorKey('callback.reasonNotCreatable') }),
  dueAt: z.date({ error: errorKey('callback.dueRequired') }),
  assigneeId: z.uuid({ error: errorKey('callback.assigneeInvalid') }).nullish(),
  notes: optionalText(2000),
});
export type TCreateCallbackInput = z.infer<typeof ZCreateCallbackInput>;

export const ZReassignCallbackInput = z
  .object({
    assigneeId: z.uuid({ error: errorKey('callback.assigneeInvalid') }).nullish(),
    dueAt: z.date({ error: errorKey('validation.invalidDate') }).nullish(),
  })
  .refine((v) => v.assigneeId != null || v.dueAt != null, {
    path: ['assigneeId'],
    message: errorKey('callback.nothingChanged'),
  });

export const ZCancelCallbackInput = z.object({ reason: requiredText(CANCEL_REASON_MAX) });

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  return parsed.data;
}

export const parseRecordCallbackInput = (input: unknown) => parse(ZRecordCallbackInput, input);
export const parseCreateCallbackInput = (input: unknown) => parse(ZCreateCallbackInput, input);
export const parseReassignCallbackInput = (input: unknown) => parse(ZReassignCallbackInput, input);
export const parseCancelCallbackInput = (input: unknown) => parse(ZCancelCallbackInput, input);

// ───────────────────────────── outcomes ─────────────────────────────

export type RecordContext = {
  reason: CallbackReason;
  /** The status of the complaint the task follows up, or null when it follows up none. */
  complaintStatus: ComplaintStatus | null;
  hasCustomer: boolean;
};

/** What recording an outcome does: the task's new state, and the workflow step and registration it implies. */
export type RecordPlan = {
  status: 'PENDING' | 'DONE';
  problemFound: boolean;
  /** The step on the followed-up complaint, taken in the same transaction. */
  workflow: 'COMPLETE_FOLLOW_UP' | 'REOPEN' | null;
  registerComplaint: boolean;
};

export type PlanResult = { ok: true; plan: RecordPlan } | { ok: false; field: string; key: ErrorKey };

/**
 * SPEC §5: "problems found reopen or create a complaint". A resolved complaint's callback completes its follow-up
 * (SPEC §4: follow-up done = the callback) unless the problem reopens it; a new problem becomes a new complaint and
 * still completes the follow-up of the old one, whose disposition the customer did not dispute.
 */
export function planRecord(context: RecordContext, outcome: CallbackOutcome): PlanResult {
  const followUp = context.complaintStatus === 'RESOLVED' ? ('COMPLETE_FOLLOW_UP' as const) : null;
  switch (outcome) {
    case 'UNREACHABLE':
      return { ok: true, plan: { status: 'PENDING', problemFound: false, workflow: null, registerComplaint: false } };
    case 'NO_PROBLEM':
      return { ok: true, plan: { status: 'DONE', problemFound: false, workflow: followUp, registerComplaint: false } };
    case 'REOPENED':
      if (context.reason !== 'POST_RESOLUTION' || context.complaintStatus === null) {
        return {
          ok: false,
          field: 'outcome',
          key: 'callback.reopenOnlyAfterResolution',
        };
      }
      return { ok: true, plan: { status: 'DONE', problemFound: true, workflow: 'REOPEN', registerComplaint: false } };
    case 'NEW_COMPLAINT':
      if (!context.hasCustomer) return { ok: false, field: 'outcome', key: 'callback.newComplaintNeedsCustomer' };
      return { ok: true, plan: { status: 'DONE', problemFound: true, workflow: followUp, registerComplaint: true } };
  }
}

/** The scores for the history ("准确性 5 · 及时性 4 · 服务态度 —" when shown); null when none was given. */
export function scoreSummary(input: Pick<TRecordCallbackInput, (typeof SCORE_FIELDS)[number]>): ActivityMessage | null {
  if (SCORE_FIELDS.every((f) => input[f] == null)) return null;
  const score = (f: (typeof SCORE_FIELDS)[number]) => input[f] ?? '—';
  return activityMessage('callback.scores', {
    accuracy: score('accuracyScore'),
    timeliness: score('timelinessScore'),
    attitude: score('attitudeScore'),
  });
}
