import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PortalInteractionList } from '@/components/interactions/portal-interaction-list';
import { requireCustomerPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('intake'), getTranslations('common')]);
  return { title: `${t('list.title')} · ${tc('appName')}` };
}

export default async function PortalInteractionsPage() {
  await requireCustomerPage();
  return <PortalInteractionList />;
}
