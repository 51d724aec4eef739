import { getTranslations } from 'next-intl/server';
import { PortalIntakeForm } from '@/components/interactions/portal-intake-form';
import { PageHeader } from '@/components/ui/page-header';
import { requireCustomerPage } from '@/server/auth/session';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('intake', 'form.title');

export default async function PortalNewInteractionPage() {
  await requireCustomerPage();
  const t = await getTranslations('intake');
  return (
    <div className="space-y-6">
      <PageHeader title={t('form.title')} subtitle={t('form.subtitle')} />
      <PortalIntakeForm />
    </div>
  );
}
