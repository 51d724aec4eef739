import type { CauseClass } from '../complaints/complaint-workflow.rules';

/**
 * The parts of the periodic complaint & service report (SPEC §9, [002 C9 5.9]) that the monthly summary does not
 * have: the Pareto of causes, the status of the corrective actions of the top causes (the improvement focus), and
 * satisfaction beside complaints. Pure, so every figure is unit-tested on hand-computed data.
 *
 * Definitions:
 * - A cause is a cause class × responsible department of the period's complaints (untriaged, unassigned complaints
 *   are not a cause and are left out). Pareto: causes by count, most first, each with its share of the period's
 *   complaints and the cumulative share; the "vital few" are the causes up to and including the one whose cumulative
 *   share reaches 80 %.
 * - Actions of a cause: the corrective, preventive and containment actions of the period's complaints of that cause.
 *   Open = OPEN or IN_PROGRESS; done = DONE or VERIFIED; overdue = open with a due time before `asOf`; cancelled ones
 *   are left out.
 * - Satisfaction: survey responses submitted in the period. Index = the mean of the responses' index (0–100);
 *   NPS = (promoters − detractors) ÷ all NPS answers × 100; low scores = responses flagged low.
 * - Callback score: the mean of the accuracy, timeliness and attitude scores (1–5) of callbacks completed in the
 *   period, over the callbacks with at least one score.
 */

export const TOP_CAUSES = 5;
export const VITAL_SHARE = 0.8;

export type CauseCount = {
  causeClass: CauseClass | null;
  departmentId: string | null;
  departmentName: string | null;
  count: number;
};
export type ParetoRow = CauseCount & { share: number; cumulativeShare: number; vital: boolean };

const causeKey = (c: { causeClass: CauseClass | null; departmentId: string | null }) =>
  `${c.causeClass ?? ''}|${c.departmentId ?? ''}`;

/** Pareto of causes over `total` complaints of the period (see above). */
export function pareto(causes: readonly CauseCount[], total: number): ParetoRow[] {
  const rows = causes
    .filter((c) => c.count > 0 && (c.causeClass !== null || c.departmentId !== null))
    .toSorted(
      (a, b) =>
        b.count - a.count ||
        `${a.causeClass ?? ''}${a.departmentName ?? ''}`.localeCompare(
          `${b.causeClass ?? ''}${b.departmentName ?? ''}`,
        ),
    );
  let cumulative = 0;
  let reached = false;
  return rows.map((c) => {
    cumulative += c.count;
    const cumulativeShare = total > 0 ? cumulative / total : 0;
    const vital = !reached;
    if (cumulativeShare >= VITAL_SHARE - 1e-9) reached = true;
    return { ...c, share: total > 0 ? c.count / total : 0, cumulativeShare, vital };
  });
}

export type ActionFact = {
  causeClass: CauseClass | null;
  departmentId: string | null;
  status: 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'VERIFIED' | 'CANCELLED';
  dueAt: Date | null;
};
export type ActionStatusCounts = { actions: number; open: number; done: number; verified: number; overdue: number };
export type TopCauseRow = ParetoRow & ActionStatusCounts;

/** The top causes of the Pareto with the status of their actions as of `asOf`. */
export function topCausesWithActions(rows: readonly ParetoRow[], actions: readonly ActionFact[], asOf: Date) {
  const counts = new Map<string, ActionStatusCounts>();
  for (const a of actions) {
    if (a.status === 'CANCELLED') continue;
    const key = causeKey(a);
    const c = counts.get(key) ?? { actions: 0, open: 0, done: 0, verified: 0, overdue: 0 };
    c.actions += 1;
    if (a.status === 'DONE' || a.status === 'VERIFIED') c.done += 1;
    else c.open += 1;
    if (a.status === 'VERIFIED') c.verified += 1;
    if ((a.status === 'OPEN' || a.status === 'IN_PROGRESS') && a.dueAt !== null && a.dueAt < asOf) c.overdue += 1;
    counts.set(key, c);
  }
  return rows.slice(0, TOP_CAUSES).map((r): TopCauseRow => ({
    ...r,
    ...(counts.get(causeKey(r)) ?? { actions: 0, open: 0, done: 0, verified: 0, overdue: 0 }),
  }));
}

/** Survey responses submitted in the period, summed by the database. */
export type SatisfactionTotals = {
  responses: number;
  /** Mean index of the responses that have one; null when none has. */
  averageIndex: number | null;
  lowScores: number;
  npsPromoters: number;
  npsPassives: number;
  npsDetractors: number;
};
export type CallbackScoreFact = {
  accuracyScore: number | null;
  timelinessScore: number | null;
  attitudeScore: number | null;
};
export type SatisfactionSummary = {
  responses: number;
  averageIndex: number | null;
  lowScores: number;
  nps: number | null;
  callbacksScored: number;
  averageCallbackScore: number | null;
};

const round1 = (value: number) => Math.round(value * 10) / 10;
const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

export function satisfactionSummary(
  totals: SatisfactionTotals,
  callbacks: readonly CallbackScoreFact[],
): SatisfactionSummary {
  const answers = totals.npsPromoters + totals.npsPassives + totals.npsDetractors;
  const perCallback = callbacks.flatMap((c) => {
    const m = mean([c.accuracyScore, c.timelinessScore, c.attitudeScore].filter((v): v is number => v !== null));
    return m === null ? [] : [m];
  });
  const callbackMean = mean(perCallback);
  return {
    responses: totals.responses,
    averageIndex: totals.averageIndex === null ? null : round1(totals.averageIndex),
    lowScores: totals.lowScores,
    nps: answers > 0 ? round1(((totals.npsPromoters - totals.npsDetractors) / answers) * 100) : null,
    callbacksScored: perCallback.length,
    averageCallbackScore: callbackMean === null ? null : Math.round(callbackMean * 100) / 100,
  };
}
