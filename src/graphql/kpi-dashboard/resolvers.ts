import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import { kpiDashboardServed } from './kpi-snapshot.service';

export const kpiDashboardPolicies: RootPolicies = {
  Query: {
    kpiDashboard: policy.permission('reports:read'),
  },
};

export const kpiDashboardResolvers: Resolvers = {
  Query: {
    // From a snapshot at most KPI_DASHBOARD_MAX_AGE_SECONDS old, read on the interactive pool; a computation's
    // aggregates over years of complaints run on the reports pool (kpi-snapshot.service.ts): a few managers opening
    // the dashboard at once must never take the connections every other screen needs.
    kpiDashboard: async (_, { period, filter }, { viewer, now }) => {
      const model = await kpiDashboardServed(viewer, { period, filter }, now());
      return { ...model, departmentId: model.filter.departmentId ?? null };
    },
  },
};
