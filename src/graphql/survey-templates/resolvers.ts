import type { Resolvers } from '../resolvers-types.generated';
import { policy, type RootPolicies } from '../policy';
import { can } from '@/server/auth/policies';
import { archiveTemplate, createTemplate, getTemplate, listTemplates, updateTemplate } from './survey-template.service';
import { isScoredQuestion, parseChoices } from './survey-template.rules';

export const surveyTemplatePolicies: RootPolicies = {
  Query: {
    surveyTemplates: policy.permission('surveys:read'),
    surveyTemplate: policy.permission('surveys:read'),
  },
  Mutation: {
    createSurveyTemplate: policy.permission('surveys:manage'),
    updateSurveyTemplate: policy.permission('surveys:manage'),
    archiveSurveyTemplate: policy.permission('surveys:manage'),
  },
};

export const surveyTemplateResolvers: Resolvers = {
  Query: {
    surveyTemplates: (_, args, { viewer }) => listTemplates(viewer, args),
    surveyTemplate: (_, { id }, { viewer }) => getTemplate(viewer, id),
  },
  Mutation: {
    createSurveyTemplate: (_, { input }, { viewer, now }) => createTemplate(viewer, input, { now: now() }),
    updateSurveyTemplate: (_, { id, input }, { viewer, now }) => updateTemplate(viewer, id, input, now()),
    archiveSurveyTemplate: (_, { id, archived }, { viewer, now }) => archiveTemplate(viewer, id, archived, now()),
  },
  SurveyTemplate: {
    sections: (t, _, { loaders }) => loaders.surveySectionsByTemplate.load(t.id),
    dimensions: (t, _, { loaders }) => loaders.surveyDimensionsByTemplate.load(t.id),
    questions: (t, _, { loaders }) => loaders.surveyQuestionsByTemplate.load(t.id),
    inUse: (t, _, { loaders }) => loaders.surveyTemplateInUse.load(t.id),
    isLatest: async (t, _, { loaders }) => (await loaders.surveyTemplateVersionsByKey.load(t.key))[0]?.id === t.id,
    // The form behind a link shows its own version only; the family's history is for staff.
    versions: (t, _, { viewer, loaders }) =>
      can(viewer, 'surveys:read') ? loaders.surveyTemplateVersionsByKey.load(t.key) : [],
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
};
