import { randomUUID } from 'node:crypto';
import type { Viewer } from '@/server/viewer';
import { createLoaders, type Loaders } from './loaders';
import { now as clockNow } from '@/server/clock';

export type GraphQLContext = {
  viewer: Viewer;
  loaders: Loaders;
  requestId: string;
  now: () => Date;
  /**
   * The client's address as the HTTP server resolved it (src/server/http/client-address.ts), for the per-address
   * limits of public fields; null when not known (tests calling the schema), and those limits are then skipped.
   */
  clientIp: string | null;
};

/** One context per request: the viewer, fresh DataLoaders (never shared between requests), the clock. */
export function createContext(
  viewer: Viewer,
  now: () => Date = clockNow,
  clientIp: string | null = null,
): GraphQLContext {
  return { viewer, loaders: createLoaders(), requestId: randomUUID(), now, clientIp };
}
