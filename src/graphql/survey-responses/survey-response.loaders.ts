import { prisma } from '@/server/db';
import { manyBy, oneBy } from '../loader-utils';

/** DataLoaders of the survey responses module (created per request in src/graphql/loaders.ts). */
export function surveyResponseLoaderFactories() {
  return {
    surveyResponseById: () => oneBy('id', (where) => prisma.surveyResponse.findMany({ where })),
    // Submitted responses only: a saved draft is the customer's, not yet a response.
    surveyResponseByInvitation: () =>
      oneBy('invitationId', (where) =>
        prisma.surveyResponse.findMany({ where: { ...where, submittedAt: { not: null } } }),
      ),
    surveyAnswersByResponse: () =>
      manyBy('responseId', (where) =>
        prisma.surveyAnswer
          .findMany({ where, include: { question: { select: { position: true } } } })
          .then((rows) => rows.sort((a, b) => a.question.position - b.question.position)),
      ),
    surveyCallbacksByResponse: () =>
      manyBy('surveyResponseId', (where) => prisma.callback.findMany({ where, orderBy: { createdAt: 'asc' } })),
    surveyComplaintsByResponse: () =>
      manyBy('surveyResponseId', (where) => prisma.interaction.findMany({ where, orderBy: { createdAt: 'asc' } })),
    surveyResponsesByCustomer: () =>
      manyBy('customerId', (where) =>
        prisma.surveyResponse.findMany({
          where: { ...where, submittedAt: { not: null } },
          orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
        }),
      ),
  };
}
