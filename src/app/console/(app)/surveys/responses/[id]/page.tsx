import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NoPermission } from '@/components/admin/no-permission';
import { ResponseView } from '@/components/surveys/response-view';
import { surveyPermissions } from '@/graphql/survey-campaigns/survey-permissions.rules';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('surveys.response'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

export default async function SurveyResponsePage({ params }: { params: Promise<{ id: string }> }) {
  const [{ viewer }, { id }] = await Promise.all([requireStaffPage(), params]);
  if (!surveyPermissions(viewer).canRead) return <NoPermission />;
  return <ResponseView key={id} id={id} />;
}
