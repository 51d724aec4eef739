import { ConsoleDashboard } from '@/components/dashboard/console-dashboard';
import { ROLE_PERMISSIONS } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';

// 工作台: what waits for the signed-in staff member; the blocks follow the role's permissions.
export default async function ConsoleHome() {
  const { viewer, name } = await requireStaffPage();
  const permissions = ROLE_PERMISSIONS[viewer.role];
  return (
    <ConsoleDashboard
      name={name}
      canComplaints={permissions.includes('interactions:read')}
      canCallbacks={permissions.includes('callbacks:read')}
    />
  );
}
