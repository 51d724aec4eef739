import { SummaryList } from '@/components/key-account-summaries/summary-list';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('keyAccountSummaries', 'title');

// The list reads its filters from the URL (useSearchParams), hence the Suspense boundary.
export default staffPage({ permission: 'keyaccounts:read', suspense: true }, ({ can }) => (
  <SummaryList canWrite={can('keyaccounts:write')} />
));
