import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { createLoaders } from '@/graphql/loaders';
import { IntakeForm } from '@/components/interactions/intake-form';
import { PageHeader } from '@/components/ui/page-header';
import { requireCustomerPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('intake'), getTranslations('common')]);
  return { title: `${t('form.title')} · ${tc('appName')}` };
}

export default async function PortalNewInteractionPage() {
  const { viewer } = await requireCustomerPage();
  const t = await getTranslations('intake');
  // Only the customer's own contracts are offered (the server checks again on submit).
  const contracts = await createLoaders().contractsByCustomer.load(viewer.customerId);
  return (
    <div className="space-y-6">
      <PageHeader title={t('form.title')} subtitle={t('form.subtitle')} />
      <IntakeForm
        mode="customer"
        contracts={contracts.map((c) => ({ id: c.id, contractNo: c.contractNo, title: c.title }))}
      />
    </div>
  );
}
