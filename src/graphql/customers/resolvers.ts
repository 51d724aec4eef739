import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import {
  archiveCustomer,
  countCustomers,
  createCustomer,
  customerFacets,
  customerHistory,
  customerTotals,
  getContract,
  getCustomer,
  listCustomers,
  restoreCustomer,
  updateCustomer,
} from './customer.service';
import { importCustomers } from './customer.import';
import { CONNECTION_NODES, CONTACT_SELECTION, CONTRACT_SELECTION, CUSTOMER_SELECTION } from './customer.selection';
import { selectFromInfo } from '../selection';
import { settleRowRelations } from './customer.loaders';
import { connectionFields, edgesOf } from '../pagination.rules';
import { rowMessage } from '@/lib/activity';

export const customerPolicies: RootPolicies = {
  Query: {
    customers: policy.ownCustomerOr('customers:read'),
    customer: policy.ownCustomerOr('customers:read'),
    contract: policy.ownCustomerOr('customers:read'),
    customerFacets: policy.permission('customers:read'),
  },
  Mutation: {
    createCustomer: policy.permission('customers:write'),
    updateCustomer: policy.permission('customers:write'),
    archiveCustomer: policy.permission('customers:write'),
    restoreCustomer: policy.permission('customers:write'),
    importCustomers: policy.permission('customers:import'),
  },
};

export const customerResolvers: Resolvers = {
  Query: {
    customers: async (_, args, { viewer, loaders }, info) => {
      const page = await listCustomers(viewer, args, selectFromInfo(info, CUSTOMER_SELECTION, CONNECTION_NODES));
      await settleRowRelations(page.rows, loaders, info);
      return page;
    },
    customer: (_, { id }, { viewer }, info) => getCustomer(viewer, id, selectFromInfo(info, CUSTOMER_SELECTION)),
    contract: (_, { id }, { viewer }) => getContract(viewer, id),
    customerFacets: (_, __, { viewer }) => customerFacets(viewer),
  },
  Mutation: {
    createCustomer: (_, { input }, { viewer }) => createCustomer(viewer, input),
    updateCustomer: (_, { id, version, input }, { viewer }, info) =>
      updateCustomer(viewer, id, version, input, selectFromInfo(info, CUSTOMER_SELECTION)),
    archiveCustomer: (_, { id, version, reason }, { viewer }) => archiveCustomer(viewer, id, version, reason),
    restoreCustomer: (_, { id, version }, { viewer }) => restoreCustomer(viewer, id, version),
    importCustomers: (_, args, { viewer }) => importCustomers(viewer, args),
  },
  CustomerConnection: {
    ...connectionFields,
    edges: edgesOf,
    totalCount: (page) => countCustomers(page.where),
    totals: (page) => customerTotals(page.where),
  },
  Customer: {
    owner: (c, _, { loaders }) => (c.ownerId ? loaders.userById.loadNow(c.ownerId) : null),
    contacts: (c, _, { loaders }, info) =>
      loaders.contactsByCustomerSelecting(selectFromInfo(info, CONTACT_SELECTION)).loadNow(c.id),
    contracts: (c, _, { loaders }, info) =>
      loaders.contractsByCustomerSelecting(selectFromInfo(info, CONTRACT_SELECTION)).loadNow(c.id),
    contractTotal: (c, _, { loaders }) => loaders.contractTotalByCustomer.load(c.id),
    history: (c, _, { viewer }) => customerHistory(viewer, c.id),
  },
  Contact: {
    customer: async (c, _, { loaders }) => (await loaders.customerById.load(c.customerId))!,
  },
  Contract: {
    customer: async (c, _, { loaders }) => (await loaders.customerById.load(c.customerId))!,
  },
  HistoryEntry: {
    actor: (h, _, { loaders }) => (h.actorId ? loaders.userById.loadNow(h.actorId) : null),
    changes: (h) => h.changes,
    message: rowMessage,
  },
};
