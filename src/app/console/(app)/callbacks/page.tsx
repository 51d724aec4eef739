import { CallbackQueues } from '@/components/callbacks/callback-queues';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('callbacks', 'title');

// The queues read the chosen queue from the URL (useSearchParams), hence the Suspense boundary. Staff without
// callbacks:read (department handlers) are told so instead of seeing a page of errors.
export default staffPage({ permission: 'callbacks:read', suspense: true }, ({ can }) => (
  <CallbackQueues canWrite={can('callbacks:write')} />
));
