import { ConsoleDashboard } from '@/components/dashboard/console-dashboard';
import { staffPage } from '@/app/console/staff-page';

// 工作台: what waits for the signed-in staff member; the blocks follow the role's permissions.
export default staffPage({}, ({ name, can }) => (
  <ConsoleDashboard
    name={name}
    canComplaints={can('interactions:read')}
    canCallbacks={can('callbacks:read')}
    canKeyAccounts={can('keyaccounts:read')}
    canKpi={can('reports:read')}
  />
));
