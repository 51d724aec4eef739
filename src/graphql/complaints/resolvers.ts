import { currentStepOf } from './complaint-steps.rules';
import { CONNECTION_NODES } from '../customers/customer.selection';
import { INTERACTION_SELECTION } from '../interactions/interaction.selection';
import { selectFromInfo } from '../selection';
import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import { commandOptions, eightDComplete, runCommand } from './complaint.service';
import { addComplaintAction, saveEightD, updateComplaintAction } from './complaint-work.service';
import { complaintQueueCounts, listComplaintQueue } from './complaint-queue.service';
import { complaintActionCounts, listComplaintActions } from './complaint-action-queue.service';
import { mayReadInteraction } from '../interactions/interaction.scope';
import { settleRowCustomers } from '../interactions/interaction.loaders';
import { resolutionByLink, respondAsVisitor } from './visitor-response.service';

// Who may run each step is decided by the state machine (role, department, 核决权限) with the record in hand;
// the policies here are the outer wall.
export const complaintPolicies: RootPolicies = {
  Query: {
    complaintQueue: policy.permission('interactions:read'),
    complaintQueueCounts: policy.permission('interactions:read'),
    complaintActions: policy.permission('interactions:read'),
    complaintActionCounts: policy.permission('interactions:read'),
    // Public by design: the signed link is the proof (src/server/auth/signed-links.ts).
    resolutionByLink: policy.public,
  },
  Mutation: {
    triageComplaint: policy.permission('interactions:read'),
    declineInteraction: policy.permission('interactions:read'),
    advanceComplaint: policy.permission('interactions:read'),
    verifyComplaint: policy.permission('interactions:read'),
    respondToResolution: policy.signedIn, // customers answer for their own records; the service scopes them
    // Public by design: a visitor without an account proves the record by number + phone, or by the mail's link.
    respondToTrackedResolution: policy.public,
    respondToResolutionByLink: policy.public,
    answerInteraction: policy.permission('interactions:write'),
    addComplaintAction: policy.permission('interactions:read'),
    updateComplaintAction: policy.permission('interactions:read'),
    saveEightD: policy.permission('interactions:read'),
  },
};

const isStaff = (kind: string) => kind === 'staff' || kind === 'apiClient';

// availableCommands and blockedCommands come from one decision per record and request: memoised on the parent row,
// which lives only as long as the request.
const optionsByRow = new WeakMap<object, ReturnType<typeof commandOptions>>();
function optionsFor(...args: Parameters<typeof commandOptions>) {
  const [, row] = args;
  let options = optionsByRow.get(row);
  if (!options) {
    options = commandOptions(...args);
    optionsByRow.set(row, options);
  }
  return options;
}

export const complaintResolvers: Resolvers = {
  Query: {
    complaintQueue: async (_, args, context, info) => {
      const page = await listComplaintQueue(
        context.viewer,
        args,
        context.now(),
        selectFromInfo(info, INTERACTION_SELECTION, CONNECTION_NODES),
      );
      await settleRowCustomers(page.rows, context, info);
      return page;
    },
    complaintQueueCounts: (_, { filter }, { viewer, now }) => complaintQueueCounts(viewer, filter, now()),
    complaintActions: (_, args, { viewer, now }) => listComplaintActions(viewer, args, now()),
    complaintActionCounts: (_, __, { viewer, now }) => complaintActionCounts(viewer, now()),
    resolutionByLink: (_, { token }, { clientIp }) => resolutionByLink(token, clientIp),
  },
  Mutation: {
    triageComplaint: (_, { id, version, input }, { viewer }) =>
      runCommand(viewer, id, version, {
        type: 'TRIAGE',
        severity: input.severity,
        causeClass: input.causeClass,
        triageResult: input.triageResult === 'BEYOND_AUTHORITY' ? 'BEYOND_AUTHORITY' : 'WITHIN_AUTHORITY',
        responsibleDepartmentId: input.responsibleDepartmentId,
        ownerId: input.ownerId ?? null,
        requires8D: input.requires8D ?? undefined,
      }),
    declineInteraction: (_, { id, version, reason }, { viewer }) =>
      runCommand(viewer, id, version, { type: 'DECLINE', reason }),
    advanceComplaint: (_, { id, version, command, comment }, { viewer }) => {
      switch (command) {
        case 'REJECT_PLAN':
          return runCommand(viewer, id, version, { type: 'REJECT_PLAN', comment: comment ?? '' });
        case 'REOPEN':
          return runCommand(viewer, id, version, { type: 'REOPEN', reason: comment ?? '' });
        case 'APPROVE':
        case 'CLOSE':
          return runCommand(viewer, id, version, { type: command, comment });
        default:
          return runCommand(viewer, id, version, { type: command });
      }
    },
    verifyComplaint: (_, { id, version, effective, comment, warrantyOutcome }, { viewer }) =>
      runCommand(viewer, id, version, { type: 'VERIFY', effective, comment }, { warrantyOutcome }),
    respondToResolution: (_, { id, version, accepted, comment }, { viewer }) =>
      runCommand(viewer, id, version, { type: 'CUSTOMER_FEEDBACK', accepted, comment }),
    respondToTrackedResolution: (_, { number, phone, accepted, comment }, { clientIp, now }) =>
      respondAsVisitor({ number, phone }, { accepted, comment }, clientIp, now()),
    respondToResolutionByLink: (_, { token, accepted, comment }, { clientIp, now }) =>
      respondAsVisitor({ token }, { accepted, comment }, clientIp, now()),
    answerInteraction: (_, { id, version, answer }, { viewer }) =>
      runCommand(viewer, id, version, { type: 'ANSWER', answer }),
    addComplaintAction: (_, { interactionId, input }, { viewer }) => addComplaintAction(viewer, interactionId, input),
    updateComplaintAction: (_, { id, version, input }, { viewer }) => updateComplaintAction(viewer, id, version, input),
    saveEightD: async (_, { interactionId, version, input }, { viewer }) => {
      const report = await saveEightD(viewer, interactionId, version, input);
      return { ...report, id: report.interactionId, reportId: report.id };
    },
  },
  Interaction: {
    responsibleDepartment: (i, _, { loaders }) =>
      i.responsibleDepartmentId ? loaders.departmentById.loadNow(i.responsibleDepartmentId) : null,
    owner: (i, _, { loaders }) => (i.ownerId ? loaders.userById.loadNow(i.ownerId) : null),
    availableCommands: async (i, _, { viewer }) => (await optionsFor(viewer, i)).available,
    blockedCommands: async (i, _, { viewer }) => (await optionsFor(viewer, i)).blocked,
    actions: (i, _, { viewer, loaders }) => (isStaff(viewer.kind) ? loaders.actionsByInteraction.load(i.id) : []),
    eightD: (i, _, { viewer, loaders }) => (isStaff(viewer.kind) ? loaders.eightDByInteraction.load(i.id) : null),
    approvals: (i, _, { viewer, loaders }) => (isStaff(viewer.kind) ? loaders.approvalsByInteraction.load(i.id) : []),
    currentStep: (i, _, { viewer }) => (isStaff(viewer.kind) ? currentStepOf(i) : null),
  },
  ComplaintAction: {
    owner: (a, _, { loaders }) => (a.ownerId ? loaders.userById.loadNow(a.ownerId) : null),
    escalationLevel: async (a, _, { loaders }) => loaders.actionEscalationLevel.load(a.id),
    complaint: async (a, _, { viewer, loaders }) => {
      const row = await loaders.interactionById.load(a.interactionId);
      return row && mayReadInteraction(viewer, row) ? row : null;
    },
  },
  Approval: {
    approver: async (a, _, { loaders }) => (await loaders.userById.load(a.approverId))!,
  },
  EightDReport: {
    id: (r) => r.reportId,
    d1Team: (r) => (Array.isArray(r.d1Team) ? r.d1Team.map(String) : []),
    complete: (r) => eightDComplete(r),
  },
};
