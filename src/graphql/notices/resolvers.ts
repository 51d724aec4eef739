import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import { phaseOf, readRate } from './notice.rules';
import { readAudience } from './notice-audience.rules';
import { sanitizeNoticeBody } from './notice-body.rules';
import { noticeReceiptKey } from './notice.loaders';
import {
  acknowledgeNotice,
  approveNotice,
  createNotice,
  getNotice,
  listNotices,
  portalNotices,
  submitNotice,
  updateNotice,
  viewerCanApprove,
  viewerCanEdit,
  withdrawNotice,
} from './notice.service';

// The desk writes (notices:write), the service manager approves (notices:approve); customers read their own active
// notices (the service scopes them to their audience) and acknowledge them.
export const noticePolicies: RootPolicies = {
  Query: {
    notices: policy.permission('notices:read'),
    notice: policy.ownCustomerOr('notices:read'),
    portalNotices: policy.signedIn,
  },
  Mutation: {
    createNotice: policy.permission('notices:write'),
    updateNotice: policy.permission('notices:write'),
    submitNotice: policy.permission('notices:write'),
    approveNotice: policy.permission('notices:approve'),
    // The service manager may withdraw too (the service checks either permission).
    withdrawNotice: policy.signedIn,
    acknowledgeNotice: policy.signedIn,
  },
};

export const noticeResolvers: Resolvers = {
  Query: {
    notices: (_, args, { viewer }) => listNotices(viewer, args),
    notice: (_, { id }, { viewer, now }) => getNotice(viewer, id, now()),
    portalNotices: (_, __, { viewer, now }) => portalNotices(viewer, now()),
  },
  Mutation: {
    createNotice: (_, { input }, { viewer, now }) => createNotice(viewer, input, now()),
    updateNotice: (_, { id, version, input }, { viewer, now }) => updateNotice(viewer, id, version, input, now()),
    submitNotice: (_, { id, version }, { viewer, now }) => submitNotice(viewer, id, version, now()),
    approveNotice: (_, { id, version }, { viewer, now }) => approveNotice(viewer, id, version, now()),
    withdrawNotice: (_, { id, version, reason }, { viewer, now }) => withdrawNotice(viewer, id, version, reason, now()),
    acknowledgeNotice: (_, { id }, { viewer, now }) => acknowledgeNotice(viewer, id, now()),
  },
  Notice: {
    attachments: (n, _, { loaders }) => loaders.noticeAttachments.load(n.id),
    // Sanitised when stored; again when served, so a row written by anything else carries no script to the portal.
    body: (n) => sanitizeNoticeBody(n.body),
    phase: (n, _, { now }) => phaseOf(n, now()),
    audience: (n, _, { viewer }) => (viewer.kind === 'customer' ? null : readAudience(n.audience)),
    createdBy: (n, _, { viewer, loaders }) =>
      n.createdById && viewer.kind === 'staff' ? loaders.userById.loadNow(n.createdById) : null,
    approvedBy: (n, _, { viewer, loaders }) =>
      n.approvedById && viewer.kind === 'staff' ? loaders.userById.loadNow(n.approvedById) : null,
    stats: async (n, _, { viewer, loaders }) => {
      if (viewer.kind === 'customer') return null;
      const s = await loaders.noticeStats.load(n);
      return { ...s, readRate: readRate(s.readers, s.reachUsers) };
    },
    readAt: async (n, _, { viewer, loaders }) =>
      viewer.kind === 'customer'
        ? ((await loaders.noticeReceipt.load(noticeReceiptKey(n.id, viewer.userId)))?.readAt ?? null)
        : null,
    acknowledgedAt: async (n, _, { viewer, loaders }) =>
      viewer.kind === 'customer'
        ? ((await loaders.noticeReceipt.load(noticeReceiptKey(n.id, viewer.userId)))?.acknowledgedAt ?? null)
        : null,
    history: (n, _, { viewer, loaders }) => (viewer.kind === 'staff' ? loaders.noticeHistory.load(n.id) : []),
    viewerCanEdit: (n, _, { viewer }) => viewerCanEdit(viewer, n),
    viewerCanApprove: (n, _, { viewer }) => viewerCanApprove(viewer, n),
  },
};
