/** DataLoaders of the callbacks module (created per request in src/graphql/loaders.ts). */
export function createCallbackLoaders() {
  return {};
}
