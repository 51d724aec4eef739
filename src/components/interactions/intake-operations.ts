import { graphql } from '@/gql';

// The intake screens' GraphQL operations, prefixed `Intake` (operation names are global across the UI).

export const IntakeSubmitMutation = graphql(`
  mutation IntakeSubmit($input: SubmitInteractionInput!) {
    submitInteraction(input: $input) {
      id
      number
      type
      status
    }
  }
`);

/** One step of the customer-facing progress (the portal's detail and the public look-up). */
export const IntakeTimelineFieldsFragment = graphql(`
  fragment IntakeTimelineFields on TimelineEntry {
    id
    action
    toState
    comment
    message {
      ...ActivityMessageFields
    }
    createdAt
  }
`);

export const IntakeLookupQuery = graphql(`
  query IntakeLookup($number: String!, $phone: String!) {
    lookupInteraction(number: $number, phone: $phone) {
      number
      type
      status
      subject
      createdAt
      timeline {
        ...IntakeTimelineFields
      }
    }
  }
`);

export const IntakeRespondToResolutionMutation = graphql(`
  mutation IntakeRespondToResolution($id: ID!, $version: Int!, $accepted: Boolean!, $comment: String) {
    respondToResolution(id: $id, version: $version, accepted: $accepted, comment: $comment) {
      id
      status
      version
      customerFeedback
    }
  }
`);
