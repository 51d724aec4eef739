import DataLoader from 'dataloader';
import { prisma } from '@/server/db';
import { manyBy, oneBy } from '../loader-utils';

/** DataLoaders of the survey templates module (created per request in src/graphql/loaders.ts). */
export function surveyTemplateLoaderFactories() {
  const byPosition = { position: 'asc' } as const;
  return {
    surveyTemplateById: () => oneBy('id', (where) => prisma.surveyTemplate.findMany({ where })),
    surveyTemplateVersionsByKey: () =>
      manyBy('key', (where) => prisma.surveyTemplate.findMany({ where, orderBy: { version: 'desc' } })),
    surveyTemplateInUse: () =>
      new DataLoader<string, boolean>(async (ids) => {
        const used = await prisma.surveyCampaign.findMany({
          where: { templateId: { in: [...ids] } },
          select: { templateId: true },
          distinct: ['templateId'],
        });
        const set = new Set(used.map((u) => u.templateId));
        return ids.map((id) => set.has(id));
      }),
    surveySectionsByTemplate: () =>
      manyBy('templateId', (where) => prisma.surveySection.findMany({ where, orderBy: byPosition })),
    surveyDimensionsByTemplate: () =>
      manyBy('templateId', (where) => prisma.surveyDimension.findMany({ where, orderBy: byPosition })),
    surveyQuestionsByTemplate: () =>
      manyBy('templateId', (where) => prisma.surveyQuestion.findMany({ where, orderBy: byPosition })),
    surveyQuestionsBySection: () =>
      manyBy('sectionId', (where) => prisma.surveyQuestion.findMany({ where, orderBy: byPosition })),
    surveyDimensionById: () => oneBy('id', (where) => prisma.surveyDimension.findMany({ where })),
    surveyQuestionById: () => oneBy('id', (where) => prisma.surveyQuestion.findMany({ where })),
  };
}
