import type { AnalysisFilter } from '@/graphql/survey-analysis/survey-analysis.service';
import { analysisTables } from '@/graphql/survey-analysis/survey.export';
import { surveyTablesExport } from '../../tables-export';

/**
 * GET /api/surveys/analysis/export?format=csv|xlsx&filter=<SurveyAnalysisFilter JSON>
 * The analysis tables (summary with the formula, dimensions, per-question distributions, trend, provinces) of exactly
 * the filter the analysis page shows. Needs surveys:read.
 */
export const dynamic = 'force-dynamic';

export const GET = surveyTablesExport<AnalysisFilter>('analysis', 'SurveyAnalysisFilter', analysisTables);
