import { CONFIGURABLE_STEPS, stepHoursOf } from '../complaints/complaint-steps.rules';
import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import {
  addCalendarDays,
  importOfficialHolidays,
  createSlaRule,
  getApprovalAuthority,
  getBusinessHours,
  getEscalationPolicy,
  listCalendarDays,
  listServiceRuleChanges,
  listSlaRules,
  removeCalendarDay,
  setSlaRuleActive,
  slaRulePreview,
  updateApprovalAuthority,
  updateBusinessHours,
  updateCalendarDay,
  updateEscalationPolicy,
  updateSlaRule,
} from './service-rules.service';
import { rowMessage } from '@/lib/activity';

// The clock's configuration is read by those who run or oversee the desk (settings:read) and changed by the
// administrator and the service manager (settings:manage); API keys carry neither.
const read = policy.permission('settings:read');
const manage = policy.permission('settings:manage');

export const serviceRulePolicies: RootPolicies = {
  Query: {
    slaRules: read,
    slaRulePreview: read,
    businessHours: read,
    calendarDays: read,
    approvalAuthority: read,
    escalationPolicy: read,
    serviceRuleChanges: read,
  },
  Mutation: {
    createSlaRule: manage,
    updateSlaRule: manage,
    setSlaRuleActive: manage,
    updateBusinessHours: manage,
    addCalendarDays: manage,
    updateCalendarDay: manage,
    removeCalendarDay: manage,
    importOfficialHolidays: manage,
    updateApprovalAuthority: manage,
    updateEscalationPolicy: manage,
  },
};

export const serviceRuleResolvers: Resolvers = {
  Query: {
    slaRules: (_, { includeInactive }, { viewer }) => listSlaRules(viewer, { includeInactive }),
    slaRulePreview: (_, args, { viewer, now }) => slaRulePreview(viewer, args, now()),
    businessHours: (_, __, { viewer }) => getBusinessHours(viewer),
    calendarDays: (_, { year }, { viewer }) => listCalendarDays(viewer, year),
    approvalAuthority: (_, __, { viewer }) => getApprovalAuthority(viewer),
    escalationPolicy: (_, __, { viewer }) => getEscalationPolicy(viewer),
    serviceRuleChanges: (_, { first }, { viewer }) => listServiceRuleChanges(viewer, first ?? 20),
  },
  Mutation: {
    createSlaRule: (_, { input }, { viewer }) => createSlaRule(viewer, input),
    updateSlaRule: (_, { id, version, input }, { viewer }) => updateSlaRule(viewer, id, version, input),
    setSlaRuleActive: (_, { id, version, active }, { viewer }) => setSlaRuleActive(viewer, id, version, active),
    updateBusinessHours: (_, { version, input }, { viewer }) => updateBusinessHours(viewer, version, input),
    addCalendarDays: (_, { input }, { viewer }) => addCalendarDays(viewer, input),
    updateCalendarDay: (_, { date, version, input }, { viewer }) => updateCalendarDay(viewer, date, version, input),
    removeCalendarDay: (_, { date, version }, { viewer }) => removeCalendarDay(viewer, date, version),
    importOfficialHolidays: (_, { year }, { viewer }) => importOfficialHolidays(viewer, year),
    updateApprovalAuthority: (_, { version, input }, { viewer }) => updateApprovalAuthority(viewer, version, input),
    updateEscalationPolicy: (_, { version, input }, { viewer }) => updateEscalationPolicy(viewer, version, input),
  },
  SlaRule: {
    stepHours: (r) => {
      const hours = stepHoursOf(r.stepHours);
      return CONFIGURABLE_STEPS.map((step) => ({ step, hours: hours[step] }));
    },
  },
  ServiceRuleChange: {
    actor: (h, _, { loaders }) => (h.actorId ? loaders.userById.loadNow(h.actorId) : null),
    changes: (h) => h.changes,
    message: rowMessage,
  },
};
