import { SurveyAnalysis } from '@/components/survey-analysis/survey-analysis';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('surveyAnalysis', 'title');

// The analysis reads its filters from the URL (useSearchParams), hence the Suspense boundary. The follow-up buttons
// are offered by the permissions the API checks for them (callbacks:write, interactions:write).
export default staffPage({ permission: 'surveys:read', suspense: true }, ({ can }) => (
  <SurveyAnalysis
    permissions={{ canCreateCallback: can('callbacks:write'), canCreateComplaint: can('interactions:write') }}
  />
));
