/** Per-request state of the survey analysis module (created per request in src/graphql/loaders.ts). */
export function surveyAnalysisLoaderFactories() {
  return {
    /** Per-request memo of the analysis' SQL aggregates: one page asking for analysis, trend and stats reads once. */
    surveyAggregateMemo: () => new Map<string, Promise<unknown>>(),
  };
}
