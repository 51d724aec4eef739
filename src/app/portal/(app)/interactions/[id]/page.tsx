import { PortalInteractionDetail } from '@/components/interactions/portal-interaction-detail';
import { requireCustomerPage } from '@/server/auth/session';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('intake', 'list.title');

export default async function PortalInteractionPage({ params }: { params: Promise<{ id: string }> }) {
  await requireCustomerPage();
  const { id } = await params;
  return <PortalInteractionDetail key={id} id={id} />;
}
