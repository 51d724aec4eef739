import { z } from 'zod';
import type {
  CallbackStatus,
  ExchangeSummaryStatus,
  InteractionType,
  ObligationKind,
  Severity,
} from '@/generated/prisma/enums';
import { errorKey } from '@/server/error-keys';
import { optionalText } from '../input.rules';
import { MAX_RECIPIENT_DEPARTMENTS, SUMMARY_TEXT_MAX } from './summary-period.rules';

/**
 * Pure rules of the 《客户服务交流信息》 (SPEC §2, [001 第五章 7.7]): what its figures count, from the rows of one key
 * account's period, and the editable input. The service reads the rows; everything counted here is unit-tested.
 */

// ───────────────────────────── figures ─────────────────────────────

export type ComplaintRow = {
  isOpenComplaint: boolean | null;
  severity: Severity | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
};
export type CallbackRow = { status: CallbackStatus; dueAt: Date; completedAt: Date | null };
export type ResponseRow = { indexScore: { toString(): string } | number | null; lowScore: boolean };
export type ObligationRow = { id: string; kind: ObligationKind; dueAt: Date; note: string | null };

export type SummaryFigures = {
  complaints: {
    received: number;
    open: number;
    closed: number;
    /** Resolved after their resolution due time, or still open past it. */
    overdue: number;
    general: number;
    major: number;
    crisis: number;
  };
  /** Other intake of the period, by type. */
  interactions: { consultation: number; inquiry: number; suggestion: number };
  callbacks: {
    /** Done within the period. */
    done: number;
    /** Still pending and due before the period's end. */
    pending: number;
    /** Of those pending, past due when the figures were taken. */
    overdue: number;
  };
  satisfaction: { responses: number; averageIndex: number | null; lowScores: number };
  obligations: {
    open: number;
    overdue: number;
    items: { id: string; kind: ObligationKind; dueAt: string; overdue: boolean; note: string | null }[];
  };
};

/** A complaint is overdue when its resolution came, or has not come by `now`, after its due time. */
export function isComplaintOverdue(row: ComplaintRow, now: Date): boolean {
  if (!row.resolutionDueAt) return false;
  const resolvedOrNow = row.isOpenComplaint ? now : (row.resolvedAt ?? now);
  return resolvedOrNow.getTime() > row.resolutionDueAt.getTime();
}

export function complaintFigures(rows: readonly ComplaintRow[], now: Date): SummaryFigures['complaints'] {
  const open = rows.filter((r) => r.isOpenComplaint).length;
  return {
    received: rows.length,
    open,
    closed: rows.length - open,
    overdue: rows.filter((r) => isComplaintOverdue(r, now)).length,
    general: rows.filter((r) => r.severity === 'GENERAL').length,
    major: rows.filter((r) => r.severity === 'MAJOR').length,
    crisis: rows.filter((r) => r.severity === 'CRISIS').length,
  };
}

export function interactionFigures(
  counts: readonly { type: InteractionType; count: number }[],
): SummaryFigures['interactions'] {
  const of = (type: InteractionType) => counts.find((c) => c.type === type)?.count ?? 0;
  return { consultation: of('CONSULTATION'), inquiry: of('INQUIRY'), suggestion: of('SUGGESTION') };
}

/** Callbacks of the period: done in it, and pending ones due before its end (overdue when past due at `now`). */
export function callbackFigures(
  rows: readonly CallbackRow[],
  period: { start: Date; end: Date },
  now: Date,
): SummaryFigures['callbacks'] {
  const within = (at: Date | null) => !!at && at >= period.start && at < period.end;
  const pending = rows.filter((r) => r.status === 'PENDING' && r.dueAt < period.end);
  return {
    done: rows.filter((r) => r.status === 'DONE' && within(r.completedAt)).length,
    pending: pending.length,
    overdue: pending.filter((r) => r.dueAt < now).length,
  };
}

/** The average satisfaction index (0–100, one decimal) of the responses that carry one; null without any. */
export function satisfactionFigures(rows: readonly ResponseRow[]): SummaryFigures['satisfaction'] {
  const scores = rows.filter((r) => r.indexScore !== null).map((r) => Number(r.indexScore!.toString()));
  const average = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null;
  return { responses: rows.length, averageIndex: average, lowScores: rows.filter((r) => r.lowScore).length };
}

/** The obligations still open when the figures are taken, earliest due first. */
export function obligationFigures(rows: readonly ObligationRow[], now: Date): SummaryFigures['obligations'] {
  const items = [...rows]
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id))
    .map((o) => ({ id: o.id, kind: o.kind, dueAt: o.dueAt.toISOString(), overdue: o.dueAt < now, note: o.note }));
  return { open: items.length, overdue: items.filter((i) => i.overdue).length, items };
}

// ───────────────────────────── states and input ─────────────────────────────

/** Editing, regenerating and issuing are for drafts only; an issued summary is a record (read-only). */
export const isEditable = (status: ExchangeSummaryStatus) => status === 'DRAFT';

export const ZUpdateSummaryInput = z.object({
  customerNeeds: optionalText(SUMMARY_TEXT_MAX),
  difficulties: optionalText(SUMMARY_TEXT_MAX),
  measures: optionalText(SUMMARY_TEXT_MAX),
  recipientDepartmentIds: z
    .array(z.uuid({ error: errorKey('common.invalidId') }))
    .max(MAX_RECIPIENT_DEPARTMENTS)
    .nullish()
    .transform((v) => (v ? [...new Set(v)] : undefined)),
});
export type TUpdateSummaryInput = z.output<typeof ZUpdateSummaryInput>;
