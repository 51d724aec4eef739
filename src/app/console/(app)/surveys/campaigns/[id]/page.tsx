import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NoPermission } from '@/components/admin/no-permission';
import { CampaignPage } from '@/components/surveys/campaign-page';
import { surveyPermissions } from '@/graphql/survey-campaigns/survey-permissions.rules';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('surveys'), getTranslations('common')]);
  return { title: `${t('campaign.title')} · ${tc('appName')}` };
}

export default async function SurveyCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ viewer }, { id }] = await Promise.all([requireStaffPage(), params]);
  const permissions = surveyPermissions(viewer);
  if (!permissions.canRead) return <NoPermission />;
  return <CampaignPage key={id} id={id} permissions={permissions} />;
}
