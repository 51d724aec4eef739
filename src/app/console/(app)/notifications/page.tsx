import { NotificationList } from '@/components/notifications/notification-list';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('notifications', 'title');

// Every staff user has notifications of their own; the tab is read from the URL (useSearchParams), hence Suspense.
export default staffPage({ suspense: true }, () => <NotificationList />);
