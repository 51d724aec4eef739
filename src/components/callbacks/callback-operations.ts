import { graphql } from '@/gql';

// The callback queue's operations (the counts are also read by the dashboard) and the fields every callback screen
// shows. Operation names are global across the UI, hence the `Callback` prefix.

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
    callee {
      company
      name
      phone
      email
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
