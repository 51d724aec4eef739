import { DepartmentsManager } from '@/components/admin/departments-manager';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('admin.departments', 'title');

export default staffPage({ permission: 'users:manage' }, () => <DepartmentsManager />);
