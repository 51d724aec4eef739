import { ApiKeysManager } from '@/components/admin/api-keys-manager';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('admin.apiKeys', 'title');

export default staffPage({ permission: 'apiKeys:manage' }, () => <ApiKeysManager />);
