import { graphql } from '@/gql';

// What every list of notifications shows (the bell, the notifications page, the dashboard), the bell's count and the
// page's list (both also run by bench/scenarios.ts). The bell's popover, the page's counts and the mark-read mutations
// sit in their components. Operation names are global across the UI, hence the `Notification` prefix.

export const NotificationFieldsFragment = graphql(`
  fragment NotificationFields on Notification {
    id
    kind
    title
    body
    message {
      ...ActivityMessageFields
    }
    detail {
      ...ActivityMessageFields
    }
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
