import { can } from '@/server/auth/policies';
import type { Resolvers } from '../resolvers-types.generated';
import { CUSTOMER_SELECTION } from '../customers/customer.selection';
import { policy, type RootPolicies } from '../policy';
import { selectFromInfo } from '../selection';
import { DEFAULT_KEY_ACCOUNT_CRITERIA } from './key-account.rules';
import { keyAccountStatusOf } from './key-account-status.query';
import {
  decideKeyAccountNomination,
  getKeyAccountCriteria,
  getNomination,
  keyAccountOwnerCandidates,
  listKeyAccounts,
  listNominations,
  mayReadKeyAccounts,
  proposeKeyAccount,
  recomputeKeyAccountCandidates,
  setCustomerKeyAccountFlags,
  updateKeyAccountCriteria,
  viewerCanDecide,
} from './key-account.service';

// Customers hold none of these permissions: the portal sees only its own Customer.keyAccountStatus. API keys may hold
// keyaccounts:read / keyaccounts:write as scopes; keyaccounts:decide is the service manager's alone.
export const keyAccountPolicies: RootPolicies = {
  Query: {
    keyAccountNominations: policy.permission('keyaccounts:read'),
    keyAccountNomination: policy.permission('keyaccounts:read'),
    keyAccounts: policy.permission('keyaccounts:read'),
    keyAccountCriteria: policy.permission('keyaccounts:read'),
    keyAccountOwnerCandidates: policy.permission('keyaccounts:decide'),
  },
  Mutation: {
    proposeKeyAccount: policy.permission('keyaccounts:write'),
    recomputeKeyAccountCandidates: policy.permission('keyaccounts:write'),
    approveKeyAccountNomination: policy.permission('keyaccounts:decide'),
    rejectKeyAccountNomination: policy.permission('keyaccounts:decide'),
    updateKeyAccountCriteria: policy.permission('keyaccounts:decide'),
    setCustomerKeyAccountFlags: policy.permission('keyaccounts:write'),
  },
};

type StoredFigures = Partial<{
  met: string[];
  goodCredit: boolean;
  amountInWindow: string;
  windowYears: number;
  contractCount: number;
  firstContractOn: string | null;
  regionalLandmark: boolean;
  strategicPotential: boolean;
  minAmount: string;
  minContracts: number;
  minYears: number;
}>;

export const keyAccountResolvers: Resolvers = {
  Query: {
    keyAccountNominations: (_, args, { viewer }) => listNominations(viewer, args),
    keyAccountNomination: (_, { id }, { viewer }) => getNomination(viewer, id),
    keyAccounts: (_, args, { viewer }) => listKeyAccounts(viewer, args),
    keyAccountCriteria: (_, __, { viewer }) => getKeyAccountCriteria(viewer),
    keyAccountOwnerCandidates: (_, __, { viewer }) => keyAccountOwnerCandidates(viewer),
  },
  Mutation: {
    proposeKeyAccount: (_, { customerId, reason }, { viewer, now }) =>
      proposeKeyAccount(viewer, customerId, reason, now()),
    recomputeKeyAccountCandidates: (_, __, { viewer, now }) => recomputeKeyAccountCandidates(viewer, now()),
    approveKeyAccountNomination: (_, { id, version, reason, ownerId }, { viewer, now }) =>
      decideKeyAccountNomination(viewer, id, version, 'APPROVE', { reason, ownerId }, now()),
    rejectKeyAccountNomination: (_, { id, version, reason }, { viewer, now }) =>
      decideKeyAccountNomination(viewer, id, version, 'REJECT', { reason }, now()),
    updateKeyAccountCriteria: (_, { version, input }, { viewer }) => updateKeyAccountCriteria(viewer, version, input),
    setCustomerKeyAccountFlags: (_, { customerId, version, input }, { viewer }) =>
      setCustomerKeyAccountFlags(viewer, customerId, version, input),
  },
  KeyAccountNomination: {
    customer: (n, _, { viewer, loaders }, info) =>
      can(viewer, 'customers:read')
        ? loaders.customerByIdSelecting(selectFromInfo(info, CUSTOMER_SELECTION)).load(n.customerId)
        : null,
    figures: (n) => {
      const f = (n.criteria ?? {}) as StoredFigures;
      const d = DEFAULT_KEY_ACCOUNT_CRITERIA;
      return {
        met: (f.met ?? []) as ('CUMULATIVE_AMOUNT' | 'LONG_TERM' | 'REGIONAL_LANDMARK' | 'STRATEGIC_POTENTIAL')[],
        goodCredit: f.goodCredit ?? false,
        amountInWindow: f.amountInWindow ?? '0.00',
        windowYears: f.windowYears ?? d.cumulativeAmount.years,
        contractCount: f.contractCount ?? 0,
        firstContractOn: f.firstContractOn ?? null,
        regionalLandmark: f.regionalLandmark ?? false,
        strategicPotential: f.strategicPotential ?? false,
        minAmount: f.minAmount ?? d.cumulativeAmount.minAmount,
        minContracts: f.minContracts ?? d.longTerm.minContracts,
        minYears: f.minYears ?? d.longTerm.minYears,
      };
    },
    proposedBy: (n, _, { viewer, loaders }) =>
      n.proposedById && viewer.kind === 'staff' ? loaders.userById.loadNow(n.proposedById) : null,
    decidedBy: (n, _, { viewer, loaders }) =>
      n.decidedById && viewer.kind === 'staff' ? loaders.userById.loadNow(n.decidedById) : null,
    history: (n, _, { viewer, loaders }) => (viewer.kind === 'staff' ? loaders.nominationHistory.load(n.id) : []),
    viewerCanDecide: (n, _, { viewer }) => viewerCanDecide(viewer, n),
  },
  KeyAccountNominationConnection: {
    edges: (page) => page.nodes.map((node) => ({ cursor: Buffer.from(node.id).toString('base64url'), node })),
  },
  Customer: {
    keyAccountStatus: (c) => keyAccountStatusOf(c),
    keyAccountFlags: (c, _, { viewer }) =>
      mayReadKeyAccounts(viewer)
        ? {
            regionalLandmark: c.regionalLandmark,
            regionalLandmarkReason: c.regionalLandmarkReason,
            strategicPotential: c.strategicPotential,
            strategicPotentialReason: c.strategicPotentialReason,
          }
        : null,
  },
};
