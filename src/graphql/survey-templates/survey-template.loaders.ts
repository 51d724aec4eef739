import DataLoader from 'dataloader';
import { prisma } from '@/server/db';
import { byIdLoader, groupedLoader } from '../loader-utils';

/** DataLoaders of the survey templates module (created per request in src/graphql/loaders.ts). */
export function surveyTemplateLoaderFactories() {
  return {
    surveyTemplateById: () => byIdLoader((ids) => prisma.surveyTemplate.findMany({ where: { id: { in: [...ids] } } })),
    surveyTemplateVersionsByKey: () =>
      groupedLoader(
        (keys) => prisma.surveyTemplate.findMany({ where: { key: { in: [...keys] } }, orderBy: { version: 'desc' } }),
        (t) => t.key,
      ),
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
      groupedLoader(
        (ids) =>
          prisma.surveySection.findMany({ where: { templateId: { in: [...ids] } }, orderBy: { position: 'asc' } }),
        (s) => s.templateId,
      ),
    surveyDimensionsByTemplate: () =>
      groupedLoader(
        (ids) =>
          prisma.surveyDimension.findMany({ where: { templateId: { in: [...ids] } }, orderBy: { position: 'asc' } }),
        (d) => d.templateId,
      ),
    surveyQuestionsByTemplate: () =>
      groupedLoader(
        (ids) =>
          prisma.surveyQuestion.findMany({ where: { templateId: { in: [...ids] } }, orderBy: { position: 'asc' } }),
        (q) => q.templateId,
      ),
    surveyQuestionsBySection: () =>
      groupedLoader(
        (ids) =>
          prisma.surveyQuestion.findMany({ where: { sectionId: { in: [...ids] } }, orderBy: { position: 'asc' } }),
        (q) => q.sectionId ?? '',
      ),
    surveyDimensionById: () =>
      byIdLoader((ids) => prisma.surveyDimension.findMany({ where: { id: { in: [...ids] } } })),
    surveyQuestionById: () => byIdLoader((ids) => prisma.surveyQuestion.findMany({ where: { id: { in: [...ids] } } })),
  };
}
