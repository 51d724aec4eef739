import type { Resolvers } from '../resolvers-types.generated';
import { CONNECTION_NODES, CUSTOMER_SELECTION } from '../customers/customer.selection';
import { INTERACTION_SELECTION } from './interaction.selection';
import { selectFromInfo } from '../selection';
import { policy, type FieldPolicy, type RootPolicies } from '../policy';
import { requirePermission } from '@/server/auth/policies';
import {
  addInteractionAttachments,
  convertToComplaint,
  countInteractions,
  countInteractionsByStatus,
  getInteraction,
  getInteractionByNumber,
  interactionHistory,
  interactionsOfCustomer,
  listInteractions,
  lookupInteraction,
  recordInteraction,
  submitInteraction,
} from './interaction.service';
import { mayReadCustomerRecords, mayReadInteraction } from './interaction.scope';
import { settleRowCustomers } from './interaction.loaders';
import { connectionFields, edgesOf } from '../pagination.rules';
import { rowMessage } from '@/lib/activity';

/** Portal intake: a signed-in customer or an anonymous visitor; API clients need interactions:write; staff record. */
const portalOrApiWriter: FieldPolicy = {
  describe: 'customer, anonymous visitor, or interactions:write (API clients)',
  check: (viewer) => {
    if (viewer.kind === 'apiClient' || viewer.kind === 'staff') requirePermission(viewer, 'interactions:write');
  },
};

export const interactionPolicies: RootPolicies = {
  Query: {
    interactions: policy.ownCustomerOr('interactions:read'),
    interaction: policy.ownCustomerOr('interactions:read'),
    interactionByNumber: policy.ownCustomerOr('interactions:read'),
    // Public by design (SPEC §3: a visitor who is not signed in checks the status); the service needs the phone
    // and rate-limits per IP.
    lookupInteraction: policy.public,
  },
  Mutation: {
    submitInteraction: portalOrApiWriter,
    recordInteraction: policy.permission('interactions:write'),
    convertToComplaint: policy.permission('interactions:write'),
    addInteractionAttachments: policy.ownCustomerOr('interactions:write'),
  },
};

export const interactionResolvers: Resolvers = {
  Query: {
    interactions: async (_, args, context, info) => {
      const page = await listInteractions(
        context.viewer,
        args,
        selectFromInfo(info, INTERACTION_SELECTION, CONNECTION_NODES),
      );
      await settleRowCustomers(page.rows, context, info);
      return page;
    },
    interaction: (_, { id }, { viewer }) => getInteraction(viewer, id),
    interactionByNumber: (_, { number }, { viewer }) => getInteractionByNumber(viewer, number),
    lookupInteraction: (_, { number, phone }, { clientIp }) => lookupInteraction(number, phone, clientIp),
  },
  Mutation: {
    submitInteraction: (_, { input }, { viewer, now }) => submitInteraction(viewer, input, now()),
    recordInteraction: (_, { input }, { viewer, now }) => recordInteraction(viewer, input, now()),
    convertToComplaint: (_, { id, version }, { viewer, now }) => convertToComplaint(viewer, id, version, now()),
    addInteractionAttachments: (_, { id, attachments }, { viewer }) =>
      addInteractionAttachments(viewer, id, attachments),
  },
  InteractionConnection: {
    ...connectionFields,
    edges: edgesOf,
    totalCount: (page) => (page.total ? page.total() : countInteractions(page.where)),
    countsByStatus: (page) => countInteractionsByStatus(page.whereWithoutStatus),
  },
  Interaction: {
    customer: (i, _, { viewer, loaders }, info) =>
      i.customerId && mayReadCustomerRecords(viewer)
        ? loaders.customerByIdSelecting(selectFromInfo(info, CUSTOMER_SELECTION)).loadNow(i.customerId)
        : null,
    relatedContract: (i, _, { viewer, loaders }) =>
      i.relatedContractId && mayReadCustomerRecords(viewer) ? loaders.contractById.load(i.relatedContractId) : null,
    // The same customer as the parent, but not necessarily the same department: each must be in the viewer's own scope.
    sourceInteraction: async (i, _, { viewer, loaders }) => {
      const source = i.sourceInteractionId ? await loaders.interactionById.load(i.sourceInteractionId) : null;
      return source && mayReadInteraction(viewer, source) ? source : null;
    },
    derivedInteractions: async (i, _, { viewer, loaders }) =>
      (await loaders.derivedInteractionsBySource.load(i.id)).filter((d) => mayReadInteraction(viewer, d)),
    registeredBy: (i, _, { viewer, loaders }) =>
      i.registeredById && viewer.kind === 'staff' ? loaders.userById.loadNow(i.registeredById) : null,
    attachments: (i, _, { loaders }) => loaders.attachmentsByInteraction.load(i.id),
    timeline: (i, _, { loaders }) => loaders.timelineByInteraction.load(i.id),
    history: (i, _, { viewer }) => interactionHistory(viewer, i.id),
  },
  TimelineEntry: {
    message: rowMessage,
  },
  InteractionLookup: {
    timeline: (l, _, { loaders }) => loaders.timelineByInteraction.load(l.id),
  },
  Attachment: {
    downloadUrl: (a) =>
      a.noticeId
        ? `/api/notices/${a.noticeId}/attachments/${a.id}`
        : a.obligationId
          ? `/api/key-account-obligations/${a.obligationId}/attachments/${a.id}`
          : `/api/interactions/${a.interactionId}/attachments/${a.id}`,
  },
  Customer: {
    interactions: (c, _, { viewer }) => interactionsOfCustomer(viewer, c.id),
  },
};
