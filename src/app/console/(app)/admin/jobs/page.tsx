import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { JobQueuesPanel } from '@/components/admin/job-queues-panel';
import { NoPermission } from '@/components/admin/no-permission';
import { ROLE_PERMISSIONS } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('admin.jobs'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

export default async function JobQueuesPage() {
  const { viewer } = await requireStaffPage();
  // The API refuses too; checking here means a non-admin never gets the screen at all.
  if (!ROLE_PERMISSIONS[viewer.role].includes('users:manage')) return <NoPermission />;
  return <JobQueuesPanel />;
}
