import type { Resolvers } from '../resolvers-types.generated';
import { readAudience } from '../notices/notice-audience.rules';
import { policy, type RootPolicies } from '../policy';
import { createProgramme, listProgrammes, runProgrammeNow, updateProgramme } from './callback-programme.service';

// Reading is for whoever reads callbacks; managing is the service manager's and the administrator's (settings:manage),
// and the service checks callbacks:write as well (an API key needs both scopes). Customers hold neither.
export const callbackProgrammePolicies: RootPolicies = {
  Query: { callbackProgrammes: policy.permission('callbacks:read') },
  Mutation: {
    createCallbackProgramme: policy.permission('settings:manage'),
    updateCallbackProgramme: policy.permission('settings:manage'),
    runCallbackProgramme: policy.permission('settings:manage'),
  },
};

export const callbackProgrammeResolvers: Resolvers = {
  Query: {
    callbackProgrammes: (_, __, { viewer }) => listProgrammes(viewer),
  },
  Mutation: {
    createCallbackProgramme: (_, { input }, { viewer }) => createProgramme(viewer, input),
    updateCallbackProgramme: (_, { id, version, input }, { viewer }) => updateProgramme(viewer, id, version, input),
    runCallbackProgramme: (_, { id }, { viewer, now }) => runProgrammeNow(viewer, id, now()),
  },
  CallbackProgramme: {
    segment: (p) => readAudience(p.segment),
    assignee: (p, _, { viewer, loaders }) =>
      p.assigneeId && viewer.kind === 'staff' ? loaders.userById.loadNow(p.assigneeId) : null,
    callbackCount: (p, _, { loaders }) => loaders.programmeCallbackCount.load(p.id),
    history: (p, _, { viewer, loaders }) => (viewer.kind === 'staff' ? loaders.programmeHistory.load(p.id) : []),
  },
};
