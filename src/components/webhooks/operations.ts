import { graphql } from '@/gql';

// The webhooks screen's GraphQL operations, prefixed `Webhook`.

export const WebhookEndpointsQuery = graphql(`
  query WebhookEndpoints {
    webhookEndpoints {
      id
      url
      description
      eventTypes
      active
      consecutiveFailures
      disabledAt
      version
    }
    webhookSettings {
      allowPrivateTargets
      failureLimit
      version
    }
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($endpointId: ID!, $first: Int, $after: String) {
    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...WebhookDeliveryRow
      }
    }
  }
`);

export const WebhookDeliveryRowFragment = graphql(`
  fragment WebhookDeliveryRow on WebhookDelivery {
    id
    eventType
    status
    attempts
    lastStatusCode
    lastLatencyMs
    lastResponse
    lastError
    createdAt
  }
`);

export const WebhookCreateMutation = graphql(`
  mutation WebhookCreate($input: WebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        id
      }
    }
  }
`);

export const WebhookUpdateMutation = graphql(`
  mutation WebhookUpdate($id: ID!, $version: Int!, $input: WebhookEndpointInput!) {
    updateWebhookEndpoint(id: $id, version: $version, input: $input) {
      id
      version
      active
    }
  }
`);

export const WebhookRotateSecretMutation = graphql(`
  mutation WebhookRotateSecret($id: ID!, $version: Int!) {
    rotateWebhookSecret(id: $id, version: $version) {
      secret
      endpoint {
        id
      }
    }
  }
`);

export const WebhookSendTestMutation = graphql(`
  mutation WebhookSendTest($endpointId: ID!) {
    sendWebhookTestEvent(endpointId: $endpointId) {
      ...WebhookDeliveryRow
    }
  }
`);

export const WebhookRedeliverMutation = graphql(`
  mutation WebhookRedeliver($id: ID!) {
    redeliverWebhook(id: $id) {
      ...WebhookDeliveryRow
    }
  }
`);

export const WebhookSettingsMutation = graphql(`
  mutation WebhookSettings($version: Int!, $input: WebhookSettingsInput!) {
    updateWebhookSettings(version: $version, input: $input) {
      allowPrivateTargets
      failureLimit
      version
    }
  }
`);
