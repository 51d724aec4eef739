import { PortalSurveys } from '@/components/surveys/portal-surveys';
import { requireCustomerPage } from '@/server/auth/session';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('surveys.portal', 'title');

export default async function PortalSurveysPage() {
  await requireCustomerPage();
  return <PortalSurveys />;
}
