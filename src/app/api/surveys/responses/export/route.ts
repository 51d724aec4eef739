import type { ResponseFilter } from '@/graphql/survey-responses/survey-response.service';
import { responsesTable } from '@/graphql/survey-analysis/survey.export';
import { surveyTablesExport } from '../../tables-export';

/**
 * GET /api/surveys/responses/export?format=csv|xlsx&filter=<SurveyResponseFilter JSON>
 * The raw responses — one row per response, one column per question — with the response list's filter (SPEC §6 export).
 * Same authentication as /api/graphql: session cookie or `Authorization: Bearer` API key; needs surveys:read.
 */
export const dynamic = 'force-dynamic';

export const GET = surveyTablesExport<ResponseFilter>('responses', 'SurveyResponseFilter', async (viewer, filter) => [
  await responsesTable(viewer, filter),
]);
