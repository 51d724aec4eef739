import { SummaryEditor } from '@/components/key-account-summaries/summary-editor';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('keyAccountSummaries', 'title');

export default staffPage<{ id: string }>({ permission: 'keyaccounts:read' }, ({ params: { id } }) => (
  <SummaryEditor key={id} id={id} />
));
