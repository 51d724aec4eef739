import { ResponseView } from '@/components/surveys/response-view';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('surveys.response', 'title');

export default staffPage<{ id: string }>({ permission: 'surveys:read' }, ({ params: { id } }) => (
  <ResponseView key={id} id={id} />
));
