import { encodeCursor } from '../cursor';
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
    customers: (_, args, { viewer }) => listCustomers(viewer, args),
    customer: (_, { id }, { viewer }) => getCustomer(viewer, id),
    contract: (_, { id }, { viewer }) => getContract(viewer, id),
    customerFacets: (_, __, { viewer }) => customerFacets(viewer),
  },
  Mutation: {
    createCustomer: (_, { input }, { viewer }) => createCustomer(viewer, input),
    updateCustomer: (_, { id, version, input }, { viewer }) => updateCustomer(viewer, id, version, input),
    archiveCustomer: (_, { id, version, reason }, { viewer }) => archiveCustomer(viewer, id, version, reason),
    restoreCustomer: (_, { id, version }, { viewer }) => restoreCustomer(viewer, id, version),
    importCustomers: (_, args, { viewer }) => importCustomers(viewer, args),
  },
  CustomerConnection: {
    edges: (page) => page.rows.map((node) => ({ cursor: encodeCursor(node.id), node })),
    nodes: (page) => page.rows,
    pageInfo: (page) => ({ hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
    totalCount: (page) => countCustomers(page.where),
    totals: (page) => customerTotals(page.where),
  },
  Customer: {
    owner: (c, _, { loaders }) => (c.ownerId ? loaders.userById.load(c.ownerId) : null),
    contacts: (c, _, { loaders }) => loaders.contactsByCustomer.load(c.id),
    contracts: (c, _, { loaders }) => loaders.contractsByCustomer.load(c.id),
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
    actor: (h, _, { loaders }) => (h.actorId ? loaders.userById.load(h.actorId) : null),
    changes: (h) => h.changes,
  },
};
