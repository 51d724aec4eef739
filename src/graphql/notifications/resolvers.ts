import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import { activityEnglish, activityOf, noticeHasBody } from '@/lib/activity';
import {
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationsRead,
  unreadNotificationCount,
} from './notification.service';

// A notification belongs to a person: staff sessions only (customers and API keys are FORBIDDEN); the service scopes
// every query to the viewer's own rows.
export const notificationPolicies: RootPolicies = {
  Query: {
    myNotifications: policy.staff,
    unreadNotificationCount: policy.staff,
  },
  Mutation: {
    markNotificationsRead: policy.staff,
    markAllNotificationsRead: policy.staff,
  },
};

export const notificationResolvers: Resolvers = {
  Query: {
    myNotifications: (_, args, { viewer, loaders }) => listMyNotifications(viewer, args, loaders.notificationCounts),
    unreadNotificationCount: (_, __, { viewer, loaders }) =>
      unreadNotificationCount(viewer, loaders.notificationCounts),
  },
  Mutation: {
    markNotificationsRead: (_, { ids }, { viewer, now }) => markNotificationsRead(viewer, ids, now()),
    markAllNotificationsRead: (_, __, { viewer, now }) => markAllNotificationsRead(viewer, now()),
  },
  Notification: {
    message: (n) => (n.messageKey ? activityOf(`${n.messageKey}.title`, n.messageParams) : null),
    detail: (n) =>
      n.messageKey && noticeHasBody(n.messageKey) ? activityOf(`${n.messageKey}.body`, n.messageParams) : null,
    title: (n) => n.title ?? activityEnglish(`${n.messageKey}.title`, n.messageParams),
    body: (n) =>
      n.body ??
      (n.messageKey && noticeHasBody(n.messageKey) ? activityEnglish(`${n.messageKey}.body`, n.messageParams) : null),
  },
  // Each field reads only what it needs (notification.service.ts, NotificationPage).
  NotificationConnection: {
    nodes: async (c) => (await c.page()).nodes,
    pageInfo: async (c) => (await c.page()).pageInfo,
    totalCount: (c) => c.totalCount(),
  },
};
