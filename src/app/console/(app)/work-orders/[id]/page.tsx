import { WorkOrderDetail } from '@/components/work-orders/work-order-detail';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('workOrders', 'title');

export default staffPage<{ id: string }>({ permission: 'workorders:read' }, ({ params, searchParams }) => (
  <WorkOrderDetail
    id={params.id}
    backHref={searchParams.from === 'mine' ? '/console/work-orders/mine' : '/console/work-orders'}
  />
));
