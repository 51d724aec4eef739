import { graphql } from '@/gql';

// The complaint queue's operations (also read by the dashboard) and the staff directory the queue filters and the
// workbench's dialogs offer. Operation names are global across the UI, hence the `Complaint` prefix.

export const ComplaintQueueCountsQuery = graphql(`
  query ComplaintQueueCounts($filter: ComplaintQueueFilter) {
    complaintQueueCounts(filter: $filter) {
      queue
      count
    }
  }
`);

export const ComplaintQueueQuery = graphql(`
  query ComplaintQueue(
    $queue: ComplaintQueue!
    $filter: ComplaintQueueFilter
    $sort: ComplaintQueueSort
    $first: Int
    $after: String
  ) {
    complaintQueue(queue: $queue, filter: $filter, sort: $sort, first: $first, after: $after) {
      nodes {
        id
        number
        subject
        status
        severity
        companyName
        customer {
          id
          name
        }
        owner {
          id
          name
        }
        responsibleDepartment {
          id
          name
        }
        resolutionDueAt
        triageDueAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export const ComplaintDirectoryQuery = graphql(`
  query ComplaintDirectory {
    departments {
      id
      code
      name
    }
    users {
      id
      name
      email
      role
      active
      department {
        id
        name
      }
    }
  }
`);
