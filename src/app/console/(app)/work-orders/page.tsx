import { WorkOrderConsole } from '@/components/work-orders/work-order-console';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('workOrders', 'title');

// Dispatchers (workorders:write, not technicians) create orders; a technician's list holds their own orders only.
export default staffPage({ permission: 'workorders:read' }, ({ can, viewer }) => (
  <WorkOrderConsole
    canDispatch={can('workorders:write') && viewer.role !== 'TECHNICIAN'}
    technician={viewer.role === 'TECHNICIAN'}
  />
));
