import { graphql } from '@/gql';

// The console's callback operations, prefixed `Callback` (operation names are global across the UI).

export const CallbackQueueCountsQuery = graphql(`
  query CallbackQueueCounts {
    callbackQueueCounts {
      queue
      count
    }
  }
`);

export const CallbackFieldsFragment = graphql(`
  fragment CallbackFields on Callback {
    id
    reason
    status
    dueAt
    overdue
    outcome
    completedAt
    problemFound
    notes
    unreachableAttempts
    viewerCanRecord
    viewerCanManage
    version
    customer {
      id
      name
    }
    interaction {
      id
      number
      status
    }
    resultingInteraction {
      id
      number
    }
    assignee {
      id
      name
    }
    completedBy {
      id
      name
    }
  }
`);

export const CallbackListQuery = graphql(`
  query CallbackList($filter: CallbackFilter, $first: Int, $after: String) {
    callbacks(filter: $filter, first: $first, after: $after) {
      nodes {
        ...CallbackFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export const CallbackAssigneesQuery = graphql(`
  query CallbackAssignees {
    callbackAssignees {
      id
      name
      email
      role
    }
  }
`);

export const CallbacksOfComplaintQuery = graphql(`
  query CallbacksOfComplaint($id: ID!) {
    viewer {
      permissions
    }
    interaction(id: $id) {
      id
      status
      callbacks {
        ...CallbackFields
        accuracyScore
        timelinessScore
        attitudeScore
        otherDissatisfaction
        suggestions
      }
    }
  }
`);

export const CallbacksOfCustomerQuery = graphql(`
  query CallbacksOfCustomer($id: ID!) {
    viewer {
      permissions
    }
    customer(id: $id) {
      id
      name
      contractNo
      callbacks {
        ...CallbackFields
      }
    }
  }
`);

export const CallbackRecordMutation = graphql(`
  mutation CallbackRecord($id: ID!, $version: Int!, $input: RecordCallbackInput!) {
    recordCallback(id: $id, version: $version, input: $input) {
      id
      status
      version
      resultingInteraction {
        id
        number
      }
    }
  }
`);

export const CallbackCreateMutation = graphql(`
  mutation CallbackCreate($input: CreateCallbackInput!) {
    createCallback(input: $input) {
      id
      version
    }
  }
`);

export const CallbackReassignMutation = graphql(`
  mutation CallbackReassign($id: ID!, $version: Int!, $assigneeId: ID, $dueAt: DateTime) {
    reassignCallback(id: $id, version: $version, assigneeId: $assigneeId, dueAt: $dueAt) {
      id
      version
    }
  }
`);

export const CallbackCancelMutation = graphql(`
  mutation CallbackCancel($id: ID!, $version: Int!, $reason: String!) {
    cancelCallback(id: $id, version: $version, reason: $reason) {
      id
      version
    }
  }
`);
