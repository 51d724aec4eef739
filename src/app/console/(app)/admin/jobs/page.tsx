import { JobQueuesPanel } from '@/components/admin/job-queues-panel';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('admin.jobs', 'title');

export default staffPage({ permission: 'users:manage' }, () => <JobQueuesPanel />);
