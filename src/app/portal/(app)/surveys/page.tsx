import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PortalSurveys } from '@/components/surveys/portal-surveys';
import { requireCustomerPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('surveys.portal'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

export default async function PortalSurveysPage() {
  await requireCustomerPage();
  return <PortalSurveys />;
}
