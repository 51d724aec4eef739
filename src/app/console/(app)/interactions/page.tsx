import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ConsoleInteractionList } from '@/components/interactions/console-interaction-list';
import { can } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('intake'), getTranslations('common')]);
  return { title: `${t('console.list.title')} · ${tc('appName')}` };
}

/** The console list of every interaction; the data comes through GraphQL in the client component. */
export default async function ConsoleInteractionsPage() {
  const { viewer } = await requireStaffPage();
  return <ConsoleInteractionList canWrite={can(viewer, 'interactions:write')} />;
}
