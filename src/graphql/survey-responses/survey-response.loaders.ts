import DataLoader from 'dataloader';
import { prisma } from '@/server/db';
import { byIdLoader, groupedLoader } from '../loader-utils';

/** DataLoaders of the survey responses module (created per request in src/graphql/loaders.ts). */
export function surveyResponseLoaderFactories() {
  return {
    surveyResponseById: () => byIdLoader((ids) => prisma.surveyResponse.findMany({ where: { id: { in: [...ids] } } })),
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
  };
}
