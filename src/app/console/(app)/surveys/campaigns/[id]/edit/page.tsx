import { CampaignForm } from '@/components/surveys/campaign-form';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('surveys.campaignForm', 'editTitle');

/** Drafts only (SDL updateSurveyCampaign); the form says so for a launched campaign. */
export default staffPage<{ id: string }>({ permission: 'surveys:manage' }, ({ params: { id } }) => (
  <CampaignForm key={id} campaignId={id} />
));
