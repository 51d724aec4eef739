import DataLoader from 'dataloader';
import { prisma } from '@/server/db';
import { byIdLoader, groupedLoader } from '../loader-utils';

/** Counts of one campaign's invitations (the parent of SurveyCampaignStats.bySegment). */
export type CampaignStatsModel = {
  campaignId: string;
  invited: number;
  sent: number;
  opened: number;
  responded: number;
  responseRate: number;
  lowScores: number;
};

/** DataLoaders of the surveys module (created per request in src/graphql/loaders.ts). */
export function surveyLoaderFactories() {
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
    surveyResponseById: () => byIdLoader((ids) => prisma.surveyResponse.findMany({ where: { id: { in: [...ids] } } })),
    surveyCampaignById: () => byIdLoader((ids) => prisma.surveyCampaign.findMany({ where: { id: { in: [...ids] } } })),
    surveyCampaignStats: () =>
      new DataLoader<string, CampaignStatsModel>(async (ids) => {
        const [counts, low] = await Promise.all([
          prisma.$queryRaw<{ campaignId: string; invited: number; sent: number; opened: number; responded: number }[]>`
          SELECT "campaignId", count(*)::int AS invited, count("sentAt")::int AS sent, count("openedAt")::int AS opened, count("respondedAt")::int AS responded
          FROM "SurveyInvitation" WHERE "campaignId" = ANY(${[...ids]}::uuid[]) GROUP BY "campaignId"`,
          prisma.surveyResponse.groupBy({
            by: ['campaignId'],
            where: { campaignId: { in: [...ids] }, lowScore: true, submittedAt: { not: null } },
            _count: { _all: true },
          }),
        ]);
        const byId = new Map(counts.map((c) => [c.campaignId, c]));
        const lowById = new Map(low.map((l) => [l.campaignId, l._count._all]));
        return ids.map((campaignId) => {
          const c = byId.get(campaignId) ?? { invited: 0, sent: 0, opened: 0, responded: 0 };
          return {
            campaignId,
            invited: c.invited,
            sent: c.sent,
            opened: c.opened,
            responded: c.responded,
            responseRate: c.invited ? c.responded / c.invited : 0,
            lowScores: lowById.get(campaignId) ?? 0,
          };
        });
      }),
    // Submitted responses only: a saved draft is the customer's, not yet a response.
    surveyResponseByInvitation: () =>
      new DataLoader<string, import('@/generated/prisma/client').SurveyResponse | null>(async (ids) => {
        const rows = await prisma.surveyResponse.findMany({
          where: { invitationId: { in: [...ids] }, submittedAt: { not: null } },
        });
        const byId = new Map(rows.map((r) => [r.invitationId, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    surveyAnswersByResponse: () =>
      groupedLoader(
        (ids) =>
          prisma.surveyAnswer
            .findMany({
              where: { responseId: { in: [...ids] } },
              include: { question: { select: { position: true } } },
            })
            .then((rows) => rows.sort((a, b) => a.question.position - b.question.position)),
        (a) => a.responseId,
      ),
    surveyCallbacksByResponse: () =>
      groupedLoader(
        (ids) =>
          prisma.callback.findMany({ where: { surveyResponseId: { in: [...ids] } }, orderBy: { createdAt: 'asc' } }),
        (c) => c.surveyResponseId ?? '',
      ),
    surveyComplaintsByResponse: () =>
      groupedLoader(
        (ids) =>
          prisma.interaction.findMany({ where: { surveyResponseId: { in: [...ids] } }, orderBy: { createdAt: 'asc' } }),
        (i) => i.surveyResponseId ?? '',
      ),
    surveyResponsesByCustomer: () =>
      groupedLoader(
        (ids) =>
          prisma.surveyResponse.findMany({
            where: { customerId: { in: [...ids] }, submittedAt: { not: null } },
            orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
          }),
        (r) => r.customerId,
      ),
    /** Per-request memo of the analysis' SQL aggregates: one page asking for analysis, trend and stats reads once. */
    surveyAggregateMemo: () => new Map<string, Promise<unknown>>(),
  };
}
