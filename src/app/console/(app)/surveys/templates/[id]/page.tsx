import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NoPermission } from '@/components/admin/no-permission';
import { surveyPermissions } from '@/graphql/survey-campaigns/survey-permissions.rules';
import { TemplatePage } from '@/components/surveys/template-page';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('surveys.templatePage'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

export default async function SurveyTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const [{ viewer }, { id }] = await Promise.all([requireStaffPage(), params]);
  const permissions = surveyPermissions(viewer);
  if (!permissions.canRead) return <NoPermission />;
  return <TemplatePage key={id} id={id} canManage={permissions.canManage} />;
}
