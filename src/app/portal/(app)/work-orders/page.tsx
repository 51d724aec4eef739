import { PortalScheduledVisits } from '@/components/visits/portal-scheduled-visits';
import { PortalWorkOrders } from '@/components/work-orders/portal-work-orders';
import { requireCustomerPage } from '@/server/auth/session';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('workOrders', 'portal.title');

export default async function PortalWorkOrdersPage() {
  await requireCustomerPage();
  // Field service in one place for the customer: the technicians' work orders and the salespeople's planned visits,
  // each confirmed here.
  return (
    <div className="space-y-8">
      <PortalWorkOrders />
      <PortalScheduledVisits />
    </div>
  );
}
