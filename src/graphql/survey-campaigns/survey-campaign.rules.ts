import { z } from 'zod';
import type { CampaignStatus, CustomerGrade, KeyAccountStatus } from '@/generated/prisma/enums';
import { badInput } from '@/server/errors';
import { type ErrorKey, errorKey, zodFieldErrors } from '@/server/error-keys';
import { DEFAULT_REMINDER_DAYS, MAX_REMINDER_DAY, MAX_REMINDERS, PERIOD_LABEL } from './survey-campaign-limits.rules';

export { DEFAULT_REMINDER_DAYS, PERIOD_LABEL };

/**
 * Pure rules of survey campaigns (SPEC §6 "campaigns: to all or a segment of customers, per service cycle / quarterly /
 * half-yearly; personal links; reminders; response tracking"; [000 §4.7.1] "在第一个服务周期内下发…每季度…汇总"):
 * the input, the audience, the campaign's states, what a personal link shows, and when reminders are due.
 */

// ───────────────────────────── input ─────────────────────────────

const GRADES = ['A', 'B', 'C', 'D'] as const satisfies readonly CustomerGrade[];
const KEY_ACCOUNT = ['NONE', 'CANDIDATE', 'ACTIVE', 'REVOKED'] as const satisfies readonly KeyAccountStatus[];

const texts = (max: number) =>
  z
    .array(z.string().trim().min(1).max(100))
    .max(max)
    .nullish()
    .transform((v) => [...new Set(v ?? [])]);
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export const ZSurveyAudienceInput = z
  .object({
    provinces: texts(100),
    industries: texts(100),
    grades: z
      .array(z.enum(GRADES))
      .nullish()
      .transform((v) => [...new Set(v ?? [])]),
    keyAccountStatuses: z
      .array(z.enum(KEY_ACCOUNT))
      .nullish()
      .transform((v) => [...new Set(v ?? [])]),
    complaintClosed: z.object({ from: z.date().nullish(), to: z.date().nullish() }).nullish(),
    customerIds: z
      .array(z.uuid({ error: errorKey('common.invalidId') }))
      .max(10_000, { message: errorKey('survey.tooManyCustomers') })
      .nullish()
      .transform((v) => [...new Set(v ?? [])]),
  })
  .superRefine((a, ctx) => {
    const { from, to } = a.complaintClosed ?? {};
    if (from && to && from > to)
      ctx.addIssue({ code: 'custom', path: ['complaintClosed', 'to'], message: errorKey('customer.endBeforeStart') });
  })
  .transform((a): StoredAudience => ({
    provinces: a.provinces,
    industries: a.industries,
    grades: a.grades,
    keyAccountStatuses: a.keyAccountStatuses,
    complaintClosedFrom: a.complaintClosed?.from ? isoDate(a.complaintClosed.from) : null,
    complaintClosedTo: a.complaintClosed?.to ? isoDate(a.complaintClosed.to) : null,
    customerIds: a.customerIds,
  }));

/** The audience as stored in SurveyCampaign.audience (JSON) and shown as SurveyAudience; dates are YYYY-MM-DD. */
export type StoredAudience = {
  provinces: string[];
  industries: string[];
  grades: CustomerGrade[];
  keyAccountStatuses: KeyAccountStatus[];
  complaintClosedFrom: string | null;
  complaintClosedTo: string | null;
  customerIds: string[];
};

export const ZSurveyCampaignInput = z
  .object({
    templateId: z.uuid({ error: errorKey('survey.templateRequired') }),
    name: z
      .string()
      .trim()
      .min(1, { message: errorKey('validation.required') })
      .max(200),
    description: z
      .string()
      .trim()
      .max(2000)
      .nullish()
      .transform((v) => (v ? v : null)),
    periodLabel: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(PERIOD_LABEL, { message: errorKey('survey.periodFormat') })),
    audience: ZSurveyAudienceInput,
    opensAt: z.date({ error: errorKey('validation.required') }),
    closesAt: z.date({ error: errorKey('validation.required') }),
    reminderDays: z
      .array(
        z
          .number()
          .int({ message: errorKey('validation.notInteger') })
          .min(1, { message: errorKey('survey.reminderDaysRange') })
          .max(MAX_REMINDER_DAY, { message: errorKey('survey.reminderDaysRange') }),
      )
      .max(MAX_REMINDERS, { message: errorKey('survey.tooManyReminders') })
      .nullish()
      .transform((v) => [...new Set(v ?? DEFAULT_REMINDER_DAYS)].sort((a, b) => a - b)),
  })
  .superRefine((c, ctx) => {
    if (c.closesAt <= c.opensAt)
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: errorKey('survey.closesBeforeOpens') });
  });

export type TSurveyCampaignInput = z.output<typeof ZSurveyCampaignInput>;

export function parseCampaignInput(input: unknown): TSurveyCampaignInput {
  const parsed = ZSurveyCampaignInput.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  return parsed.data;
}

export function parseAudienceInput(input: unknown): StoredAudience {
  const parsed = ZSurveyAudienceInput.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  return parsed.data;
}

/** SurveyCampaign.audience read defensively (a stored value is ours, but JSON has no type). */
export function storedAudience(json: unknown): StoredAudience {
  const a = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  return {
    provinces: strings(a.provinces),
    industries: strings(a.industries),
    grades: strings(a.grades).filter((g): g is CustomerGrade => (GRADES as readonly string[]).includes(g)),
    keyAccountStatuses: strings(a.keyAccountStatuses).filter((k): k is KeyAccountStatus =>
      (KEY_ACCOUNT as readonly string[]).includes(k),
    ),
    complaintClosedFrom: date(a.complaintClosedFrom),
    complaintClosedTo: date(a.complaintClosedTo),
    customerIds: strings(a.customerIds),
  };
}

/** SurveyCampaign.reminderSchedule read defensively: ascending whole days. */
export function reminderSchedule(json: unknown): number[] {
  if (!Array.isArray(json)) return [];
  return [...new Set(json.filter((d): d is number => typeof d === 'number' && Number.isInteger(d) && d > 0))].sort(
    (a, b) => a - b,
  );
}

// ───────────────────────────── states ─────────────────────────────

/**
 * DRAFT ─launch→ OPEN ─close (staff, or the sweep once closesAt has passed)→ CLOSED. Only drafts are edited; a campaign
 * is launched once (the invitations are a snapshot of the audience) and never reopened (SPEC §6: one response per link,
 * no responses after closing).
 */
export type CampaignCommand = 'UPDATE' | 'LAUNCH' | 'CLOSE';
export function campaignCommandAllowed(status: CampaignStatus, command: CampaignCommand): boolean {
  switch (command) {
    case 'UPDATE':
    case 'LAUNCH':
      return status === 'DRAFT';
    case 'CLOSE':
      return status === 'OPEN';
  }
}

export type SurveyFormState = 'OPEN' | 'NOT_YET_OPEN' | 'CLOSED' | 'EXPIRED' | 'SUBMITTED';
type CampaignWindow = { status: CampaignStatus; opensAt: Date; closesAt: Date };

/**
 * What a personal link shows. Answered wins (the link has done its job); then the closing date (EXPIRED — also after
 * the sweep has closed the campaign for it); then a close by staff before the date (CLOSED); then not yet open.
 */
export function formState(campaign: CampaignWindow, submittedAt: Date | null, now: Date): SurveyFormState {
  if (submittedAt) return 'SUBMITTED';
  if (now >= campaign.closesAt) return 'EXPIRED';
  if (campaign.status !== 'OPEN') return 'CLOSED';
  if (now < campaign.opensAt) return 'NOT_YET_OPEN';
  return 'OPEN';
}

export const FORM_STATE_MESSAGE: Record<Exclude<SurveyFormState, 'OPEN'>, ErrorKey> = {
  SUBMITTED: 'survey.formSubmitted',
  EXPIRED: 'survey.formExpired',
  CLOSED: 'survey.formClosed',
  NOT_YET_OPEN: 'survey.formNotYetOpen',
};

export type InvitationState = 'NOT_SENT' | 'SENT' | 'OPENED' | 'RESPONDED';
export function invitationState(i: {
  sentAt: Date | null;
  openedAt: Date | null;
  respondedAt: Date | null;
}): InvitationState {
  if (i.respondedAt) return 'RESPONDED';
  if (i.openedAt) return 'OPENED';
  if (i.sentAt) return 'SENT';
  return 'NOT_SENT';
}

// ───────────────────────────── reminders ─────────────────────────────

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How many of the scheduled reminders are due for an invitation sent at `sentAt`: the days d of the schedule with
 * sentAt + d days ≤ now. A non-respondent whose `reminderCount` is below this gets one reminder and its count is set
 * to it — after a pause (or a manual "remind now", which also counts) the customer gets one mail for the latest step
 * due, never a burst of the steps missed.
 */
export function remindersDue(sentAt: Date, schedule: readonly number[], now: Date): number {
  return schedule.filter((d) => sentAt.getTime() + d * DAY_MS <= now.getTime()).length;
}

/** A manual "remind now" skips invitations mailed (invited or reminded) within this window: a double click sends once. */
export const MANUAL_REMINDER_GAP_MS = 60 * 60 * 1000;
