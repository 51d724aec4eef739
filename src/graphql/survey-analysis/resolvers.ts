import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import {
  annualIndexCriteria,
  annualSatisfactionIndex,
  surveyAnalysis,
  surveyBreakdown,
  surveyTextAnswers,
  surveyTrend,
  updateAnnualIndexCriteria,
} from './survey-analysis.service';
import { connectionFields } from '../pagination.rules';

export const surveyAnalysisPolicies: RootPolicies = {
  Query: {
    surveyAnalysis: policy.permission('surveys:read'),
    surveyTrend: policy.permission('surveys:read'),
    surveyBreakdown: policy.permission('surveys:read'),
    surveyTextAnswers: policy.permission('surveys:read'),
    annualSatisfactionIndex: policy.permission('surveys:read'),
    annualIndexCriteria: policy.permission('surveys:read'),
  },
  Mutation: {
    updateAnnualIndexCriteria: policy.permission('surveys:manage'),
  },
};

export const surveyAnalysisResolvers: Resolvers = {
  Query: {
    surveyAnalysis: (_, { filter }, { viewer, loaders }) => surveyAnalysis(viewer, filter, loaders.surveyAggregateMemo),
    surveyTrend: (_, { filter }, { viewer, loaders }) => surveyTrend(viewer, filter, loaders.surveyAggregateMemo),
    surveyBreakdown: (_, { filter, by }, { viewer, loaders }) =>
      surveyBreakdown(viewer, filter, by, loaders.surveyAggregateMemo),
    surveyTextAnswers: (_, args, { viewer }) => surveyTextAnswers(viewer, args),
    annualSatisfactionIndex: (_, { year }, { viewer }) => annualSatisfactionIndex(viewer, year),
    annualIndexCriteria: (_, __, { viewer }) => annualIndexCriteria(viewer),
  },
  Mutation: {
    updateAnnualIndexCriteria: (_, { input }, { viewer }) => updateAnnualIndexCriteria(viewer, input),
  },
  SurveyTextAnswer: {
    response: async (a, _, { loaders }) => (await loaders.surveyResponseById.load(a.responseId))!,
    question: async (a, _, { loaders }) => (await loaders.surveyQuestionById.load(a.questionId))!,
    customer: async (a, _, { loaders }) => (await loaders.customerById.load(a.customerId))!,
  },
  SurveyTextAnswerConnection: {
    ...connectionFields,
    totalCount: (page) => page.count(),
  },
};
