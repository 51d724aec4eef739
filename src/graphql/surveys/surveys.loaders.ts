/** DataLoaders of the surveys module (created per request in src/graphql/loaders.ts). */
export function createSurveyLoaders() {
  return {};
}
