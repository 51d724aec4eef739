import { ConsoleInteractionList } from '@/components/interactions/console-interaction-list';
import { can } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('intake', 'console.list.title');

/** The console list of every interaction; the data comes through GraphQL in the client component. */
export default async function ConsoleInteractionsPage() {
  const { viewer } = await requireStaffPage();
  return <ConsoleInteractionList canWrite={can(viewer, 'interactions:write')} />;
}
