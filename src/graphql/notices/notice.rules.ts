import { z } from 'zod';
import type { NoticeLevel, NoticeStatus } from '@/generated/prisma/enums';
import { badInput } from '@/server/errors';
import { errorKey, zodFieldErrors } from '@/server/error-keys';
import { requiredText } from '../input.rules';
import { MAX_ATTACHMENTS } from '../interactions/intake.rules';
import { ZNoticeAudience } from './notice-audience.rules';

/**
 * Pure rules of notices (SPEC §8 信息公告, seed 004 W08-02: 紧急/重要/一般/温馨提示): levels, the workflow, when a
 * notice is shown, and the write input. No database, no clock (callers pass `now`).
 *
 * DRAFT → (submit) → PUBLISHED, or PENDING_APPROVAL when the level needs the service manager's approval (urgent, while
 * the setting `noticeApproval` says so) → (approve) → PUBLISHED; DRAFT, PENDING_APPROVAL and PUBLISHED → WITHDRAWN.
 * A published notice is shown from publishAt until expiresAt ("publishing is by time").
 */
export const NOTICE_LEVELS = ['URGENT', 'IMPORTANT', 'GENERAL', 'REMINDER'] as const satisfies readonly NoticeLevel[];
export const NOTICE_STATUSES = [
  'DRAFT',
  'PENDING_APPROVAL',
  'PUBLISHED',
  'WITHDRAWN',
] as const satisfies readonly NoticeStatus[];
export const NOTICE_TITLE_MAX = 120;
export const NOTICE_BODY_MAX = 20_000;
export const WITHDRAW_REASON_MAX = 500;
/** Files on one notice (the intake's limits on size and type apply to each: POST /api/uploads checks them). */
export const NOTICE_MAX_ATTACHMENTS = MAX_ATTACHMENTS;

/** Most urgent first: the order of the portal's list. */
export const levelRank = (level: NoticeLevel): number => NOTICE_LEVELS.indexOf(level);

/** The setting `noticeApproval` ({ "urgent": true }): whether urgent notices wait for the service manager. */
export const NOTICE_APPROVAL_SETTING = 'noticeApproval';
export function readApprovalSetting(value: unknown): { urgent: boolean } {
  const parsed = z.object({ urgent: z.boolean() }).safeParse(value);
  return parsed.success ? parsed.data : { urgent: true };
}

export const needsApproval = (level: NoticeLevel, setting: { urgent: boolean }) => level === 'URGENT' && setting.urgent;

/** Which statuses a notice may be edited in: an approved or withdrawn notice is not changed behind the approver. */
export const EDITABLE: readonly NoticeStatus[] = ['DRAFT', 'PENDING_APPROVAL'];
export const WITHDRAWABLE: readonly NoticeStatus[] = ['DRAFT', 'PENDING_APPROVAL', 'PUBLISHED'];

type Timed = { status: NoticeStatus; publishAt: Date | null; expiresAt: Date | null };

/** Shown to its audience now: published, its time has come, not expired. */
export const isActive = (n: Timed, now: Date) =>
  n.status === 'PUBLISHED' &&
  !!n.publishAt &&
  n.publishAt.getTime() <= now.getTime() &&
  (!n.expiresAt || n.expiresAt.getTime() > now.getTime());

/** What the console shows: SCHEDULED (published, not yet due) and EXPIRED are read from the times. */
export type NoticePhase = NoticeStatus | 'SCHEDULED' | 'EXPIRED';
export function phaseOf(n: Timed, now: Date): NoticePhase {
  if (n.status !== 'PUBLISHED') return n.status;
  if (n.expiresAt && n.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  if (!n.publishAt || n.publishAt.getTime() > now.getTime()) return 'SCHEDULED';
  return 'PUBLISHED';
}

const ZNoticeInput = z
  .object({
    title: requiredText(NOTICE_TITLE_MAX, 'notice.titleRequired'),
    level: z.enum(NOTICE_LEVELS),
    body: z.string().max(NOTICE_BODY_MAX),
    audience: ZNoticeAudience,
    publishAt: z.date().nullish(),
    expiresAt: z.date().nullish(),
    // Uploads (POST /api/uploads tokens) to attach, and attachments to remove (while the notice is editable).
    attachmentTokens: z.array(z.string().min(1).max(200)).max(NOTICE_MAX_ATTACHMENTS).nullish(),
    removeAttachmentIds: z.array(z.uuid()).max(100).nullish(),
  })
  .superRefine((n, ctx) => {
    if (n.expiresAt && n.publishAt && n.expiresAt.getTime() <= n.publishAt.getTime())
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: errorKey('notice.expiresBeforePublish') });
  });

export type TNoticeInput = z.output<typeof ZNoticeInput>;
export type NoticeInputRaw = z.input<typeof ZNoticeInput>;

export function parseNoticeInput(input: unknown): TNoticeInput {
  const parsed = ZNoticeInput.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  return parsed.data;
}

/** Read rate in percent (one decimal), null while nobody is reached. */
export const readRate = (readers: number, reach: number): number | null =>
  reach > 0 ? Math.round((readers / reach) * 1000) / 10 : null;
