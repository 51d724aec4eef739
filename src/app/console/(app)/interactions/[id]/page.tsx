import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ConsoleInteractionDetail } from '@/components/interactions/console-interaction-detail';
import { can } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('intake'), getTranslations('common')]);
  return { title: `${t('console.list.title')} · ${tc('appName')}` };
}

export default async function ConsoleInteractionPage({ params }: { params: Promise<{ id: string }> }) {
  const { viewer } = await requireStaffPage();
  const { id } = await params;
  return <ConsoleInteractionDetail key={id} id={id} canWrite={can(viewer, 'interactions:write')} />;
}
