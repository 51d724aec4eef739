import { NoticeConsole } from '@/components/notices/notice-console';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('notices', 'title');

export default staffPage({ permission: 'notices:read' }, ({ can }) => (
  <NoticeConsole canWrite={can('notices:write')} />
));
