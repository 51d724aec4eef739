import { can } from '@/server/auth/policies';
import type { Resolvers } from '../resolvers-types.generated';
import { CUSTOMER_SELECTION } from '../customers/customer.selection';
import { mayReadInteraction } from '../interactions/interaction.scope';
import { selectFromInfo } from '../selection';
import { policy, type RootPolicies } from '../policy';
import { onSiteComplaintOverdue, partsOf } from './work-order.rules';
import { weeklyStats } from './work-order-stats.service';
import {
  addWarrantyLine,
  advanceWorkOrder,
  assignWorkOrder,
  cancelWorkOrder,
  closeWorkOrder,
  confirmVisit,
  createWorkOrder,
  flagComplaint,
  getWorkOrder,
  listTechnicians,
  listWorkOrders,
  recordWork,
  registerComplaint,
  reportBack,
  signOff,
  technicianDay,
  viewerActions,
} from './work-order.service';

// The service narrows further: a technician to their own orders, the dispatcher's and the technician's steps apart.
export const workOrderPolicies: RootPolicies = {
  Query: {
    workOrders: policy.ownCustomerOr('workorders:read'),
    workOrder: policy.ownCustomerOr('workorders:read'),
    technicianDay: policy.permission('workorders:read'),
    workOrderTechnicians: policy.permission('workorders:read'),
    workOrderWeeklyStats: policy.permission('workorders:read'),
  },
  Mutation: {
    createWorkOrder: policy.permission('workorders:write'),
    assignWorkOrder: policy.permission('workorders:write'),
    advanceWorkOrder: policy.permission('workorders:write'),
    recordWorkOrderWork: policy.permission('workorders:write'),
    signOffWorkOrder: policy.permission('workorders:write'),
    flagWorkOrderComplaint: policy.permission('workorders:write'),
    // The service desk (interactions:write), or the order's own technician and the dispatcher (workorders:write).
    registerWorkOrderComplaint: policy.anyPermission('interactions:write', 'workorders:write'),
    addWorkOrderWarrantyLine: policy.permission('workorders:write'),
    reportBackWorkOrder: policy.permission('workorders:write'),
    closeWorkOrder: policy.permission('workorders:write'),
    cancelWorkOrder: policy.permission('workorders:write'),
    confirmWorkOrderVisit: policy.ownCustomerOr('workorders:write'),
  },
};

const staffOnly = <T>(viewer: { kind: string }, value: T): T | null => (viewer.kind === 'customer' ? null : value);

export const workOrderResolvers: Resolvers = {
  Query: {
    workOrders: (_, args, { viewer }) => listWorkOrders(viewer, args),
    workOrder: (_, { id }, { viewer }) => getWorkOrder(viewer, id),
    technicianDay: (_, args, { viewer, now }) => technicianDay(viewer, args, now()),
    workOrderTechnicians: (_, __, { viewer }) => listTechnicians(viewer),
    workOrderWeeklyStats: (_, { weekStart }, { viewer }) => weeklyStats(viewer, weekStart),
  },
  Mutation: {
    createWorkOrder: (_, { input }, { viewer, now }) => createWorkOrder(viewer, input, now()),
    assignWorkOrder: (_, { id, version, input }, { viewer, now }) => assignWorkOrder(viewer, id, version, input, now()),
    advanceWorkOrder: (_, { id, version, step, at }, { viewer, now }) =>
      advanceWorkOrder(viewer, id, version, step, at, now()),
    recordWorkOrderWork: (_, { id, version, input }, { viewer }) => recordWork(viewer, id, version, input),
    signOffWorkOrder: (_, { id, version, input }, { viewer, now }) => signOff(viewer, id, version, input, now()),
    flagWorkOrderComplaint: (_, { id, version, complaint }, { viewer, now }) =>
      flagComplaint(viewer, id, version, complaint, now()),
    registerWorkOrderComplaint: (_, { id, version, input }, { viewer, now }) =>
      registerComplaint(viewer, id, version, input, now()),
    addWorkOrderWarrantyLine: (_, { id, version, input }, { viewer }) => addWarrantyLine(viewer, id, version, input),
    reportBackWorkOrder: (_, { id, version, returnFeedback }, { viewer, now }) =>
      reportBack(viewer, id, version, returnFeedback, now()),
    closeWorkOrder: (_, { id, version }, { viewer, now }) => closeWorkOrder(viewer, id, version, now()),
    cancelWorkOrder: (_, { id, version, reason }, { viewer }) => cancelWorkOrder(viewer, id, version, reason),
    confirmWorkOrderVisit: (_, { id }, { viewer, now }) => confirmVisit(viewer, id, now()),
  },
  WorkOrder: {
    customer: (o, _, { viewer, loaders }, info) =>
      can(viewer, 'customers:read')
        ? loaders.customerByIdSelecting(selectFromInfo(info, CUSTOMER_SELECTION)).load(o.customerId)
        : null,
    interaction: async (o, _, { viewer, loaders }) => {
      const row =
        o.interactionId && viewer.kind !== 'customer' ? await loaders.interactionById.load(o.interactionId) : null;
      return row && mayReadInteraction(viewer, row) ? row : null;
    },
    complaint: async (o, _, { viewer, loaders }) => {
      const row =
        o.complaintId && viewer.kind !== 'customer' ? await loaders.interactionById.load(o.complaintId) : null;
      return row && mayReadInteraction(viewer, row) ? row : null;
    },
    // The customer sees who comes (the technician's name), not who dispatched.
    technician: (o, _, { viewer, loaders }) =>
      o.technicianId && viewer.kind !== 'apiClient' ? loaders.userById.loadNow(o.technicianId) : null,
    dispatcher: (o, _, { viewer, loaders }) =>
      o.dispatcherId && viewer.kind === 'staff' ? loaders.userById.loadNow(o.dispatcherId) : null,
    workDone: (o) => o.visitRecord,
    parts: (o) => partsOf(o.parts),
    signerName: (o) => o.customerSignoffName,
    signerPhone: (o) => o.customerSignoffPhone,
    hasSignature: (o) => !!o.signatureKey,
    onSiteComplaint: (o, _, { viewer }) => staffOnly(viewer, o.onSiteComplaint),
    onSiteComplaintAt: (o, _, { viewer }) => staffOnly(viewer, o.onSiteComplaintAt),
    onSiteComplaintDueAt: (o, _, { viewer }) => staffOnly(viewer, o.onSiteComplaintDueAt),
    onSiteComplaintOverdue: (o, _, { viewer, now }) => viewer.kind !== 'customer' && onSiteComplaintOverdue(o, now()),
    returnFeedback: (o, _, { viewer }) => staffOnly(viewer, o.returnFeedback),
    warrantyLines: (o, _, { loaders }) => loaders.workOrderWarrantyLines.load(o.id),
    history: (o, _, { viewer, loaders }) => (viewer.kind === 'staff' ? loaders.workOrderHistory.load(o.id) : []),
    viewerActions: (o, _, { viewer }) => viewerActions(viewer, o),
  },
  TechnicianWeekStats: {
    technician: (r, _, { viewer, loaders }) =>
      viewer.kind === 'staff' ? loaders.userById.loadNow(r.technicianId) : null,
  },
};
