import { Suspense } from 'react';
import { NotificationList } from '@/components/notifications/notification-list';
import { requireStaffPage } from '@/server/auth/session';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('notifications', 'title');

// Every staff user has notifications of their own; the tab is read from the URL (useSearchParams), hence Suspense.
export default async function NotificationsPage() {
  await requireStaffPage();
  return (
    <Suspense>
      <NotificationList />
    </Suspense>
  );
}
