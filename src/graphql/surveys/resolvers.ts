import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';

// CONTRACT STUB — replaced by the surveys implementation; never lands on main as it is.
const todo = (): never => {
  throw new Error('surveys: not implemented yet');
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
    // Public by design (SPEC §6: a personal link, no login); the service finds the invitation by the token's hash.
    surveyForm: policy.public,
    myOpenSurveys: policy.signedIn,
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

export const surveyResolvers: Resolvers = {
  Query: {
    surveyTemplates: todo, surveyTemplate: todo, surveyCampaigns: todo, surveyCampaign: todo, surveyAudiencePreview: todo, surveyPeriods: todo,
    surveyResponses: todo, surveyResponse: todo, surveyAnalysis: todo, surveyTrend: todo, surveyBreakdown: todo, surveyTextAnswers: todo,
    annualSatisfactionIndex: todo, annualIndexCriteria: todo, surveyForm: todo, myOpenSurveys: todo,
  },
  Mutation: {
    createSurveyTemplate: todo, updateSurveyTemplate: todo, archiveSurveyTemplate: todo, createSurveyCampaign: todo, updateSurveyCampaign: todo,
    launchSurveyCampaign: todo, closeSurveyCampaign: todo, sendSurveyReminders: todo, enterSurveyResponse: todo, saveSurveyDraft: todo,
    submitSurveyResponse: todo, createSurveyFollowUpCallback: todo, createSurveyFollowUpComplaint: todo, updateAnnualIndexCriteria: todo,
  },
};
