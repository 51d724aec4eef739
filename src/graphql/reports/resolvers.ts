import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import { complaintMonthlySummary } from './report.service';

// Reports read what interactions:read reads, in the same scope (customers have no such permission: FORBIDDEN).
export const reportPolicies: RootPolicies = {
  Query: {
    complaintMonthlySummary: policy.permission('interactions:read'),
  },
};

export const reportResolvers: Resolvers = {
  Query: {
    complaintMonthlySummary: (_, { month }, { viewer, now }) => complaintMonthlySummary(viewer, month, now()),
  },
};
