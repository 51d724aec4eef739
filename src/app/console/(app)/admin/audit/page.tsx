import { AuditLog } from '@/components/admin/audit-log';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('admin.audit', 'title');

export default staffPage({ permission: 'users:manage' }, () => <AuditLog />);
