import { graphql } from '@/gql';

// The console's notification operations, prefixed `Notification` (operation names are global across the UI).

export const NotificationFieldsFragment = graphql(`
  fragment NotificationFields on Notification {
    id
    kind
    title
    body
    href
    readAt
    createdAt
  }
`);

export const NotificationUnreadCountQuery = graphql(`
  query NotificationUnreadCount {
    unreadNotificationCount
  }
`);

export const NotificationCountsQuery = graphql(`
  query NotificationCounts {
    unreadNotificationCount
    all: myNotifications(first: 1) {
      totalCount
    }
  }
`);

export const NotificationListQuery = graphql(`
  query NotificationList($unreadOnly: Boolean, $first: Int, $after: String) {
    myNotifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
      nodes {
        ...NotificationFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
    unreadNotificationCount
  }
`);

export const NotificationMarkReadMutation = graphql(`
  mutation NotificationMarkRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

export const NotificationMarkAllReadMutation = graphql(`
  mutation NotificationMarkAllRead {
    markAllNotificationsRead
  }
`);
