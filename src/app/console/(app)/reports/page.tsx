import { ReportsIndex } from '@/components/reports/reports-index';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('reports.index', 'title');

export default staffPage({ permission: 'reports:read' }, () => <ReportsIndex />);
