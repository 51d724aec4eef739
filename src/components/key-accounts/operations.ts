import { graphql } from '@/gql';

// The key-accounts screen's GraphQL operations, prefixed `KeyAccounts` (operation names are global across the UI).

/**
 * A key account's status and its named one-to-one owner (SPEC §2), as the customer page shows them to staff and the
 * portal to the customer.
 */
export const KeyAccountsOwnerFieldsFragment = graphql(`
  fragment KeyAccountsOwnerFields on KeyAccount {
    status
    owner {
      name
      phone
      email
    }
  }
`);

export const KeyAccountsNominationsQuery = graphql(`
  query KeyAccountsNominations($status: NominationStatus, $kind: NominationKind, $first: Int, $after: String) {
    keyAccountNominations(status: $status, kind: $kind, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        version
        kind
        status
        proposalReason
        proposedAt
        decisionReason
        viewerCanDecide
        customer {
          id
          name
        }
        figures {
          met
          goodCredit
          amountInWindow
          windowYears
          contractCount
          firstContractOn
          minAmount
        }
      }
    }
  }
`);

export const KeyAccountsListQuery = graphql(`
  query KeyAccountsList($first: Int, $after: String) {
    keyAccounts(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        province
        keyAccountStatus
        owner {
          id
          name
        }
      }
    }
  }
`);

export const KeyAccountsOwnerCandidatesQuery = graphql(`
  query KeyAccountsOwnerCandidates {
    keyAccountOwnerCandidates {
      id
      name
    }
  }
`);

export const KeyAccountsRecomputeMutation = graphql(`
  mutation KeyAccountsRecompute {
    recomputeKeyAccountCandidates {
      nominated
      downgrades
      confirmed
    }
  }
`);

export const KeyAccountsApproveMutation = graphql(`
  mutation KeyAccountsApprove($id: ID!, $version: Int!, $reason: String!, $ownerId: ID) {
    approveKeyAccountNomination(id: $id, version: $version, reason: $reason, ownerId: $ownerId) {
      id
      status
      version
    }
  }
`);

export const KeyAccountsRejectMutation = graphql(`
  mutation KeyAccountsReject($id: ID!, $version: Int!, $reason: String!) {
    rejectKeyAccountNomination(id: $id, version: $version, reason: $reason) {
      id
      status
      version
    }
  }
`);

export const KeyAccountsCustomerFlagsQuery = graphql(`
  query KeyAccountsCustomerFlags($id: ID!) {
    customer(id: $id) {
      id
      version
      keyAccountFlags {
        regionalLandmark
        regionalLandmarkReason
        strategicPotential
        strategicPotentialReason
      }
    }
  }
`);

export const KeyAccountsSetFlagsMutation = graphql(`
  mutation KeyAccountsSetFlags($customerId: ID!, $version: Int!, $input: CustomerKeyAccountFlagsInput!) {
    setCustomerKeyAccountFlags(customerId: $customerId, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const KeyAccountsViewerQuery = graphql(`
  query KeyAccountsViewer {
    viewer {
      permissions
    }
  }
`);
