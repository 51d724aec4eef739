import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  getWebhookSettings,
  listWebhookDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  rotateWebhookSecret,
  sendWebhookTestEvent,
  updateWebhookEndpoint,
  updateWebhookSettings,
} from './webhook.service';

// Admins (webhooks:manage) only; the services check the permission again.
const manage = policy.permission('webhooks:manage');
export const webhookPolicies: RootPolicies = {
  Query: { webhookEndpoints: manage, webhookEndpoint: manage, webhookDeliveries: manage, webhookSettings: manage },
  Mutation: {
    createWebhookEndpoint: manage,
    updateWebhookEndpoint: manage,
    rotateWebhookSecret: manage,
    deleteWebhookEndpoint: manage,
    sendWebhookTestEvent: manage,
    redeliverWebhook: manage,
    updateWebhookSettings: manage,
  },
};

export const webhookResolvers: Resolvers = {
  Query: {
    webhookEndpoints: (_, __, { viewer }) => listWebhookEndpoints(viewer),
    webhookEndpoint: (_, { id }, { viewer }) => getWebhookEndpoint(viewer, id),
    webhookDeliveries: (_, args, { viewer }) => listWebhookDeliveries(viewer, args),
    webhookSettings: (_, __, { viewer }) => getWebhookSettings(viewer),
  },
  Mutation: {
    createWebhookEndpoint: (_, { input }, { viewer }) => createWebhookEndpoint(viewer, input),
    updateWebhookEndpoint: (_, { id, version, input }, { viewer }) => updateWebhookEndpoint(viewer, id, version, input),
    rotateWebhookSecret: (_, { id, version }, { viewer }) => rotateWebhookSecret(viewer, id, version),
    deleteWebhookEndpoint: (_, { id, version }, { viewer }) => deleteWebhookEndpoint(viewer, id, version),
    sendWebhookTestEvent: (_, { endpointId }, { viewer, now }) => sendWebhookTestEvent(viewer, endpointId, now()),
    redeliverWebhook: (_, { id }, { viewer, now }) => redeliverWebhook(viewer, id, now()),
    updateWebhookSettings: (_, { version, input }, { viewer }) => updateWebhookSettings(viewer, version, input),
  },
  WebhookDelivery: {
    eventType: (d) => d.event.type,
    subjectType: (d) => d.event.subjectType,
    subjectId: (d) => d.event.subjectId,
  },
};
