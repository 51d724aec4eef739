import { z } from 'zod';

/**
 * Key-account nomination criteria (SPEC §2, 001 第五章 6.2): which customers the system proposes as 重要协议客户.
 * Client-safe (the service-rules tab and the key-accounts page import the limits and the schema from here).
 *
 * - 6.2.1 long-term or repeat customers whose cumulative contract amount exceeds a threshold: two criteria here, the
 *   amount over a window of years, and "long-term/repeat" (≥ N contracts or ≥ N years since the first contract);
 * - 6.2.2 regional landmark and 6.2.3 strategic potential: flags staff set on the customer with a reason;
 * - 6.2.4 a good credit record: mandatory, not configurable (creditStanding GOOD).
 *
 * A customer qualifies when it has good credit and meets at least one enabled criterion. The same rules re-check active
 * key accounts every `reviewIntervalMonths`: one that lost good credit or meets no criterion any more is proposed for a
 * downgrade, which a manager decides like a nomination.
 */

export const CRITERIA_LIMITS = {
  maxAmountYuan: 1_000_000_000,
  maxYears: 50,
  maxContracts: 1_000,
  minReviewMonths: 1,
  maxReviewMonths: 60,
  reasonMaxLength: 500,
} as const;

/** Money as a decimal string of yuan with at most two places (stored as entered; never a float). */
const ZAmount = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'keyAccounts.invalidAmount')
  .refine((v) => Number(v) <= CRITERIA_LIMITS.maxAmountYuan, 'keyAccounts.invalidAmount');

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const ZKeyAccountCriteria = z.object({
  cumulativeAmount: z.object({
    enabled: z.boolean(),
    /** ≥ this sum of contract amounts (yuan)… */
    minAmount: ZAmount,
    /** …signed within the last this many years (contracts without a signing date count from their creation). */
    years: int(1, CRITERIA_LIMITS.maxYears),
  }),
  longTerm: z.object({
    enabled: z.boolean(),
    /** ≥ this many contracts (0: not counted)… */
    minContracts: int(0, CRITERIA_LIMITS.maxContracts),
    /** …or ≥ this many years since the first contract (0: not counted). */
    minYears: int(0, CRITERIA_LIMITS.maxYears),
  }),
  regionalLandmark: z.object({ enabled: z.boolean() }),
  strategicPotential: z.object({ enabled: z.boolean() }),
  /** The yearly re-check of active key accounts (months between checks). */
  reviewIntervalMonths: int(CRITERIA_LIMITS.minReviewMonths, CRITERIA_LIMITS.maxReviewMonths),
});
export type KeyAccountCriteria = z.output<typeof ZKeyAccountCriteria>;

export const DEFAULT_KEY_ACCOUNT_CRITERIA: KeyAccountCriteria = {
  cumulativeAmount: { enabled: true, minAmount: '500000.00', years: 3 },
  longTerm: { enabled: true, minContracts: 3, minYears: 5 },
  regionalLandmark: { enabled: true },
  strategicPotential: { enabled: true },
  reviewIntervalMonths: 12,
};

/**
 * The stored setting as the engine reads it: a valid stored value as it is; anything else falls back to the defaults
 * field by field (the seed's older flat shape `{ minCumulativeContractAmount, minRepeatContracts }` is understood).
 */
export function criteriaOf(stored: unknown): KeyAccountCriteria {
  const parsed = ZKeyAccountCriteria.safeParse(stored);
  if (parsed.success) return parsed.data;
  const d = DEFAULT_KEY_ACCOUNT_CRITERIA;
  if (!stored || typeof stored !== 'object') return d;
  const s = stored as Record<string, unknown>;
  const amount = ZAmount.safeParse(s.minCumulativeContractAmount);
  const repeat = int(0, CRITERIA_LIMITS.maxContracts).safeParse(s.minRepeatContracts);
  return {
    ...d,
    cumulativeAmount: { ...d.cumulativeAmount, minAmount: amount.success ? amount.data : d.cumulativeAmount.minAmount },
    longTerm: { ...d.longTerm, minContracts: repeat.success ? repeat.data : d.longTerm.minContracts },
  };
}

export const CRITERION_NAMES = ['CUMULATIVE_AMOUNT', 'LONG_TERM', 'REGIONAL_LANDMARK', 'STRATEGIC_POTENTIAL'] as const;
export type CriterionName = (typeof CRITERION_NAMES)[number];

/** What the proposal knows of one customer (the SQL computes the same in bulk; tests hold the two alike). */
export type CustomerFigures = {
  goodCredit: boolean;
  /** Sum of contract amounts within the window, yuan as a decimal string. */
  amountInWindow: string;
  contractCount: number;
  /** Whole years since the first contract (null: no contract). */
  yearsOfCooperation: number | null;
  regionalLandmark: boolean;
  strategicPotential: boolean;
};

/** Compares two non-negative decimal strings of at most two places exactly (no floats). */
export function compareAmounts(a: string, b: string): number {
  const fen = (v: string) => {
    const [whole = '0', frac = ''] = v.split('.');
    return BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
  };
  const x = fen(a);
  const y = fen(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** The enabled criteria a customer meets (good credit aside). */
export function criteriaMet(criteria: KeyAccountCriteria, f: CustomerFigures): CriterionName[] {
  const met: CriterionName[] = [];
  if (criteria.cumulativeAmount.enabled && compareAmounts(f.amountInWindow, criteria.cumulativeAmount.minAmount) >= 0)
    met.push('CUMULATIVE_AMOUNT');
  const lt = criteria.longTerm;
  if (
    lt.enabled &&
    ((lt.minContracts > 0 && f.contractCount >= lt.minContracts) ||
      (lt.minYears > 0 && f.yearsOfCooperation !== null && f.yearsOfCooperation >= lt.minYears))
  )
    met.push('LONG_TERM');
  if (criteria.regionalLandmark.enabled && f.regionalLandmark) met.push('REGIONAL_LANDMARK');
  if (criteria.strategicPotential.enabled && f.strategicPotential) met.push('STRATEGIC_POTENTIAL');
  return met;
}

/** 6.2.4: good credit is mandatory; then at least one enabled criterion. */
export const qualifies = (criteria: KeyAccountCriteria, f: CustomerFigures) =>
  f.goodCredit && criteriaMet(criteria, f).length > 0;

/** When an active key account is due for its periodic re-check (never checked: counted from `activatedAt`). */
export function reviewDueAt(criteria: KeyAccountCriteria, lastReviewedAt: Date): Date {
  const due = new Date(lastReviewedAt);
  due.setUTCMonth(due.getUTCMonth() + criteria.reviewIntervalMonths);
  return due;
}

// ───────────────────────────── status machine ─────────────────────────────

export type KeyAccountStatusName = 'NONE' | 'CANDIDATE' | 'ACTIVE' | 'UNDER_REVIEW' | 'REVOKED';
export type NominationKindName = 'NOMINATION' | 'DOWNGRADE';
export type Decision = 'APPROVE' | 'REJECT';

/**
 * The customer's key-account status after a decision on an open nomination (candidate → active → under review →
 * revoked). A nomination rejected leaves a customer that was not a key account where it was before the proposal
 * (REVOKED stays REVOKED, otherwise NONE); a downgrade rejected returns it to ACTIVE.
 */
export function statusAfterDecision(kind: NominationKindName, decision: Decision, before: KeyAccountStatusName) {
  if (kind === 'NOMINATION') {
    if (decision === 'APPROVE') return 'ACTIVE';
    return before === 'REVOKED' ? 'REVOKED' : 'NONE';
  }
  return decision === 'APPROVE' ? 'REVOKED' : 'ACTIVE';
}

/** The status a customer takes while a nomination of this kind is open. */
export const statusWhileOpen = (kind: NominationKindName): KeyAccountStatusName =>
  kind === 'NOMINATION' ? 'CANDIDATE' : 'UNDER_REVIEW';

/** Statuses a hand proposal may start from (an active key account or one under review is not proposed again). */
export const PROPOSABLE_STATUSES: readonly KeyAccountStatusName[] = ['NONE', 'REVOKED'];

export const ZDecisionInput = z.object({
  reason: z.string().trim().min(1, 'keyAccounts.reasonRequired').max(CRITERIA_LIMITS.reasonMaxLength),
  ownerId: z.string().uuid('common.invalidId').nullish(),
});

export const ZReason = z.string().trim().min(1, 'keyAccounts.reasonRequired').max(CRITERIA_LIMITS.reasonMaxLength);

export const ZFlagsInput = z
  .object({
    regionalLandmark: z.boolean(),
    regionalLandmarkReason: z.string().trim().max(CRITERIA_LIMITS.reasonMaxLength).nullish(),
    strategicPotential: z.boolean(),
    strategicPotentialReason: z.string().trim().max(CRITERIA_LIMITS.reasonMaxLength).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.regionalLandmark && !v.regionalLandmarkReason)
      ctx.addIssue({ code: 'custom', path: ['regionalLandmarkReason'], message: 'keyAccounts.reasonRequired' });
    if (v.strategicPotential && !v.strategicPotentialReason)
      ctx.addIssue({ code: 'custom', path: ['strategicPotentialReason'], message: 'keyAccounts.reasonRequired' });
  });

/**
 * The key-account status everyone reads. A proposal (the nightly job's or a hand one) writes its open nomination, not
 * the customer's status: while a NOMINATION is open, a customer that is not a key account (NONE, REVOKED) reads as
 * CANDIDATE. `openNomination` is the row's `hasOpenNomination`, which a database trigger keeps (key-account-status.query.ts).
 * (A row stored as CANDIDATE — data from before nominations were kept apart — reads as it is.)
 */
export function effectiveKeyAccountStatus<S extends KeyAccountStatusName>(
  stored: S,
  openNomination: boolean,
): S | 'CANDIDATE' {
  return openNomination && PROPOSABLE_STATUSES.includes(stored) ? 'CANDIDATE' : stored;
}
