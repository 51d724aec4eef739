import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import { kpiDashboard } from './kpi-dashboard.service';

export const kpiDashboardPolicies: RootPolicies = {
  Query: {
    kpiDashboard: policy.permission('reports:read'),
  },
};

export const kpiDashboardResolvers: Resolvers = {
  Query: {
    kpiDashboard: async (_, { period, filter }, { viewer, now }) => {
      const model = await kpiDashboard(viewer, { period, filter }, now());
      return { ...model, departmentId: model.filter.departmentId ?? null };
    },
  },
};
