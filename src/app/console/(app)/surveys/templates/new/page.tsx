import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NoPermission } from '@/components/admin/no-permission';
import { surveyPermissions } from '@/graphql/survey-campaigns/survey-permissions.rules';
import { TemplateBuilder } from '@/components/surveys/template-builder';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('surveys.builder'), getTranslations('common')]);
  return { title: `${t('newTitle')} · ${tc('appName')}` };
}

export default async function NewSurveyTemplatePage() {
  const { viewer } = await requireStaffPage();
  if (!surveyPermissions(viewer).canManage) return <NoPermission />;
  return <TemplateBuilder />;
}
