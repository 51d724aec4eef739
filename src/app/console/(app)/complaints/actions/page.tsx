import { ComplaintActionQueues } from '@/components/complaints/complaint-action-queues';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('complaints', 'actionQueue.title');

// The queue is read from the URL (useSearchParams), hence the Suspense boundary.
export default staffPage({ permission: 'interactions:read', suspense: true }, () => <ComplaintActionQueues />);
