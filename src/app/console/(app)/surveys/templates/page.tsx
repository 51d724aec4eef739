import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NoPermission } from '@/components/admin/no-permission';
import { surveyPermissions } from '@/graphql/survey-campaigns/survey-permissions.rules';
import { TemplateList } from '@/components/surveys/template-list';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('surveys.tabs'), getTranslations('common')]);
  return { title: `${t('templates')} · ${tc('appName')}` };
}

export default async function SurveyTemplatesPage() {
  const { viewer } = await requireStaffPage();
  const permissions = surveyPermissions(viewer);
  if (!permissions.canRead) return <NoPermission />;
  return <TemplateList canManage={permissions.canManage} />;
}
