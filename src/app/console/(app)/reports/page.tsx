import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NoPermission } from '@/components/admin/no-permission';
import { ReportsIndex } from '@/components/reports/reports-index';
import { ROLE_PERMISSIONS } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('reports.index'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

export default async function ReportsPage() {
  const { viewer } = await requireStaffPage();
  if (!ROLE_PERMISSIONS[viewer.role].includes('interactions:read')) return <NoPermission />;
  return <ReportsIndex />;
}
