import { ComplaintQueues } from '@/components/complaints/complaint-queues';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('complaints', 'title');

// The queues read the chosen queue from the URL (useSearchParams), hence the Suspense boundary.
export default staffPage({ suspense: true }, () => <ComplaintQueues />);
