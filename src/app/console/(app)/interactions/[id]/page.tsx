import { ConsoleInteractionDetail } from '@/components/interactions/console-interaction-detail';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';
import { mayDispatchWorkOrders } from '@/graphql/work-orders/work-order.rules';

export const generateMetadata = titledPage('intake', 'console.list.title');

export default staffPage<{ id: string }>({}, ({ can, viewer, params: { id } }) => (
  <ConsoleInteractionDetail
    key={id}
    id={id}
    canWrite={can('interactions:write')}
    workOrders={{ read: can('workorders:read'), dispatch: mayDispatchWorkOrders(can, viewer.role) }}
  />
));
