import { graphql } from '@/gql';
import type { ComplaintDirectoryQuery as Directory } from '@/gql/graphql';

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

type StaffMember = Directory['users'][number];

/** Whom a complaint or an action can be given to: the directory's active accounts, without portal (customer) ones. */
export const assignableStaff = (directory: Directory | undefined): StaffMember[] =>
  (directory?.users ?? []).filter((u) => u.active && u.role !== 'CUSTOMER');

/** A staff member as the pickers name them: "王五（质量部）". */
export const staffLabel = (u: Pick<StaffMember, 'name' | 'department'>) =>
  `${u.name}${u.department ? `（${u.department.name}）` : ''}`;
