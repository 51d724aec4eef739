import { ROLE_PERMISSIONS, API_SCOPES } from '@/server/auth/policies';
import type { Viewer } from '@/server/viewer';
import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import {
  createApiKey,
  createUser,
  listApiKeys,
  listDepartments,
  listUsers,
  revokeApiKey,
  setUserActive,
} from './admin.service';
import { jobQueueDepths } from './job-queue.service';
import { apiKeyUsageDays, rotateApiKey, setApiKeyRateLimit } from './api-key.service';
import { effectiveRateLimit } from './api-key.rules';

const seesUserDetails = (viewer: Viewer, userId: string) =>
  viewer.kind === 'staff' || viewer.kind === 'apiClient' || (viewer.kind === 'customer' && viewer.userId === userId);

export const adminPolicies: RootPolicies = {
  Query: {
    viewer: policy.public, // answers null for nobody
    apiKeys: policy.permission('apiKeys:manage'),
    apiScopes: policy.permission('apiKeys:manage'),
    users: policy.signedIn, // the service decides (staff directory, or users:manage)
    departments: policy.permission('customers:read'),
    // Operations of the installation (mail backlog, sweeps): the administrator's, like users and API keys.
    jobQueues: policy.permission('users:manage'),
  },
  Mutation: {
    _noop: policy.public,
    createApiKey: policy.permission('apiKeys:manage'),
    revokeApiKey: policy.permission('apiKeys:manage'),
    rotateApiKey: policy.permission('apiKeys:manage'),
    setApiKeyRateLimit: policy.permission('apiKeys:manage'),
    createUser: policy.permission('users:manage'),
    setUserActive: policy.permission('users:manage'),
  },
};

export const adminResolvers: Resolvers = {
  Query: {
    viewer: (_, __, { viewer }) => (viewer.kind === 'anonymous' ? null : viewer),
    apiKeys: (_, __, { viewer }) => listApiKeys(viewer),
    apiScopes: () => [...API_SCOPES],
    users: (_, args, { viewer }) => listUsers(viewer, args),
    departments: (_, __, { viewer }) => listDepartments(viewer),
    jobQueues: (_, __, { viewer }) => jobQueueDepths(viewer),
  },
  Mutation: {
    _noop: () => null,
    createApiKey: (_, { input }, { viewer }) => createApiKey(viewer, input),
    revokeApiKey: (_, { id }, { viewer }) => revokeApiKey(viewer, id),
    rotateApiKey: (_, { id, overlapHours }, { viewer, now }) => rotateApiKey(viewer, id, overlapHours ?? null, now()),
    setApiKeyRateLimit: (_, { id, rateLimitPerMinute }, { viewer }) =>
      setApiKeyRateLimit(viewer, id, rateLimitPerMinute ?? null),
    createUser: (_, { input }, { viewer }) => createUser(viewer, input),
    setUserActive: (_, { id, active }, { viewer }) => setUserActive(viewer, id, active),
  },
  Viewer: {
    kind: (v) => (v.kind === 'staff' ? 'STAFF' : v.kind === 'customer' ? 'CUSTOMER' : 'API_CLIENT'),
    user: (v, _, { loaders }) => (v.kind === 'apiClient' ? null : loaders.userById.loadNow(v.userId)),
    customer: (v, _, { loaders }) => (v.kind === 'customer' ? loaders.customerById.load(v.customerId) : null),
    permissions: (v) =>
      v.kind === 'staff' ? [...ROLE_PERMISSIONS[v.role]] : v.kind === 'apiClient' ? [...v.scopes] : [],
  },
  // Customers see staff by display name only (issue 10: e-mail addresses and roles leaked through `owner`), wherever
  // a User is reached from; their own account they see whole.
  User: {
    email: (u, _, { viewer }) => (seesUserDetails(viewer, u.id) ? u.email : null),
    role: (u, _, { viewer }) => (seesUserDetails(viewer, u.id) ? u.role : null),
    active: (u, _, { viewer }) => (seesUserDetails(viewer, u.id) ? u.active : null),
    phone: (u, _, { viewer }) => (seesUserDetails(viewer, u.id) ? u.phone : null),
    department: (u, _, { viewer, loaders }) =>
      u.departmentId && seesUserDetails(viewer, u.id) ? loaders.departmentById.loadNow(u.departmentId) : null,
  },
  ApiKey: {
    createdBy: (k, _, { loaders }) => (k.createdById ? loaders.userById.loadNow(k.createdById) : null),
    effectiveRateLimitPerMinute: (k) => effectiveRateLimit(k.rateLimitPerMinute),
    usage: (k, _, { loaders, now }) => apiKeyUsageDays(loaders, k.id, now()),
  },
};
