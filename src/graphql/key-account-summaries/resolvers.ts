import { can } from '@/server/auth/policies';
import type { Resolvers } from '../resolvers-types.generated';
import { CUSTOMER_SELECTION } from '../customers/customer.selection';
import { connectionFields } from '../pagination.rules';
import { policy, type RootPolicies } from '../policy';
import { selectFromInfo } from '../selection';
import { isEditable, type SummaryFigures } from './key-account-summary.rules';
import {
  generateSummary,
  getSummary,
  issueSummary,
  listSummaries,
  summaryCustomers,
  updateSummary,
} from './key-account-summary.service';

// Customers and department handlers hold neither permission; the service checks again.
export const keyAccountSummaryPolicies: RootPolicies = {
  Query: {
    keyAccountExchangeSummaries: policy.permission('keyaccounts:read'),
    keyAccountExchangeSummary: policy.permission('keyaccounts:read'),
    keyAccountSummaryCustomers: policy.permission('keyaccounts:write'),
  },
  Mutation: {
    generateKeyAccountExchangeSummary: policy.permission('keyaccounts:write'),
    updateKeyAccountExchangeSummary: policy.permission('keyaccounts:write'),
    issueKeyAccountExchangeSummary: policy.permission('keyaccounts:write'),
  },
};

export const keyAccountSummaryResolvers: Resolvers = {
  Query: {
    keyAccountExchangeSummaries: (_, args, { viewer }) => listSummaries(viewer, args),
    keyAccountExchangeSummary: (_, { id }, { viewer }) => getSummary(viewer, id),
    keyAccountSummaryCustomers: (_, __, { viewer }) => summaryCustomers(viewer),
  },
  Mutation: {
    generateKeyAccountExchangeSummary: (_, { input }, { viewer, now }) => generateSummary(viewer, input, now()),
    updateKeyAccountExchangeSummary: (_, { id, version, input, recount }, { viewer, now }) =>
      updateSummary(viewer, id, version, input, recount ?? false, now()),
    issueKeyAccountExchangeSummary: (_, { id, version }, { viewer, now }) => issueSummary(viewer, id, version, now()),
  },
  KeyAccountExchangeSummaryConnection: {
    ...connectionFields,
    totalCount: (page) => page.totalCount,
  },
  KeyAccountExchangeSummary: {
    // The customer file appears only to who may read it in its own right.
    customer: (s, _, { viewer, loaders }, info) =>
      can(viewer, 'customers:read')
        ? loaders.customerByIdSelecting(selectFromInfo(info, CUSTOMER_SELECTION)).load(s.customerId)
        : null,
    figures: (s) => s.figures as unknown as SummaryFigures,
    recipientDepartments: async (s, _, { loaders }) =>
      (await loaders.departmentById.loadMany(s.recipientDepartmentIds)).flatMap((d) =>
        d && !(d instanceof Error) ? [d] : [],
      ),
    issuedBy: (s, _, { viewer, loaders }) =>
      s.issuedById && viewer.kind === 'staff' ? loaders.userById.loadNow(s.issuedById) : null,
    history: (s, _, { viewer, loaders }) =>
      viewer.kind === 'staff' ? loaders.keyAccountSummaryHistory.load(s.id) : [],
    viewerCanEdit: (s, _, { viewer }) => isEditable(s.status) && can(viewer, 'keyaccounts:write'),
    pdfUrl: (s) => `/api/key-accounts/summaries/${s.id}/summary.pdf`,
  },
};
