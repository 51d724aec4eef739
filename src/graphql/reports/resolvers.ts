import { runAs } from '@/server/db';
import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import { complaintPeriodReport } from './periodic-report.service';
import {
  createReportSubscription,
  deleteReportSubscription,
  listReportDeliveries,
  listReportSubscriptions,
} from './report-subscription.service';
import { complaintMonthlySummary } from './report.service';

// Reports need reports:read and count within the viewer's interaction read scope (customers, API keys without the
// scope: FORBIDDEN). Subscriptions are a staff session's (report-subscription.service.ts says who manages which).
export const reportPolicies: RootPolicies = {
  Query: {
    complaintMonthlySummary: policy.permission('reports:read'),
    complaintPeriodReport: policy.permission('reports:read'),
    reportSubscriptions: policy.permission('reports:read'),
    reportDeliveries: policy.permission('reports:read'),
  },
  Mutation: {
    createReportSubscription: policy.permission('reports:read'),
    deleteReportSubscription: policy.permission('reports:read'),
  },
};

export const reportResolvers: Resolvers = {
  Query: {
    // Reports read whole periods: on the reports pool, like their downloads (src/server/db.ts).
    complaintMonthlySummary: (_, { month }, { viewer, now }) =>
      runAs('reports', () => complaintMonthlySummary(viewer, month, now())),
    complaintPeriodReport: (_, { kind, period }, { viewer, now }) =>
      runAs('reports', () => complaintPeriodReport(viewer, kind, period, now())),
    reportSubscriptions: (_, __, { viewer }) => listReportSubscriptions(viewer),
    reportDeliveries: (_, __, { viewer }) => listReportDeliveries(viewer),
  },
  Mutation: {
    createReportSubscription: (_, { input }, { viewer }) => createReportSubscription(viewer, input),
    deleteReportSubscription: (_, { id }, { viewer }) => deleteReportSubscription(viewer, id),
  },
  ReportSubscription: {
    user: (s, _, { loaders }) => (s.userId ? loaders.userById.loadNow(s.userId) : null),
  },
  ReportDelivery: {
    // The recipient's row cascades with the delivery: it is there.
    recipient: async (d, _, { loaders }) => (await loaders.userById.load(d.recipientId))!,
  },
};
