import { ObligationQueue } from '@/components/key-accounts/obligation-queue';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('keyAccountObligations', 'title');

// The queue reads `?overdue=1` / `?owner=all` (useSearchParams), hence the Suspense boundary.
export default staffPage({ permission: 'keyaccounts:read', suspense: true }, () => <ObligationQueue />);
