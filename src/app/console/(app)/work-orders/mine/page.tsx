import { MyWorkOrders } from '@/components/work-orders/my-work-orders';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('workOrders', 'mine.title');

export default staffPage({ permission: 'workorders:read' }, () => <MyWorkOrders />);
