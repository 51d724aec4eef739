import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import { complaintMonthlySummary } from './report.service';

// Reports need reports:read and count within the viewer's interaction read scope.
export const reportPolicies: RootPolicies = {
  Query: {
    complaintMonthlySummary: policy.permission('reports:read'),
  },
};

export const reportResolvers: Resolvers = {
  Query: {
    complaintMonthlySummary: (_, { month }, { viewer, now }) => complaintMonthlySummary(viewer, month, now()),
  },
};
