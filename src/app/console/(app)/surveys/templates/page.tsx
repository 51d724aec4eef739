import { TemplateList } from '@/components/surveys/template-list';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('surveys.tabs', 'templates');

export default staffPage({ permission: 'surveys:read' }, ({ can }) => (
  <TemplateList canManage={can('surveys:manage')} />
));
