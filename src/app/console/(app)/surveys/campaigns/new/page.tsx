import { CampaignForm } from '@/components/surveys/campaign-form';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('surveys.campaignForm', 'newTitle');

export default staffPage({ permission: 'surveys:manage' }, () => <CampaignForm />);
