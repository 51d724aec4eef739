import type { Tx } from '@/server/db';
import { loadBusinessCalendar } from './business-calendar';
import { addBusinessHours, pickSlaRule } from './sla-clock.rules';

/**
 * Due times set when a record is registered (SPEC §4): the responsible department decided within the rule's triage
 * hours (4 business hours by default), and a first resolution target by type (refined by severity at triage).
 */
export async function intakeDueTimes(tx: Tx, record: { type: 'CONSULTATION' | 'INQUIRY' | 'COMPLAINT' | 'SUGGESTION'; isKeyAccount: boolean; registeredAt: Date }) {
  const rules = await tx.slaRule.findMany({ where: { active: true } });
  // Before triage a complaint runs on the general clock; triage re-targets it by severity.
  const rule = pickSlaRule(rules, { type: record.type, severity: record.type === 'COMPLAINT' ? 'GENERAL' : null, keyAccount: record.isKeyAccount });
  if (!rule) return { triageDueAt: null, resolutionDueAt: null };
  const calendar = await loadBusinessCalendar(tx);
  return {
    triageDueAt: addBusinessHours(record.registeredAt, rule.triageHours, calendar),
    resolutionDueAt: addBusinessHours(record.registeredAt, rule.resolutionHours, calendar),
  };
}
