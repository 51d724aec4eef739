import { z } from 'zod';
import type { CallbackOutcome, CallbackReason, CallbackStatus } from '@/generated/prisma/enums';
import { badInput } from '@/server/errors';
import type { StaffRole } from '@/server/viewer';
import type { ComplaintStatus } from '../complaints/complaint-workflow.rules';
import { fieldErrors } from '../customers/customer.rules';
import {
  CALLBACK_QUEUES,
  CANCEL_REASON_MAX,
  CREATABLE_REASONS,
  NEW_COMPLAINT_SUBJECT_MAX,
  type CallbackQueue,
} from './callback-limits.rules';

export { CALLBACK_QUEUES, CREATABLE_REASONS, type CallbackQueue };

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
export const ASSIGNABLE_ROLES: readonly StaffRole[] = ['SERVICE_AGENT', 'SERVICE_MANAGER'];

export type CallbackActor = { role: StaffRole; userId: string };
type Task = { assigneeId: string | null };

/**
 * Recording a callback: the task's assignee; anyone of the desk for an unassigned task (a portal complaint's
 * post-resolution callback has nobody assigned until someone picks it up); a service manager for any task (covers an
 * absent agent). Not an administrator (see ASSIGNABLE_ROLES).
 */
export function mayRecord(actor: CallbackActor, task: Task): boolean {
  if (!ASSIGNABLE_ROLES.includes(actor.role)) return false;
  return actor.role === 'SERVICE_MANAGER' || task.assigneeId === null || task.assigneeId === actor.userId;
}

/** Reassigning, moving and cancelling a task: whoever may record it, and the administrator. */
export function mayManage(actor: CallbackActor, task: Task): boolean {
  return actor.role === 'ADMIN' || mayRecord(actor, task);
}

// ───────────────────────────── input ─────────────────────────────

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `不能超过 ${max} 个字符` })
    .transform((v) => (v === '' ? null : v))
    .nullish();

const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label}必填` })
    .trim()
    .min(1, { message: `${label}必填` })
    .max(max, { message: `不能超过 ${max} 个字符` });

const score = z
  .number({ error: '请评分（1–5 分）' })
  .int({ message: '请评分（1–5 分）' })
  .min(1, { message: '请评分（1–5 分）' })
  .max(5, { message: '请评分（1–5 分）' })
  .nullish();

export const SCORE_FIELDS = ['accuracyScore', 'timelinessScore', 'attitudeScore'] as const;

/** The callback script [001 §6.2]: accuracy, timeliness and attitude scored 1–5, other dissatisfaction, suggestions. */
export const ZRecordCallbackInput = z
  .object({
    outcome: z.enum(['NO_PROBLEM', 'REOPENED', 'NEW_COMPLAINT', 'UNREACHABLE'], { error: '请选择回访结果' }),
    accuracyScore: score,
    timelinessScore: score,
    attitudeScore: score,
    otherDissatisfaction: optionalText(2000),
    suggestions: optionalText(2000),
    notes: optionalText(2000),
    newComplaint: z
      .object({
        subject: requiredText('新投诉主题', NEW_COMPLAINT_SUBJECT_MAX),
        description: requiredText('新投诉描述', 5000),
      })
      .nullish(),
    reopenReason: optionalText(2000),
  })
  .superRefine((input, ctx) => {
    // A customer who was not reached gave no answers; everyone reached is scored on all three.
    if (input.outcome !== 'UNREACHABLE') {
      for (const field of SCORE_FIELDS) {
        if (input[field] == null) ctx.addIssue({ code: 'custom', path: [field], message: '请评分（1–5 分）' });
      }
    }
    if (input.outcome === 'NEW_COMPLAINT' && !input.newComplaint) {
      ctx.addIssue({ code: 'custom', path: ['newComplaint', 'subject'], message: '新投诉主题必填' });
      ctx.addIssue({ code: 'custom', path: ['newComplaint', 'description'], message: '新投诉描述必填' });
    }
    if (input.outcome === 'REOPENED' && !input.reopenReason && !input.otherDissatisfaction) {
      ctx.addIssue({ code: 'custom', path: ['reopenReason'], message: '请填写重新打开的原因' });
    }
  });
export type TRecordCallbackInput = z.infer<typeof ZRecordCallbackInput>;

export const ZCreateCallbackInput = z.object({
  customerId: z.uuid({ error: '请选择客户' }),
  reason: z.enum(CREATABLE_REASONS, { error: '只能新建重要客户回访或定期回访（投诉回访和调查回访由系统生成）' }),
  dueAt: z.date({ error: '请填写回访期限' }),
  assigneeId: z.uuid({ error: '负责人无效' }).nullish(),
  notes: optionalText(2000),
});
export type TCreateCallbackInput = z.infer<typeof ZCreateCallbackInput>;

export const ZReassignCallbackInput = z
  .object({ assigneeId: z.uuid({ error: '负责人无效' }).nullish(), dueAt: z.date({ error: '回访期限无效' }).nullish() })
  .refine((v) => v.assigneeId != null || v.dueAt != null, {
    path: ['assigneeId'],
    message: '请选择新的负责人或回访期限',
  });

export const ZCancelCallbackInput = z.object({ reason: requiredText('取消原因', CANCEL_REASON_MAX) });

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badInput('输入有误，请检查标出的字段 / Invalid input', fieldErrors(parsed.error));
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

export type PlanResult = { ok: true; plan: RecordPlan } | { ok: false; field: string; message: string };

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
          message: '只有投诉解决后的回访可以重新打开投诉；其他问题请选择“登记新投诉”',
        };
      }
      return { ok: true, plan: { status: 'DONE', problemFound: true, workflow: 'REOPEN', registerComplaint: false } };
    case 'NEW_COMPLAINT':
      if (!context.hasCustomer)
        return { ok: false, field: 'outcome', message: '该回访未关联客户档案，请在受理登记中登记新投诉' };
      return { ok: true, plan: { status: 'DONE', problemFound: true, workflow: followUp, registerComplaint: true } };
  }
}

/** "准确性 5 · 及时性 4 · 服务态度 5" for the history. */
export function scoreSummary(input: Pick<TRecordCallbackInput, (typeof SCORE_FIELDS)[number]>): string {
  const labels: Record<(typeof SCORE_FIELDS)[number], string> = {
    accuracyScore: '准确性',
    timelinessScore: '及时性',
    attitudeScore: '服务态度',
  };
  return SCORE_FIELDS.filter((f) => input[f] != null)
    .map((f) => `${labels[f]} ${input[f]}`)
    .join(' · ');
}
