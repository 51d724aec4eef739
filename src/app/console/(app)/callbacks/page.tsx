import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { CallbackQueues } from '@/components/callbacks/callback-queues';
import { NoPermission } from '@/components/admin/no-permission';
import { ROLE_PERMISSIONS } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('callbacks'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

// The queues read the chosen queue from the URL (useSearchParams), hence the Suspense boundary. Staff without
// callbacks:read (department handlers) are told so instead of seeing a page of errors.
export default async function CallbackQueuesPage() {
  const { viewer } = await requireStaffPage();
  const permissions = ROLE_PERMISSIONS[viewer.role];
  if (!permissions.includes('callbacks:read')) return <NoPermission />;
  return (
    <Suspense>
      <CallbackQueues canWrite={permissions.includes('callbacks:write')} />
    </Suspense>
  );
}
