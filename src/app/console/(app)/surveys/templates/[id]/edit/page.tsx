import { TemplateBuilder } from '@/components/surveys/template-builder';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('surveys.builder', 'editTitle');

/** Edits in place while no campaign uses the version; otherwise saving writes the next version (SDL updateSurveyTemplate). */
export default staffPage<{ id: string }>({ permission: 'surveys:manage' }, ({ params: { id } }) => (
  <TemplateBuilder key={id} templateId={id} />
));
