import DataLoader from 'dataloader';
import { countNotifications, type NotificationCountKey } from './notification.service';

/** DataLoaders of the notifications module (created per request, on first use, in src/graphql/loaders.ts). */
export function notificationLoaderFactories() {
  return {
    // The counts a request asks for (myNotifications.totalCount, unreadNotificationCount) in one statement.
    notificationCounts: () =>
      new DataLoader<NotificationCountKey, number, string>(countNotifications, {
        cacheKeyFn: (k) => `${k.userId}:${k.unreadOnly}`,
      }),
  };
}
