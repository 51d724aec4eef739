import { historyBy } from '../loader-utils';

/** DataLoaders of the key-accounts module (created per request in src/graphql/loaders.ts). */
export function keyAccountLoaderFactories() {
  return {
    // The history of every nomination on a page: one query.
    nominationHistory: () => historyBy('KeyAccountNomination'),
  };
}
