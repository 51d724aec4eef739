import { NoPermission } from '@/components/admin/no-permission';
import { ReportsIndex } from '@/components/reports/reports-index';
import { ROLE_PERMISSIONS } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('reports.index', 'title');

export default async function ReportsPage() {
  const { viewer } = await requireStaffPage();
  if (!ROLE_PERMISSIONS[viewer.role].includes('interactions:read')) return <NoPermission />;
  return <ReportsIndex />;
}
