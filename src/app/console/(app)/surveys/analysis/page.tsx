import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { NoPermission } from '@/components/admin/no-permission';
import { SurveyAnalysis } from '@/components/survey-analysis/survey-analysis';
import { ROLE_PERMISSIONS } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('surveyAnalysis'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

// The analysis reads its filters from the URL (useSearchParams), hence the Suspense boundary. The follow-up buttons
// are offered by the permissions the API checks for them (callbacks:write, interactions:write).
export default async function SurveyAnalysisPage() {
  const { viewer } = await requireStaffPage();
  const permissions = ROLE_PERMISSIONS[viewer.role];
  if (!permissions.includes('surveys:read')) return <NoPermission />;
  return (
    <Suspense>
      <SurveyAnalysis
        permissions={{
          canCreateCallback: permissions.includes('callbacks:write'),
          canCreateComplaint: permissions.includes('interactions:write'),
        }}
      />
    </Suspense>
  );
}
