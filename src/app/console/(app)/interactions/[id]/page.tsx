import { ConsoleInteractionDetail } from '@/components/interactions/console-interaction-detail';
import { can } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('intake', 'console.list.title');

export default async function ConsoleInteractionPage({ params }: { params: Promise<{ id: string }> }) {
  const { viewer } = await requireStaffPage();
  const { id } = await params;
  return <ConsoleInteractionDetail key={id} id={id} canWrite={can(viewer, 'interactions:write')} />;
}
