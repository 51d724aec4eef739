import { PortalWorkOrders } from '@/components/work-orders/portal-work-orders';
import { requireCustomerPage } from '@/server/auth/session';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('workOrders', 'portal.title');

export default async function PortalWorkOrdersPage() {
  await requireCustomerPage();
  return <PortalWorkOrders />;
}
