import { graphql } from '@/gql';

// The callback dialogs' operations, prefixed `Callback` (operation names are global across the UI).

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
