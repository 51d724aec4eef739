import type { Resolvers } from '../resolvers-types.generated';
import { policy, type FieldPolicy, type RootPolicies } from '../policy';
import { can } from '@/server/auth/policies';
import { forbidden, unauthenticated } from '@/server/errors';
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
import { mayReadInteraction } from '../interactions/interaction.scope';
import { connectionFields } from '../pagination.rules';

/** The portal's list is a customer account's own invitations: staff and machines have no "my surveys". */
const customerAccount: FieldPolicy = {
  describe: 'customer account',
  check: (viewer) => {
    if (viewer.kind === 'anonymous') throw unauthenticated();
    if (viewer.kind !== 'customer') throw forbidden('survey.customersOnly');
  },
};

export const surveyResponsePolicies: RootPolicies = {
  Query: {
    surveyResponses: policy.permission('surveys:read'),
    surveyResponse: policy.permission('surveys:read'),
    // Public by design (SPEC §6: a personal link, no login); the service finds the invitation by the token's hash
    // and limits unknown tokens per IP.
    surveyForm: policy.public,
    myOpenSurveys: customerAccount,
  },
  Mutation: {
    enterSurveyResponse: policy.permission('surveys:respond'),
    saveSurveyDraft: policy.public,
    submitSurveyResponse: policy.public,
    createSurveyFollowUpCallback: policy.permission('callbacks:write'),
    createSurveyFollowUpComplaint: policy.permission('interactions:write'),
  },
};

const mayReadSurveys = (viewer: Parameters<typeof can>[0]) => can(viewer, 'surveys:read');

export const surveyResponseResolvers: Resolvers = {
  Query: {
    surveyResponses: (_, args, { viewer }) => listResponses(viewer, args),
    surveyResponse: (_, { id }, { viewer }) => getResponse(viewer, id),
    surveyForm: (_, { token }, { clientIp, now }) => surveyForm(token, clientIp, now()),
    myOpenSurveys: (_, __, { viewer, now }) => myOpenSurveys(viewer, now()),
  },
  Mutation: {
    enterSurveyResponse: (_, { input }, { viewer, now }) => enterSurveyResponse(viewer, input, now()),
    saveSurveyDraft: (_, { token, answers }, { clientIp, now }) =>
      saveSurveyDraft({ token, clientIp, now: now() }, answers),
    submitSurveyResponse: (_, { token, answers }, { viewer, clientIp, now }) =>
      submitSurveyResponse(viewer, { token, clientIp, now: now() }, answers),
    createSurveyFollowUpCallback: (_, { responseId, assigneeId, dueAt }, { viewer, now }) =>
      createFollowUpCallback(viewer, responseId, { assigneeId, dueAt }, now()),
    createSurveyFollowUpComplaint: (_, { responseId, subject, description }, { viewer, now }) =>
      createFollowUpComplaint(viewer, responseId, { subject, description }, now()),
  },
  SurveyResponse: {
    campaign: async (r, _, { loaders }) => (await loaders.surveyCampaignById.load(r.campaignId))!,
    customer: async (r, _, { loaders }) => (await loaders.customerById.load(r.customerId))!,
    enteredBy: (r, _, { loaders }) => (r.enteredById ? loaders.userById.loadNow(r.enteredById) : null),
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
    ...connectionFields,
    totalCount: (page) => countResponses(page.where),
  },
  SurveyAnswer: {
    question: async (a, _, { loaders }) => (await loaders.surveyQuestionById.load(a.questionId))!,
  },
  Customer: {
    // Staff with surveys:read only: a customer account does not see its own scores and flags (SDL: staff only).
    surveyResponses: (c, _, { viewer, loaders }) =>
      viewer.kind !== 'customer' && mayReadSurveys(viewer) ? loaders.surveyResponsesByCustomer.load(c.id) : [],
  },
};
