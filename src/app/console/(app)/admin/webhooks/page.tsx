import { WebhooksManager } from '@/components/webhooks/webhooks-manager';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('webhooks', 'title');

export default staffPage({ permission: 'webhooks:manage' }, () => <WebhooksManager />);
