import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { ComplaintQueues } from '@/components/complaints/complaint-queues';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('complaints'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

// The queues read the chosen queue from the URL (useSearchParams), hence the Suspense boundary.
export default async function ComplaintQueuesPage() {
  await requireStaffPage();
  return (
    <Suspense>
      <ComplaintQueues />
    </Suspense>
  );
}
