import { graphql } from '@/gql';

// The read operations of the intake list and detail screens (console and portal), prefixed `Intake` like the rest of
// the intake operations, so one `invalidates: ['Intake']` after a mutation refreshes every intake screen.

/** A contract as the lodge form offers it and a record's page names it: "HT-2024-001 · 年度审核". */
export const IntakeContractOptionFragment = graphql(`
  fragment IntakeContractOption on Contract {
    id
    contractNo
    title
  }
`);

export const contractLabel = (contract: { contractNo: string; title?: string | null }) =>
  `${contract.contractNo}${contract.title ? ` · ${contract.title}` : ''}`;

/** What both detail screens (console and portal) show of an interaction. */
export const IntakeDetailFieldsFragment = graphql(`
  fragment IntakeDetailFields on Interaction {
    id
    number
    type
    channel
    status
    subject
    description
    desiredOutcome
    productRef
    orderRef
    version
    createdAt
    relatedContract {
      ...IntakeContractOption
    }
    attachments {
      id
      fileName
      sizeBytes
      downloadUrl
    }
  }
`);

/** A page of either list (console and portal): what both show of a row, the cursor and the total. */
export const IntakeListPageFragment = graphql(`
  fragment IntakeListPage on InteractionConnection {
    nodes {
      id
      number
      type
      status
      subject
      createdAt
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
`);

export const IntakeConsoleListQuery = graphql(`
  query IntakeConsoleList($filter: InteractionFilter, $first: Int, $after: String) {
    interactions(filter: $filter, first: $first, after: $after) {
      ...IntakeListPage
      nodes {
        channel
        companyName
      }
      countsByStatus {
        status
        count
      }
    }
  }
`);

export const IntakeConsoleDetailQuery = graphql(`
  query IntakeConsoleDetail($id: ID!) {
    interaction(id: $id) {
      ...IntakeDetailFields
      companyName
      contactName
      contactPhone
      contactEmail
      customer {
        id
        name
      }
      sourceInteraction {
        id
        number
      }
      derivedInteractions {
        id
        number
        type
      }
      history {
        id
        action
        toState
        comment
        message {
          key
          params
          text
        }
        actorLabel
        visibleToCustomer
        actor {
          id
          name
        }
        createdAt
      }
    }
  }
`);

export const IntakePortalListQuery = graphql(`
  query IntakePortalList($first: Int, $after: String) {
    interactions(first: $first, after: $after) {
      ...IntakeListPage
      nodes {
        customerFeedback
      }
    }
  }
`);

export const IntakePortalDetailQuery = graphql(`
  query IntakePortalDetail($id: ID!) {
    interaction(id: $id) {
      ...IntakeDetailFields
      customerFeedback
      customerFeedbackComment
      timeline {
        ...IntakeTimelineFields
      }
    }
  }
`);

export const IntakePortalContractsQuery = graphql(`
  query IntakePortalContracts {
    viewer {
      customer {
        id
        contracts {
          ...IntakeContractOption
        }
      }
    }
  }
`);
