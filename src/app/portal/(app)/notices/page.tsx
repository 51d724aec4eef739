import { PortalNotices } from '@/components/notices/portal-notices';
import { requireCustomerPage } from '@/server/auth/session';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('notices', 'title');

export default async function PortalNoticesPage() {
  await requireCustomerPage();
  return <PortalNotices />;
}
