import { graphql } from '@/gql';

// The departments and audit-log screens' operations (the directory module), prefixed `Admin` like the other admin ones.

export const AdminDepartmentRowFragment = graphql(`
  fragment AdminDepartmentRow on Department {
    id
    code
    name
    active
    version
    memberCount
    head {
      id
      name
    }
  }
`);

export const AdminDepartmentListQuery = graphql(`
  query AdminDepartmentList {
    departments {
      ...AdminDepartmentRow
    }
  }
`);

export const AdminCreateDepartmentMutation = graphql(`
  mutation AdminCreateDepartment($input: CreateDepartmentInput!) {
    createDepartment(input: $input) {
      ...AdminDepartmentRow
    }
  }
`);

export const AdminUpdateDepartmentMutation = graphql(`
  mutation AdminUpdateDepartment($id: ID!, $input: UpdateDepartmentInput!) {
    updateDepartment(id: $id, input: $input) {
      ...AdminDepartmentRow
    }
  }
`);

export const AdminUpdateUserMutation = graphql(`
  mutation AdminUpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      ...AdminUserRow
    }
  }
`);

export const AdminAuditLogQuery = graphql(`
  query AdminAuditLog($filter: AuditLogFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        entityType
        entityId
        entityLabel
        changeList {
          field
          from
          to
        }
        entry {
          id
          action
          fromState
          toState
          createdAt
          ...HistoryEntryFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);
