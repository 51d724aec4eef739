import { ConsoleDashboard } from '@/components/dashboard/console-dashboard';
import { staffPage } from '@/app/console/staff-page';

// 工作台: what waits for the signed-in staff member; the blocks follow the role's permissions. Today's work orders
// are the technician's and the dispatcher's day (the roles whose work they are); the visits due this week the
// salesperson's (visits:write without visits:approve, as the visits module tells a salesperson from the manager).
export default staffPage({}, ({ name, can, viewer }) => (
  <ConsoleDashboard
    name={name}
    canComplaints={can('interactions:read')}
    canCallbacks={can('callbacks:read')}
    canKeyAccounts={can('keyaccounts:read')}
    canKpi={can('reports:read')}
    workOrders={viewer.role === 'TECHNICIAN' ? 'technician' : viewer.role === 'DISPATCHER' ? 'dispatcher' : null}
    canDueVisits={can('visits:write') && !can('visits:approve')}
  />
));
