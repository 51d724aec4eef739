import { TemplatePage } from '@/components/surveys/template-page';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('surveys.templatePage', 'title');

export default staffPage<{ id: string }>({ permission: 'surveys:read' }, ({ can, params: { id } }) => (
  <TemplatePage key={id} id={id} canManage={can('surveys:manage')} />
));
