import { graphql } from '@/gql';

// The key-account obligation documents of the console (queue, dialogs, customer panel, 工作台 block).

export const KeyAccountObligationFieldsFragment = graphql(`
  fragment KeyAccountObligationFields on KeyAccountObligation {
    id
    kind
    status
    dueAt
    overdue
    completedAt
    note
    rescheduleReason
    escalationLevel
    version
    viewerCanComplete
    viewerCanReschedule
    customer {
      id
      name
    }
    owner {
      id
      name
    }
    completedBy {
      id
      name
    }
    callback {
      id
      status
    }
    attachments {
      id
      fileName
      downloadUrl
    }
  }
`);

export const KeyAccountObligationsQuery = graphql(`
  query KeyAccountObligations($filter: KeyAccountObligationFilter, $first: Int, $after: String) {
    keyAccountObligations(filter: $filter, first: $first, after: $after) {
      nodes {
        ...KeyAccountObligationFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export const KeyAccountObligationsOfCustomerQuery = graphql(`
  query KeyAccountObligationsOfCustomer($id: ID!, $openOnly: Boolean) {
    viewer {
      permissions
    }
    customer(id: $id) {
      id
      keyAccountStatus
      keyAccountObligations(first: 50, openOnly: $openOnly) {
        nodes {
          ...KeyAccountObligationFields
        }
        totalCount
      }
    }
  }
`);

export const KeyAccountObligationCompleteMutation = graphql(`
  mutation KeyAccountObligationComplete($id: ID!, $version: Int!, $input: CompleteKeyAccountObligationInput!) {
    completeKeyAccountObligation(id: $id, version: $version, input: $input) {
      ...KeyAccountObligationFields
    }
  }
`);

export const KeyAccountObligationRescheduleMutation = graphql(`
  mutation KeyAccountObligationReschedule($id: ID!, $version: Int!, $input: RescheduleKeyAccountObligationInput!) {
    rescheduleKeyAccountObligation(id: $id, version: $version, input: $input) {
      ...KeyAccountObligationFields
    }
  }
`);
