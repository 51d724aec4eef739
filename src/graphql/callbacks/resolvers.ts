import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';

// CONTRACT STUB — replaced by the callbacks implementation; never lands on main as it is.
const todo = (): never => {
  throw new Error('callbacks: not implemented yet');
};

export const callbackPolicies: RootPolicies = {
  Query: {
    callbacks: policy.permission('callbacks:read'),
    callback: policy.permission('callbacks:read'),
    callbackQueueCounts: policy.permission('callbacks:read'),
  },
  Mutation: {
    recordCallback: policy.permission('callbacks:write'),
    createCallback: policy.permission('callbacks:write'),
    reassignCallback: policy.permission('callbacks:write'),
    cancelCallback: policy.permission('callbacks:write'),
  },
};

export const callbackResolvers: Resolvers = {
  Query: { callbacks: todo, callback: todo, callbackQueueCounts: todo },
  Mutation: { recordCallback: todo, createCallback: todo, reassignCallback: todo, cancelCallback: todo },
};
