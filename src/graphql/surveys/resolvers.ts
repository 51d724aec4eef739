import type { Resolvers } from '../resolvers-types.generated';
import { policy, type FieldPolicy, type RootPolicies } from '../policy';
import { can } from '@/server/auth/policies';
import { forbidden, unauthenticated } from '@/server/errors';
import {
  annualIndexCriteria,
  annualSatisfactionIndex,
  campaignSegmentStats,
  surveyAnalysis,
  surveyBreakdown,
  surveyTextAnswers,
  surveyTrend,
  updateAnnualIndexCriteria,
} from './survey-analysis.service';
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
import { createFollowUpCallback, createFollowUpComplaint } from './survey-follow-up.service';
import {
  countResponses,
  enterSurveyResponse,
  getResponse,
  listResponses,
  myOpenSurveys,
  saveSurveyDraft,
  submitSurveyResponse,
  surveyForm,
} from './survey-response.service';
import { archiveTemplate, createTemplate, getTemplate, listTemplates, updateTemplate } from './survey-template.service';
import { isScoredQuestion, parseChoices } from './survey-template.rules';
import { mayReadInteraction } from '../interactions/interaction.service';

/** The portal's list is a customer account's own invitations: staff and machines have no "my surveys". */
const customerAccount: FieldPolicy = {
  describe: 'customer account',
  check: (viewer) => {
    if (viewer.kind === 'anonymous') throw unauthenticated();
    if (viewer.kind !== 'customer') throw forbidden('survey.customersOnly');
  },
};

export const surveyPolicies: RootPolicies = {
  Query: {
    surveyTemplates: policy.permission('surveys:read'),
    surveyTemplate: policy.permission('surveys:read'),
    surveyCampaigns: policy.permission('surveys:read'),
    surveyCampaign: policy.permission('surveys:read'),
    surveyAudiencePreview: policy.permission('surveys:manage'),
    surveyPeriods: policy.permission('surveys:read'),
    surveyResponses: policy.permission('surveys:read'),
    surveyResponse: policy.permission('surveys:read'),
    surveyAnalysis: policy.permission('surveys:read'),
    surveyTrend: policy.permission('surveys:read'),
    surveyBreakdown: policy.permission('surveys:read'),
    surveyTextAnswers: policy.permission('surveys:read'),
    annualSatisfactionIndex: policy.permission('surveys:read'),
    annualIndexCriteria: policy.permission('surveys:read'),
    // Public by design (SPEC §6: a personal link, no login); the service finds the invitation by the token's hash
    // and limits unknown tokens per IP.
    surveyForm: policy.public,
    myOpenSurveys: customerAccount,
  },
  Mutation: {
    createSurveyTemplate: policy.permission('surveys:manage'),
    updateSurveyTemplate: policy.permission('surveys:manage'),
    archiveSurveyTemplate: policy.permission('surveys:manage'),
    createSurveyCampaign: policy.permission('surveys:manage'),
    updateSurveyCampaign: policy.permission('surveys:manage'),
    launchSurveyCampaign: policy.permission('surveys:manage'),
    closeSurveyCampaign: policy.permission('surveys:manage'),
    sendSurveyReminders: policy.permission('surveys:manage'),
    enterSurveyResponse: policy.permission('surveys:respond'),
    saveSurveyDraft: policy.public,
    submitSurveyResponse: policy.public,
    createSurveyFollowUpCallback: policy.permission('callbacks:write'),
    createSurveyFollowUpComplaint: policy.permission('interactions:write'),
    updateAnnualIndexCriteria: policy.permission('surveys:manage'),
  },
};

const mayReadSurveys = (viewer: Parameters<typeof can>[0]) => can(viewer, 'surveys:read');

export const surveyResolvers: Resolvers = {
  Query: {
    surveyTemplates: (_, args, { viewer }) => listTemplates(viewer, args),
    surveyTemplate: (_, { id }, { viewer }) => getTemplate(viewer, id),
    surveyCampaigns: (_, args, { viewer }) => listCampaigns(viewer, args),
    surveyCampaign: (_, { id }, { viewer }) => getCampaign(viewer, id),
    surveyAudiencePreview: (_, { audience }, { viewer }) => previewAudience(viewer, audience),
    surveyPeriods: (_, __, { viewer }) => surveyPeriods(viewer),
    surveyResponses: (_, args, { viewer }) => listResponses(viewer, args),
    surveyResponse: (_, { id }, { viewer }) => getResponse(viewer, id),
    surveyAnalysis: (_, { filter }, { viewer, loaders }) => surveyAnalysis(viewer, filter, loaders.surveyAggregateMemo),
    surveyTrend: (_, { filter }, { viewer, loaders }) => surveyTrend(viewer, filter, loaders.surveyAggregateMemo),
    surveyBreakdown: (_, { filter, by }, { viewer, loaders }) =>
      surveyBreakdown(viewer, filter, by, loaders.surveyAggregateMemo),
    surveyTextAnswers: (_, args, { viewer }) => surveyTextAnswers(viewer, args),
    annualSatisfactionIndex: (_, { year }, { viewer }) => annualSatisfactionIndex(viewer, year),
    annualIndexCriteria: (_, __, { viewer }) => annualIndexCriteria(viewer),
    surveyForm: (_, { token }, { clientIp, now }) => surveyForm(token, clientIp, now()),
    myOpenSurveys: (_, __, { viewer, now }) => myOpenSurveys(viewer, now()),
  },
  Mutation: {
    createSurveyTemplate: (_, { input }, { viewer, now }) => createTemplate(viewer, input, { now: now() }),
    updateSurveyTemplate: (_, { id, input }, { viewer, now }) => updateTemplate(viewer, id, input, now()),
    archiveSurveyTemplate: (_, { id, archived }, { viewer, now }) => archiveTemplate(viewer, id, archived, now()),
    createSurveyCampaign: (_, { input }, { viewer, now }) => createCampaign(viewer, input, now()),
    updateSurveyCampaign: (_, { id, version, input }, { viewer }) => updateCampaign(viewer, id, version, input),
    launchSurveyCampaign: (_, { id, version }, { viewer, now }) => launchCampaign(viewer, id, version, now()),
    closeSurveyCampaign: (_, { id, version }, { viewer, now }) => closeCampaign(viewer, id, version, now()),
    sendSurveyReminders: (_, { id }, { viewer, now }) => sendReminders(viewer, id, now()),
    enterSurveyResponse: (_, { input }, { viewer, now }) => enterSurveyResponse(viewer, input, now()),
    saveSurveyDraft: (_, { token, answers }, { clientIp, now }) => saveSurveyDraft(token, answers, clientIp, now()),
    submitSurveyResponse: (_, { token, answers }, { viewer, clientIp, now }) =>
      submitSurveyResponse(viewer, token, answers, clientIp, now()),
    createSurveyFollowUpCallback: (_, { responseId, assigneeId, dueAt }, { viewer, now }) =>
      createFollowUpCallback(viewer, responseId, { assigneeId, dueAt }, now()),
    createSurveyFollowUpComplaint: (_, { responseId, subject, description }, { viewer, now }) =>
      createFollowUpComplaint(viewer, responseId, { subject, description }, now()),
    updateAnnualIndexCriteria: (_, { input }, { viewer }) => updateAnnualIndexCriteria(viewer, input),
  },
  SurveyTemplate: {
    sections: (t, _, { loaders }) => loaders.surveySectionsByTemplate.load(t.id),
    dimensions: (t, _, { loaders }) => loaders.surveyDimensionsByTemplate.load(t.id),
    questions: (t, _, { loaders }) => loaders.surveyQuestionsByTemplate.load(t.id),
    inUse: (t, _, { loaders }) => loaders.surveyTemplateInUse.load(t.id),
    isLatest: async (t, _, { loaders }) => (await loaders.surveyTemplateVersionsByKey.load(t.key))[0]?.id === t.id,
    // The form behind a link shows its own version only; the family's history is for staff.
    versions: (t, _, { viewer, loaders }) =>
      mayReadSurveys(viewer) ? loaders.surveyTemplateVersionsByKey.load(t.key) : [],
  },
  SurveySection: {
    questions: (s, _, { loaders }) => loaders.surveyQuestionsBySection.load(s.id),
  },
  SurveyDimension: {
    weight: (d) => d.weight.toNumber(),
  },
  SurveyQuestion: {
    choices: (q) => parseChoices(q.options),
    dimension: (q, _, { loaders }) => (q.dimensionId ? loaders.surveyDimensionById.load(q.dimensionId) : null),
    scored: (q) => isScoredQuestion(q),
  },
  SurveyCampaign: {
    template: async (c, _, { loaders }) => (await loaders.surveyTemplateById.load(c.templateId))!,
    audience: (c) => storedAudience(c.audience),
    reminderDays: (c) => reminderSchedule(c.reminderSchedule),
    createdBy: (c, _, { loaders }) => (c.createdById ? loaders.userById.load(c.createdById) : null),
    stats: (c, _, { loaders }) => loaders.surveyCampaignStats.load(c.id),
    invitations: (c, args) => listInvitations(c.id, args),
  },
  SurveyCampaignStats: {
    bySegment: (s, { segment }, { loaders }) =>
      campaignSegmentStats(s.campaignId, segment, loaders.surveyAggregateMemo),
  },
  SurveyCampaignConnection: {
    nodes: (page) => page.rows,
    pageInfo: (page) => ({ hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
    totalCount: (page) => countCampaigns(page.where),
  },
  SurveyInvitationConnection: {
    nodes: (page) => page.rows,
    pageInfo: (page) => ({ hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
    totalCount: (page) => countInvitations(page.where),
  },
  SurveyInvitation: {
    customer: async (i, _, { loaders }) => (await loaders.customerById.load(i.customerId))!,
    state: (i) => invitationState(i),
    response: (i, _, { loaders }) => loaders.surveyResponseByInvitation.load(i.id),
  },
  SurveyResponse: {
    campaign: async (r, _, { loaders }) => (await loaders.surveyCampaignById.load(r.campaignId))!,
    customer: async (r, _, { loaders }) => (await loaders.customerById.load(r.customerId))!,
    enteredBy: (r, _, { loaders }) => (r.enteredById ? loaders.userById.load(r.enteredById) : null),
    index: (r) => (r.indexScore ? r.indexScore.toNumber() : null),
    answers: (r, _, { loaders }) => loaders.surveyAnswersByResponse.load(r.id),
    // Related records only for who may read them in their own right.
    followUpCallbacks: (r, _, { viewer, loaders }) =>
      can(viewer, 'callbacks:read') ? loaders.surveyCallbacksByResponse.load(r.id) : [],
    followUpComplaints: async (r, _, { viewer, loaders }) =>
      can(viewer, 'interactions:read')
        ? (await loaders.surveyComplaintsByResponse.load(r.id)).filter((i) => mayReadInteraction(viewer, i))
        : [],
  },
  SurveyResponseConnection: {
    nodes: (page) => page.rows,
    pageInfo: (page) => ({ hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
    totalCount: (page) => countResponses(page.where),
  },
  SurveyAnswer: {
    question: async (a, _, { loaders }) => (await loaders.surveyQuestionById.load(a.questionId))!,
  },
  SurveyTextAnswer: {
    response: async (a, _, { loaders }) => (await loaders.surveyResponseById.load(a.responseId))!,
    question: async (a, _, { loaders }) => (await loaders.surveyQuestionById.load(a.questionId))!,
    customer: async (a, _, { loaders }) => (await loaders.customerById.load(a.customerId))!,
  },
  SurveyTextAnswerConnection: {
    nodes: (page) => page.rows,
    pageInfo: (page) => ({ hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
    totalCount: (page) => page.count(),
  },
  Customer: {
    // Staff with surveys:read only: a customer account does not see its own scores and flags (SDL: staff only).
    surveyResponses: (c, _, { viewer, loaders }) =>
      viewer.kind !== 'customer' && mayReadSurveys(viewer) ? loaders.surveyResponsesByCustomer.load(c.id) : [],
  },
};
