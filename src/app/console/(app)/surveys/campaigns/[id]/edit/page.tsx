import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NoPermission } from '@/components/admin/no-permission';
import { CampaignForm } from '@/components/surveys/campaign-form';
import { surveyPermissions } from '@/graphql/survey-campaigns/survey-permissions.rules';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('surveys.campaignForm'), getTranslations('common')]);
  return { title: `${t('editTitle')} · ${tc('appName')}` };
}

/** Drafts only (SDL updateSurveyCampaign); the form says so for a launched campaign. */
export default async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ viewer }, { id }] = await Promise.all([requireStaffPage(), params]);
  if (!surveyPermissions(viewer).canManage) return <NoPermission />;
  return <CampaignForm key={id} campaignId={id} />;
}
