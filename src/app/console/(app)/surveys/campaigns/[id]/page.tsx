import { CampaignPage } from '@/components/surveys/campaign-page';
import { surveyPermissions } from '@/graphql/survey-campaigns/survey-permissions.rules';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('surveys', 'campaign.title');

export default staffPage<{ id: string }>({ permission: 'surveys:read' }, ({ viewer, params: { id } }) => (
  <CampaignPage key={id} id={id} permissions={surveyPermissions(viewer)} />
));
