import type { Resolvers } from '../resolvers-types.generated';
import type { RootPolicies } from '../policy';
import { connectionFields } from '../pagination.rules';
import {
  customerCallbacks,
  customerHistoryPage,
  customerInteractions,
  customerNextScheduledContact,
  customerSatisfactionTrend,
  customerSurveyResponses,
  keyAccountOwner,
} from './customer-360.service';

// No root fields: the 360 page reads fields of Customer, reached through Query.customer(s) and their policies.
export const customer360Policies: RootPolicies = {};

const page = {
  ...connectionFields,
  totalCount: (p: { totalCount: number }) => p.totalCount,
};

import { keyAccountStatusOf } from '../key-accounts/key-account-status.query';

export const customer360Resolvers: Resolvers = {
  Customer: {
    interactionsConnection: (c, args, { viewer, loaders }) => customerInteractions(viewer, loaders, c.id, args),
    callbacksConnection: (c, args, { viewer, loaders }) => customerCallbacks(viewer, loaders, c.id, args),
    surveyResponsesConnection: (c, args, { viewer, loaders }) => customerSurveyResponses(viewer, loaders, c.id, args),
    satisfactionTrend: (c, args, { viewer, loaders }) => customerSatisfactionTrend(viewer, loaders, c.id, args),
    contractSummary: (c, _, { loaders }) => loaders.customerContractSummary.load(c.id),
    historyConnection: (c, args, { viewer, loaders }) => customerHistoryPage(viewer, loaders, c.id, args),
    keyAccount: (c) => ({
      customerId: c.id,
      status: keyAccountStatusOf(c),
      ownerId: c.ownerId,
    }),
    nextScheduledContact: (c, _, { viewer, loaders }) => customerNextScheduledContact(viewer, loaders, c.id),
  },
  KeyAccount: {
    owner: (account, _, { viewer, loaders }) => keyAccountOwner(viewer, loaders, account),
  },
  CustomerInteractionConnection: page,
  CustomerCallbackConnection: page,
  CustomerSurveyResponseConnection: page,
  HistoryEntryConnection: page,
};
