import type { Viewer } from '@/server/viewer';
import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import { auditLog, createDepartment, updateDepartment, updateUser } from './directory.service';

// Staff see a department's head and members (pickers, escalation); an account's version only whoever sees its e-mail.
const seesAccount = (viewer: Viewer, userId: string) =>
  viewer.kind === 'staff' || viewer.kind === 'apiClient' || (viewer.kind === 'customer' && viewer.userId === userId);

export const directoryPolicies: RootPolicies = {
  Query: {
    auditLog: policy.permission('users:manage'),
  },
  Mutation: {
    createDepartment: policy.permission('users:manage'),
    updateDepartment: policy.permission('users:manage'),
    updateUser: policy.permission('users:manage'),
  },
};

export const directoryResolvers: Resolvers = {
  Query: {
    auditLog: (_, args, { viewer }) => auditLog(viewer, args),
  },
  Mutation: {
    createDepartment: (_, { input }, { viewer }) => createDepartment(viewer, input),
    updateDepartment: (_, { id, input }, { viewer }) => updateDepartment(viewer, id, input),
    updateUser: (_, { id, input }, { viewer }) => updateUser(viewer, id, input),
  },
  Department: {
    head: (d, _, { viewer, loaders }) =>
      d.headId && viewer.kind !== 'customer' ? loaders.userById.loadNow(d.headId) : null,
    memberCount: (d, _, { loaders }) => loaders.departmentMemberCount.load(d.id),
  },
  User: {
    version: (u, _, { viewer }) => (seesAccount(viewer, u.id) ? u.version : null),
  },
};
