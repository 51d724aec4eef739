import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import { campaignSegmentStats } from '../survey-analysis/survey-analysis.service';
import { invitationState, reminderSchedule, storedAudience } from './survey-campaign.rules';
import {
  closeCampaign,
  countCampaigns,
  countInvitations,
  createCampaign,
  getCampaign,
  launchCampaign,
  listCampaigns,
  listInvitations,
  previewAudience,
  sendReminders,
  surveyPeriods,
  updateCampaign,
} from './survey-campaign.service';
import { connectionFields } from '../pagination.rules';

export const surveyCampaignPolicies: RootPolicies = {
  Query: {
    surveyCampaigns: policy.permission('surveys:read'),
    surveyCampaign: policy.permission('surveys:read'),
    surveyAudiencePreview: policy.permission('surveys:manage'),
    surveyPeriods: policy.permission('surveys:read'),
  },
  Mutation: {
    createSurveyCampaign: policy.permission('surveys:manage'),
    updateSurveyCampaign: policy.permission('surveys:manage'),
    launchSurveyCampaign: policy.permission('surveys:manage'),
    closeSurveyCampaign: policy.permission('surveys:manage'),
    sendSurveyReminders: policy.permission('surveys:manage'),
  },
};

export const surveyCampaignResolvers: Resolvers = {
  Query: {
    surveyCampaigns: (_, args, { viewer }) => listCampaigns(viewer, args),
    surveyCampaign: (_, { id }, { viewer }) => getCampaign(viewer, id),
    surveyAudiencePreview: (_, { audience }, { viewer }) => previewAudience(viewer, audience),
    surveyPeriods: (_, __, { viewer }) => surveyPeriods(viewer),
  },
  Mutation: {
    createSurveyCampaign: (_, { input }, { viewer, now }) => createCampaign(viewer, input, now()),
    updateSurveyCampaign: (_, { id, version, input }, { viewer }) => updateCampaign(viewer, id, version, input),
    launchSurveyCampaign: (_, { id, version }, { viewer, now }) => launchCampaign(viewer, id, version, now()),
    closeSurveyCampaign: (_, { id, version }, { viewer, now }) => closeCampaign(viewer, id, version, now()),
    sendSurveyReminders: (_, { id }, { viewer, now }) => sendReminders(viewer, id, now()),
  },
  SurveyCampaign: {
    template: async (c, _, { loaders }) => (await loaders.surveyTemplateById.load(c.templateId))!,
    audience: (c) => storedAudience(c.audience),
    reminderDays: (c) => reminderSchedule(c.reminderSchedule),
    createdBy: (c, _, { loaders }) => (c.createdById ? loaders.userById.loadNow(c.createdById) : null),
    stats: (c, _, { loaders }) => loaders.surveyCampaignStats.load(c.id),
    invitations: (c, args) => listInvitations(c.id, args),
  },
  SurveyCampaignStats: {
    bySegment: (s, { segment }, { loaders }) =>
      campaignSegmentStats(s.campaignId, segment, loaders.surveyAggregateMemo),
  },
  SurveyCampaignConnection: {
    ...connectionFields,
    totalCount: (page) => countCampaigns(page.where),
  },
  SurveyInvitationConnection: {
    ...connectionFields,
    totalCount: (page) => countInvitations(page.where),
  },
  SurveyInvitation: {
    customer: async (i, _, { loaders }) => (await loaders.customerById.load(i.customerId))!,
    state: (i) => invitationState(i),
    response: (i, _, { loaders }) => loaders.surveyResponseByInvitation.load(i.id),
  },
};
