import { graphql } from '@/gql';

/** The operations of the exchange-summary screens (names start with the domain: KeyAccountSummary…). */

export const KeyAccountSummaryListQuery = graphql(`
  query KeyAccountSummaryList($customerId: ID, $status: ExchangeSummaryStatus, $first: Int, $after: String) {
    keyAccountExchangeSummaries(customerId: $customerId, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        period
        status
        createdAt
        issuedAt
        customer {
          id
          name
        }
        figures {
          complaints {
            received
            open
          }
          satisfaction {
            averageIndex
          }
        }
      }
    }
  }
`);

export const KeyAccountSummaryCustomersQuery = graphql(`
  query KeyAccountSummaryCustomers {
    keyAccountSummaryCustomers {
      id
      name
    }
  }
`);

export const KeyAccountSummaryDepartmentsQuery = graphql(`
  query KeyAccountSummaryDepartments {
    departments {
      id
      name
    }
  }
`);

export const KeyAccountSummaryQuery = graphql(`
  query KeyAccountSummary($id: ID!) {
    keyAccountExchangeSummary(id: $id) {
      id
      period
      periodStart
      periodEnd
      status
      version
      figuresAt
      customerNeeds
      difficulties
      measures
      viewerCanEdit
      pdfUrl
      issuedAt
      issuedBy {
        id
        name
      }
      customer {
        id
        name
      }
      recipientDepartments {
        id
        name
      }
      figures {
        complaints {
          received
          open
          closed
          overdue
          general
          major
          crisis
        }
        interactions {
          consultation
          inquiry
          suggestion
        }
        callbacks {
          done
          pending
          overdue
        }
        satisfaction {
          responses
          averageIndex
          lowScores
        }
        obligations {
          open
          overdue
          items {
            id
            kind
            dueAt
            overdue
            note
          }
        }
      }
      history {
        id
        ...HistoryEntryFields
      }
    }
  }
`);

export const KeyAccountSummaryGenerateMutation = graphql(`
  mutation KeyAccountSummaryGenerate($input: GenerateKeyAccountExchangeSummaryInput!) {
    generateKeyAccountExchangeSummary(input: $input) {
      id
    }
  }
`);

export const KeyAccountSummaryUpdateMutation = graphql(`
  mutation KeyAccountSummaryUpdate(
    $id: ID!
    $version: Int!
    $input: UpdateKeyAccountExchangeSummaryInput!
    $recount: Boolean
  ) {
    updateKeyAccountExchangeSummary(id: $id, version: $version, input: $input, recount: $recount) {
      id
      version
    }
  }
`);

export const KeyAccountSummaryIssueMutation = graphql(`
  mutation KeyAccountSummaryIssue($id: ID!, $version: Int!) {
    issueKeyAccountExchangeSummary(id: $id, version: $version) {
      id
      version
      status
    }
  }
`);
