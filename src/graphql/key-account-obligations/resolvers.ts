import { can } from '@/server/auth/policies';
import type { Resolvers } from '../resolvers-types.generated';
import { CUSTOMER_SELECTION } from '../customers/customer.selection';
import { selectFromInfo } from '../selection';
import { policy, type RootPolicies } from '../policy';
import {
  completeObligation,
  getObligationSchedule,
  listCustomerObligations,
  listObligations,
  mayReadObligations,
  requestQualityReport,
  rescheduleObligation,
  updateObligationSchedule,
} from './key-account-obligation.service';

// Customers hold neither keyaccounts permission, so every root field refuses them; the schedules are service rules.
export const keyAccountObligationPolicies: RootPolicies = {
  Query: {
    keyAccountObligations: policy.permission('keyaccounts:read'),
    keyAccountObligationSchedule: policy.permission('settings:read'),
  },
  Mutation: {
    completeKeyAccountObligation: policy.permission('keyaccounts:write'),
    rescheduleKeyAccountObligation: policy.permission('keyaccounts:write'),
    requestQualityReport: policy.permission('keyaccounts:write'),
    updateObligationSchedule: policy.permission('settings:manage'),
  },
};

const mayWrite = (viewer: Parameters<typeof can>[0]) => viewer.kind === 'staff' && can(viewer, 'keyaccounts:write');

export const keyAccountObligationResolvers: Resolvers = {
  Query: {
    keyAccountObligations: (_, args, { viewer, now }) => listObligations(viewer, args, now()),
    keyAccountObligationSchedule: (_, __, { viewer }) => getObligationSchedule(viewer),
  },
  Mutation: {
    completeKeyAccountObligation: (_, { id, version, input }, { viewer, now }) =>
      completeObligation(viewer, id, version, input, now()),
    rescheduleKeyAccountObligation: (_, { id, version, input }, { viewer, now }) =>
      rescheduleObligation(viewer, id, version, input, now()),
    requestQualityReport: (_, { input }, { viewer, now }) => requestQualityReport(viewer, input, now()),
    updateObligationSchedule: (_, { version, rows }, { viewer }) => updateObligationSchedule(viewer, version, rows),
  },
  KeyAccountObligation: {
    customer: (o, _, { viewer, loaders }, info) =>
      can(viewer, 'customers:read')
        ? loaders.customerByIdSelecting(selectFromInfo(info, CUSTOMER_SELECTION)).load(o.customerId)
        : null,
    owner: (o, _, { viewer, loaders }) =>
      o.ownerId && viewer.kind === 'staff' ? loaders.userById.loadNow(o.ownerId) : null,
    completedBy: (o, _, { viewer, loaders }) =>
      o.completedById && viewer.kind === 'staff' ? loaders.userById.loadNow(o.completedById) : null,
    callback: (o, _, { viewer, loaders }) =>
      o.callbackId && viewer.kind !== 'customer' && can(viewer, 'callbacks:read')
        ? loaders.obligationCallbackById.load(o.callbackId)
        : null,
    overdue: (o, _, { now }) => o.status === 'OPEN' && o.dueAt.getTime() < now().getTime(),
    history: (o, _, { viewer, loaders }) => (viewer.kind === 'staff' ? loaders.obligationHistory.load(o.id) : []),
    attachments: (o, _, { loaders }) => loaders.obligationAttachments.load(o.id),
    viewerCanComplete: (o, _, { viewer }) =>
      o.status === 'OPEN' && !(o.kind === 'CALLBACK' && o.callbackId) && mayWrite(viewer),
    viewerCanReschedule: (o, _, { viewer }) => o.status === 'OPEN' && mayWrite(viewer),
  },
  Customer: {
    // Gated by keyaccounts:read: customers never see the company's work plan for them (nor API keys without it).
    keyAccountObligations: (c, args, { viewer }) =>
      mayReadObligations(viewer) ? listCustomerObligations(c.id, args) : null,
  },
};
