import { AnnualIndex } from '@/components/survey-analysis/annual-index';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('surveyAnalysis.annual', 'title');

// The year is in the URL (?year=2026), read with useSearchParams, hence the Suspense boundary. Only holders of
// surveys:manage get the criteria editor (the API refuses the others too).
export default staffPage({ permission: 'surveys:read', suspense: true }, ({ can }) => (
  <AnnualIndex canManage={can('surveys:manage')} />
));
