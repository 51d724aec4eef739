import { graphql } from '@/gql';

// The customer 360 page's blocks (SPEC §1 "a customer's page shows everything"): one operation per block, each paged
// on its own. bench/customer-360.ts times every query a page opening sends.

export const CustomerInteractionsBlockQuery = graphql(`
  query CustomerInteractionsBlock($id: ID!, $first: Int, $after: String, $filter: CustomerInteractionFilter) {
    customer(id: $id) {
      id
      interactionsConnection(first: $first, after: $after, filter: $filter) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          number
          type
          status
          subject
          createdAt
          severity
          triageDueAt
          resolutionDueAt
          callbackDueAt
        }
      }
    }
  }
`);

export const CustomerSurveysBlockQuery = graphql(`
  query CustomerSurveysBlock($id: ID!, $first: Int, $after: String) {
    customer(id: $id) {
      id
      satisfactionTrend(period: QUARTER, last: 8) {
        period
        responseCount
        averageIndexScore
        lowScoreCount
      }
      surveyResponsesConnection(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          submittedAt
          index
          lowScore
          source
          campaign {
            id
            name
            periodLabel
          }
        }
      }
    }
  }
`);

export const CustomerHistoryBlockQuery = graphql(`
  query CustomerHistoryBlock($id: ID!, $first: Int, $after: String) {
    customer(id: $id) {
      id
      historyConnection(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          action
          toState
          changes
          ...HistoryEntryFields
        }
      }
    }
  }
`);

export const CustomerKeyAccountBlockQuery = graphql(`
  query CustomerKeyAccountBlock($id: ID!) {
    customer(id: $id) {
      id
      contractSummary {
        count
        totalAmount
        firstSignedAt
        lastSignedAt
      }
      keyAccount {
        ...KeyAccountsOwnerFields
      }
      nextScheduledContact {
        kind
        dueAt
        callbackReason
        obligationKind
      }
    }
  }
`);
