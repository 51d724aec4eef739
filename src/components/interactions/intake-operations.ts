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
      ...TrackedRecordFields
    }
  }
`);

/** A record as a visitor sees it (/track, the mail's confirmation link): status, timeline, whether it awaits them. */
export const TrackedRecordFieldsFragment = graphql(`
  fragment TrackedRecordFields on InteractionLookup {
    number
    type
    status
    subject
    createdAt
    awaitingResponse
    customerFeedback
    timeline {
      ...IntakeTimelineFields
    }
  }
`);

export const IntakeResolutionByLinkQuery = graphql(`
  query IntakeResolutionByLink($token: String!) {
    resolutionByLink(token: $token) {
      ...TrackedRecordFields
    }
  }
`);

export const IntakeRespondTrackedMutation = graphql(`
  mutation IntakeRespondTracked($number: String!, $phone: String!, $accepted: Boolean!, $comment: String) {
    respondToTrackedResolution(number: $number, phone: $phone, accepted: $accepted, comment: $comment) {
      ...TrackedRecordFields
    }
  }
`);

export const IntakeRespondByLinkMutation = graphql(`
  mutation IntakeRespondByLink($token: String!, $accepted: Boolean!, $comment: String) {
    respondToResolutionByLink(token: $token, accepted: $accepted, comment: $comment) {
      ...TrackedRecordFields
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
