import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { NotificationList } from '@/components/notifications/notification-list';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('notifications'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

// Every staff user has notifications of their own; the tab is read from the URL (useSearchParams), hence Suspense.
export default async function NotificationsPage() {
  await requireStaffPage();
  return (
    <Suspense>
      <NotificationList />
    </Suspense>
  );
}
