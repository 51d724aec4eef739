import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { NoPermission } from '@/components/admin/no-permission';
import { AnnualIndex } from '@/components/survey-analysis/annual-index';
import { ROLE_PERMISSIONS } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('surveyAnalysis.annual'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

// The year is in the URL (?year=2026), read with useSearchParams, hence the Suspense boundary. Only holders of
// surveys:manage get the criteria editor (the API refuses the others too).
export default async function AnnualSatisfactionIndexPage() {
  const { viewer } = await requireStaffPage();
  const permissions = ROLE_PERMISSIONS[viewer.role];
  if (!permissions.includes('surveys:read')) return <NoPermission />;
  return (
    <Suspense>
      <AnnualIndex canManage={permissions.includes('surveys:manage')} />
    </Suspense>
  );
}
