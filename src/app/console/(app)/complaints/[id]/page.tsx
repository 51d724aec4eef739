import { ComplaintWorkbench } from '@/components/complaints/complaint-workbench';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';
import { mayDispatchWorkOrders } from '@/graphql/work-orders/work-order.rules';

export const generateMetadata = titledPage('complaints', 'title');

/** The complaint workbench; the viewer's role and department only decide which edit controls are offered. */
export default staffPage<{ id: string }>({}, ({ viewer, can, params: { id } }) => (
  <ComplaintWorkbench
    id={id}
    viewer={{ userId: viewer.userId, role: viewer.role, departmentId: viewer.departmentId }}
    workOrders={{ read: can('workorders:read'), dispatch: mayDispatchWorkOrders(can, viewer.role) }}
  />
));
