import { can } from '@/server/auth/policies';
import type { Resolvers } from '../resolvers-types.generated';
import { CUSTOMER_SELECTION } from '../customers/customer.selection';
import { selectFromInfo } from '../selection';
import { policy, type RootPolicies } from '../policy';
import { mayReadInteraction } from '../interactions/interaction.scope';
import { calleeOf, isOverdue, mayManage, mayRecord } from './callback.rules';

// The columns a callee is read from: the same select on every row, so one loader (one query) serves the page.
const CALLEE_CUSTOMER = { id: true, name: true, contactPerson: true, phone: true } as const;
const CALLEE_CONTACT = {
  id: true,
  customerId: true,
  name: true,
  phone: true,
  mobile: true,
  email: true,
} as const;
import {
  callbackAssignees,
  callbackQueueCounts,
  cancelCallback,
  createCallback,
  getCallback,
  listCallbacks,
  mayReadCallbacks,
  reassignCallback,
  recordCallback,
} from './callback.service';

// Customers hold neither permission, so every root field refuses them; the service checks again with the task in hand
// (who may record or manage it: callback.rules.ts).
export const callbackPolicies: RootPolicies = {
  Query: {
    callbacks: policy.permission('callbacks:read'),
    callback: policy.permission('callbacks:read'),
    callbackQueueCounts: policy.permission('callbacks:read'),
    callbackAssignees: policy.permission('callbacks:write'),
  },
  Mutation: {
    recordCallback: policy.permission('callbacks:write'),
    createCallback: policy.permission('callbacks:write'),
    reassignCallback: policy.permission('callbacks:write'),
    cancelCallback: policy.permission('callbacks:write'),
  },
};

export const callbackResolvers: Resolvers = {
  Query: {
    callbacks: (_, args, { viewer, now }) => listCallbacks(viewer, args, now()),
    callback: (_, { id }, { viewer }) => getCallback(viewer, id),
    callbackQueueCounts: (_, __, { viewer, now }) => callbackQueueCounts(viewer, now()),
    callbackAssignees: (_, __, { viewer }) => callbackAssignees(viewer),
  },
  Mutation: {
    recordCallback: (_, { id, version, input }, { viewer, now }) => recordCallback(viewer, id, version, input, now()),
    createCallback: (_, { input }, { viewer, now }) => createCallback(viewer, input, now()),
    reassignCallback: (_, { id, version, assigneeId, dueAt }, { viewer, now }) =>
      reassignCallback(viewer, id, version, { assigneeId, dueAt }, now()),
    cancelCallback: (_, { id, version, reason }, { viewer }) => cancelCallback(viewer, id, version, reason),
  },
  Callback: {
    // Related records appear only to who may read them in their own right (an API key with callbacks:read alone
    // sees the task, not the customer file or the complaint).
    customer: (c, _, { viewer, loaders }, info) =>
      c.customerId && can(viewer, 'customers:read')
        ? loaders.customerByIdSelecting(selectFromInfo(info, CUSTOMER_SELECTION)).load(c.customerId)
        : null,
    // …and within their own read scope (a department handler's department).
    interaction: async (c, _, { viewer, loaders }) => {
      const row = c.interactionId ? await loaders.interactionById.load(c.interactionId) : null;
      return row && mayReadInteraction(viewer, row) ? row : null;
    },
    resultingInteraction: async (c, _, { viewer, loaders }) => {
      const row = c.resultingInteractionId ? await loaders.interactionById.load(c.resultingInteractionId) : null;
      return row && mayReadInteraction(viewer, row) ? row : null;
    },
    surveyResponse: (c, _, { viewer, loaders }) =>
      c.surveyResponseId && can(viewer, 'surveys:read')
        ? loaders.callbackSurveyResponseById.load(c.surveyResponseId)
        : null,
    assignee: (c, _, { viewer, loaders }) =>
      c.assigneeId && viewer.kind === 'staff' ? loaders.userById.loadNow(c.assigneeId) : null,
    completedBy: (c, _, { viewer, loaders }) =>
      c.completedById && viewer.kind === 'staff' ? loaders.userById.loadNow(c.completedById) : null,
    callee: async (c, _, { viewer, loaders }) => {
      if (viewer.kind !== 'staff' || !can(viewer, 'customers:read')) return null;
      const [complaint, customer, contacts] = await Promise.all([
        c.interactionId ? loaders.interactionById.load(c.interactionId) : null,
        c.customerId ? loaders.customerByIdSelecting(CALLEE_CUSTOMER).load(c.customerId) : null,
        c.customerId ? loaders.contactsByCustomerSelecting(CALLEE_CONTACT).load(c.customerId) : [],
      ]);
      return calleeOf(complaint, customer, contacts);
    },
    overdue: (c, _, { now }) => isOverdue(c, now()),
    unreachableAttempts: async (c, _, { loaders }) =>
      (await loaders.callbackHistory.load(c.id)).filter((h) => h.action === 'UNREACHABLE').length,
    history: (c, _, { viewer, loaders }) => (viewer.kind === 'staff' ? loaders.callbackHistory.load(c.id) : []),
    // The service's own rules, so the UI offers exactly what the service would accept.
    viewerCanRecord: (c, _, { viewer }) =>
      c.status === 'PENDING' && viewer.kind === 'staff' && can(viewer, 'callbacks:write') && mayRecord(viewer, c),
    viewerCanManage: (c, _, { viewer }) =>
      c.status === 'PENDING' && viewer.kind === 'staff' && can(viewer, 'callbacks:write') && mayManage(viewer, c),
  },
  Interaction: {
    // Customers never see callback tasks, nor does anyone without callbacks:read (department handlers).
    callbacks: (i, _, { viewer, loaders }) =>
      mayReadCallbacks(viewer) ? loaders.callbacksByInteraction.load(i.id) : [],
  },
  Customer: {
    callbacks: (c, _, { viewer, loaders }) => (mayReadCallbacks(viewer) ? loaders.callbacksByCustomer.load(c.id) : []),
  },
};
