import { graphql } from '@/gql';

// The periodic callback programmes screen (/console/callbacks/programmes).

export const CallbackProgrammeFieldsFragment = graphql(`
  fragment CallbackProgrammeFields on CallbackProgramme {
    id
    name
    intervalMonths
    assignToOwner
    active
    lastRunAt
    callbackCount
    version
    assignee {
      id
      name
    }
    segment {
      ...NoticeAudienceFields
    }
  }
`);

export const CallbackProgrammesQuery = graphql(`
  query CallbackProgrammes {
    callbackProgrammes {
      ...CallbackProgrammeFields
    }
  }
`);

export const CallbackProgrammeCreateMutation = graphql(`
  mutation CallbackProgrammeCreate($input: CallbackProgrammeInput!) {
    createCallbackProgramme(input: $input) {
      ...CallbackProgrammeFields
    }
  }
`);

export const CallbackProgrammeUpdateMutation = graphql(`
  mutation CallbackProgrammeUpdate($id: ID!, $version: Int!, $input: CallbackProgrammeInput!) {
    updateCallbackProgramme(id: $id, version: $version, input: $input) {
      ...CallbackProgrammeFields
    }
  }
`);

export const CallbackProgrammeRunMutation = graphql(`
  mutation CallbackProgrammeRun($id: ID!) {
    runCallbackProgramme(id: $id) {
      programmes
      customers
      created
    }
  }
`);
