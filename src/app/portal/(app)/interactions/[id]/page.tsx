import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PortalInteractionDetail } from '@/components/interactions/portal-interaction-detail';
import { requireCustomerPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('intake'), getTranslations('common')]);
  return { title: `${t('list.title')} · ${tc('appName')}` };
}

export default async function PortalInteractionPage({ params }: { params: Promise<{ id: string }> }) {
  await requireCustomerPage();
  const { id } = await params;
  return <PortalInteractionDetail key={id} id={id} />;
}
