import { VisitsScreen } from '@/components/visits/visits-screen';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('visits', 'title');

export default staffPage({ permission: 'visits:read' }, ({ can }) => (
  <VisitsScreen canWrite={can('visits:write')} canApprove={can('visits:approve')} />
));
