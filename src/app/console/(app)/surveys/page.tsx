import { CampaignList } from '@/components/surveys/campaign-list';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('surveys', 'title');

// The survey module's landing page: the campaigns, with tabs to templates and to the analysis pages. The list reads
// its filters from the URL (useSearchParams), hence the Suspense boundary.
export default staffPage({ permission: 'surveys:read', suspense: true }, ({ can }) => (
  <CampaignList canManage={can('surveys:manage')} />
));
