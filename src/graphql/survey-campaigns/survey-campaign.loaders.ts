import DataLoader from 'dataloader';
import { prisma } from '@/server/db';
import { oneBy } from '../loader-utils';

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

/** DataLoaders of the survey campaigns module (created per request in src/graphql/loaders.ts). */
export function surveyCampaignLoaderFactories() {
  return {
    surveyCampaignById: () => oneBy('id', (where) => prisma.surveyCampaign.findMany({ where })),
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
  };
}
