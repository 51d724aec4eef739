import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NoPermission } from '@/components/admin/no-permission';
import { surveyPermissions } from '@/graphql/survey-campaigns/survey-permissions.rules';
import { TemplateBuilder } from '@/components/surveys/template-builder';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('surveys.builder'), getTranslations('common')]);
  return { title: `${t('editTitle')} · ${tc('appName')}` };
}

/** Edits in place while no campaign uses the version; otherwise saving writes the next version (SDL updateSurveyTemplate). */
export default async function EditSurveyTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const [{ viewer }, { id }] = await Promise.all([requireStaffPage(), params]);
  if (!surveyPermissions(viewer).canManage) return <NoPermission />;
  return <TemplateBuilder key={id} templateId={id} />;
}
