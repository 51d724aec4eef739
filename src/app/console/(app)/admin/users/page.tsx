import { UsersManager } from '@/components/admin/users-manager';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('admin.users', 'title');

export default staffPage({ permission: 'users:manage' }, ({ viewer }) => (
  <UsersManager currentUserId={viewer.userId} />
));
