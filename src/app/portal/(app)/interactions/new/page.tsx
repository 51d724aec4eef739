import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PortalIntakeForm } from '@/components/interactions/portal-intake-form';
import { PageHeader } from '@/components/ui/page-header';
import { requireCustomerPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('intake'), getTranslations('common')]);
  return { title: `${t('form.title')} · ${tc('appName')}` };
}

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
