import 'server-only';
import type { Tx } from '@/server/db';
import { loadBusinessCalendar } from './business-calendar.service';
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
