import { graphql } from '@/gql';

// The admin screens' GraphQL operations, prefixed `Admin` (operation names are global across the UI).

export const AdminApiKeysQuery = graphql(`
  query AdminApiKeys {
    apiKeys {
      ...AdminApiKeyRow
    }
    apiScopes
  }
`);

export const AdminApiKeyRowFragment = graphql(`
  fragment AdminApiKeyRow on ApiKey {
    id
    name
    prefix
    scopes
    createdBy {
      id
      name
    }
    lastUsedAt
    expiresAt
    revokedAt
    createdAt
    rateLimitPerMinute
    effectiveRateLimitPerMinute
    rotatedAt
    previousKeyExpiresAt
    usage {
      day
      calls
      errors
    }
  }
`);

export const AdminCreateApiKeyMutation = graphql(`
  mutation AdminCreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {
        ...AdminApiKeyRow
      }
    }
  }
`);

export const AdminRevokeApiKeyMutation = graphql(`
  mutation AdminRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      ...AdminApiKeyRow
    }
  }
`);

export const AdminRotateApiKeyMutation = graphql(`
  mutation AdminRotateApiKey($id: ID!, $overlapHours: Int) {
    rotateApiKey(id: $id, overlapHours: $overlapHours) {
      key
      apiKey {
        ...AdminApiKeyRow
      }
    }
  }
`);

export const AdminSetApiKeyRateLimitMutation = graphql(`
  mutation AdminSetApiKeyRateLimit($id: ID!, $rateLimitPerMinute: Int) {
    setApiKeyRateLimit(id: $id, rateLimitPerMinute: $rateLimitPerMinute) {
      ...AdminApiKeyRow
    }
  }
`);

export const AdminUserRowFragment = graphql(`
  fragment AdminUserRow on User {
    id
    name
    email
    phone
    role
    active
    version
    department {
      id
      name
    }
  }
`);

export const AdminUsersQuery = graphql(`
  query AdminUsers($role: Role, $search: String) {
    users(role: $role, search: $search) {
      ...AdminUserRow
    }
  }
`);

export const AdminDepartmentsQuery = graphql(`
  query AdminDepartments {
    departments {
      id
      code
      name
      active
    }
  }
`);

export const AdminCreateUserMutation = graphql(`
  mutation AdminCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...AdminUserRow
    }
  }
`);

export const AdminSetUserActiveMutation = graphql(`
  mutation AdminSetUserActive($id: ID!, $active: Boolean!) {
    setUserActive(id: $id, active: $active) {
      ...AdminUserRow
    }
  }
`);

export const AdminCustomerPickerQuery = graphql(`
  query AdminCustomerPicker($search: String) {
    customers(filter: { search: $search }, first: 10, sort: { field: NAME }) {
      nodes {
        id
        name
        contractNo
        certificateNo
      }
    }
  }
`);

export const AdminJobQueuesQuery = graphql(`
  query AdminJobQueues {
    jobQueues {
      kind
      name
      queued
      delayed
      active
      failedLastDay
      oldestWaitingSince
      oldestWaitingSeconds
    }
  }
`);
