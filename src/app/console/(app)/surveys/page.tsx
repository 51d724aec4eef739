import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { NoPermission } from '@/components/admin/no-permission';
import { CampaignList } from '@/components/surveys/campaign-list';
import { surveyPermissions } from '@/graphql/survey-campaigns/survey-permissions.rules';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('surveys'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

// The survey module's landing page: the campaigns, with tabs to templates and to the analysis pages. The list reads
// its filters from the URL (useSearchParams), hence the Suspense boundary.
export default async function SurveysPage() {
  const { viewer } = await requireStaffPage();
  const permissions = surveyPermissions(viewer);
  if (!permissions.canRead) return <NoPermission />;
  return (
    <Suspense>
      <CampaignList canManage={permissions.canManage} />
    </Suspense>
  );
}
