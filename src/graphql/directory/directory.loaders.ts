import DataLoader from 'dataloader';
import { departmentMemberCounts } from './directory.service';

/** DataLoaders of the directory module (created per request in src/graphql/loaders.ts). */
export function directoryLoaderFactories() {
  return {
    // Active members of every department on the page: one grouped count.
    departmentMemberCount: () => new DataLoader((ids: readonly string[]) => departmentMemberCounts(ids)),
  };
}
