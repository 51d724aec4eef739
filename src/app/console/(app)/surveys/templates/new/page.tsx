import { TemplateBuilder } from '@/components/surveys/template-builder';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('surveys.builder', 'newTitle');

export default staffPage({ permission: 'surveys:manage' }, () => <TemplateBuilder />);
