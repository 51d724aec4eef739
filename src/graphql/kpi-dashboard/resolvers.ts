import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import { runAs } from '@/server/db';
import { kpiDashboard } from './kpi-dashboard.service';

export const kpiDashboardPolicies: RootPolicies = {
  Query: {
    kpiDashboard: policy.permission('reports:read'),
  },
};

export const kpiDashboardResolvers: Resolvers = {
  Query: {
    // Aggregates over years of complaints run on the reports pool (src/server/db.ts): a few managers opening the
    // dashboard at once must never take the connections every other screen needs.
    kpiDashboard: async (_, { period, filter }, { viewer, now }) => {
      const model = await runAs('reports', () => kpiDashboard(viewer, { period, filter }, now()));
      return { ...model, departmentId: model.filter.departmentId ?? null };
    },
  },
};
