import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import {
  evaluateCustomerGrade,
  evaluationPageSize,
  getCustomerGradeForm,
  gradeEvaluationPage,
  mayReadEvaluations,
  overrideCustomerGrade,
  scoresOf,
  updateCustomerGradeForm,
} from './customer-grading.service';

// The form is read by whoever reads customers (the evaluate dialog shows it) and changed by settings:manage (the
// service manager, the administrator); evaluating and overriding are customers:write, by a person (the service
// refuses API keys).
export const customerGradingPolicies: RootPolicies = {
  Query: {
    customerGradeForm: policy.permission('customers:read'),
  },
  Mutation: {
    evaluateCustomerGrade: policy.permission('customers:write'),
    overrideCustomerGrade: policy.permission('customers:write'),
    updateCustomerGradeForm: policy.permission('settings:manage'),
  },
};

const EMPTY_PAGE = { rows: [], hasNextPage: false, endCursor: null };

export const customerGradingResolvers: Resolvers = {
  Query: {
    customerGradeForm: (_, __, { viewer }) => getCustomerGradeForm(viewer),
  },
  Mutation: {
    evaluateCustomerGrade: (_, { input }, { viewer }) => evaluateCustomerGrade(viewer, input),
    overrideCustomerGrade: (_, args, { viewer }) => overrideCustomerGrade(viewer, args),
    updateCustomerGradeForm: (_, { version, input }, { viewer }) => updateCustomerGradeForm(viewer, version, input),
  },
  Customer: {
    gradeEvaluations: (c, { first, after }, { viewer, loaders }) => {
      const size = evaluationPageSize(first);
      if (!mayReadEvaluations(viewer)) return EMPTY_PAGE;
      return after ? gradeEvaluationPage(c.id, size, after) : loaders.gradeEvaluationFirstPage.load(`${size}:${c.id}`);
    },
    gradeOverrideReason: (c, _, { viewer }) => (mayReadEvaluations(viewer) ? c.gradeOverrideReason : null),
    gradeOverriddenAt: (c, _, { viewer }) => (mayReadEvaluations(viewer) ? c.gradeOverriddenAt : null),
  },
  CustomerGradeEvaluationConnection: {
    nodes: (page) => page.rows,
    pageInfo: (page) => ({ hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
  },
  CustomerGradeEvaluation: {
    scores: (e) => scoresOf(e),
    totalScore: (e) => Number(e.totalScore),
    evaluator: (e, _, { loaders }) => loaders.userById.loadNow(e.evaluatorId),
  },
};
