import 'server-only';
import type { Tx } from '@/server/db';
import { loadBusinessCalendar } from './business-calendar.service';
import { stepHoursOf, stepOf, stepTransition } from './complaint-steps.rules';
import { addBusinessHours, slaTargets } from './sla-clock.rules';

type SlaSubject = {
  type: 'CONSULTATION' | 'INQUIRY' | 'COMPLAINT' | 'SUGGESTION';
  severity: 'GENERAL' | 'MAJOR' | 'CRISIS' | null;
  isKeyAccount: boolean;
};

/** A record's targets under the active SLA rules (the shortest of every matching rule's), or null. */
export async function slaTargetsFor(tx: Tx, record: SlaSubject) {
  const rules = await tx.slaRule.findMany({ where: { active: true } });
  return slaTargets(rules, { type: record.type, severity: record.severity, keyAccount: record.isKeyAccount });
}

/**
 * Due times counted from registration in business hours (SPEC §4): the responsible department decided within the
 * rule's triage hours (4 by default) and the resolution target. At intake a complaint runs on the general clock;
 * triage re-targets it by severity.
 */
export async function dueTimesFor(tx: Tx, record: SlaSubject & { registeredAt: Date }) {
  const severity = record.severity ?? (record.type === 'COMPLAINT' ? 'GENERAL' : null);
  const targets = await slaTargetsFor(tx, { ...record, severity });
  if (!targets) return { triageDueAt: null, resolutionDueAt: null };
  const calendar = await loadBusinessCalendar(tx);
  return {
    triageDueAt: addBusinessHours(record.registeredAt, targets.triageHours, calendar),
    resolutionDueAt: addBusinessHours(record.registeredAt, targets.resolutionHours, calendar),
  };
}

/** Due times set when a record is registered. */
export const intakeDueTimes = (
  tx: Tx,
  record: { type: SlaSubject['type']; isKeyAccount: boolean; registeredAt: Date },
) => dueTimesFor(tx, { ...record, severity: null });

/**
 * The step clock after a transition (complaint-steps.rules.ts): a new step's due time counted from `now` by the rule's
 * hours for that step, `undefined` to keep the current one (still the same step), null when no step waits any more.
 */
export async function stepDueAtAfter(
  tx: Tx,
  record: SlaSubject,
  from: string,
  to: string,
  now: Date,
): Promise<Date | null | undefined> {
  const next = stepOf(to);
  if (!next) return null;
  if (next === stepOf(from)) return undefined;
  const targets = await slaTargetsFor(tx, record);
  if (!targets) return null;
  const change = stepTransition(from, to, {
    triageHours: targets.triageHours,
    steps: stepHoursOf(targets.rule.stepHours),
  });
  if (change.kind !== 'start') return change.kind === 'clear' ? null : undefined;
  return addBusinessHours(now, change.hours, await loadBusinessCalendar(tx));
}
