import { PortalInteractionList } from '@/components/interactions/portal-interaction-list';
import { requireCustomerPage } from '@/server/auth/session';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('intake', 'list.title');

export default async function PortalInteractionsPage() {
  await requireCustomerPage();
  return <PortalInteractionList />;
}
