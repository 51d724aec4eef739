import { getFragmentData, graphql, type FragmentType } from '@/gql';
import type { IntakeListPageFragment as IntakeListPage } from '@/gql/graphql';

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

// Fragment masking hides a spread fragment's fields from the query's type, yet at runtime they sit on the same object as
// the query's own fields beside the spread. These two read both together (type-only: they return the object itself).
type Own<T> = Omit<T, ' $fragmentRefs'>;

/** A row of a list query: the IntakeListPage fragment's fields with the query's own (`Node`). */
export type IntakeListRow<Node> = IntakeListPage['nodes'][number] & Own<Node>;

/** A list query's connection as a page of rows: the IntakeListPage fragment's row fields with the query's own. */
export function intakeListPage<Node>(
  connection: FragmentType<typeof IntakeListPageFragment> & { nodes: readonly Node[] },
) {
  const page = getFragmentData(IntakeListPageFragment, connection);
  return page as Omit<typeof page, 'nodes'> & { nodes: IntakeListRow<Node>[] };
}

/** A detail query's interaction: the IntakeDetailFields fragment's fields with the query's own. */
export function intakeDetail<T extends FragmentType<typeof IntakeDetailFieldsFragment>>(record: T | null | undefined) {
  const fields = getFragmentData(IntakeDetailFieldsFragment, record);
  return fields as (typeof fields & Own<T>) | null | undefined;
}

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
        visibleToCustomer
        ...HistoryEntryFields
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
