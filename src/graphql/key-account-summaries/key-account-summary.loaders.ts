import { historyBy } from '../loader-utils';

/** DataLoaders of the key-account summaries module (created per request in src/graphql/loaders.ts). */
export function keyAccountSummaryLoaderFactories() {
  return {
    keyAccountSummaryHistory: () => historyBy('KeyAccountExchangeSummary'),
  };
}
