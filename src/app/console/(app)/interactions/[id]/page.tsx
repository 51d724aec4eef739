import { ConsoleInteractionDetail } from '@/components/interactions/console-interaction-detail';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('intake', 'console.list.title');

export default staffPage<{ id: string }>({}, ({ can, params: { id } }) => (
  <ConsoleInteractionDetail key={id} id={id} canWrite={can('interactions:write')} />
));
