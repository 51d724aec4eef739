import { ObligationQueue } from '@/components/key-accounts/obligation-queue';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';
import { mayDispatchWorkOrders } from '@/graphql/work-orders/work-order.rules';

export const generateMetadata = titledPage('keyAccountObligations', 'title');

// The queue reads `?overdue=1` / `?owner=all` (useSearchParams), hence the Suspense boundary.
// 派工 on an open obligation for a dispatcher (SPEC §7: a work order from a key-account obligation).
export default staffPage({ permission: 'keyaccounts:read', suspense: true }, ({ can, viewer }) => (
  <ObligationQueue canDispatch={mayDispatchWorkOrders(can, viewer.role)} />
));
