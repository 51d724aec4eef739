import { randomUUID } from 'node:crypto';
import type { Viewer } from '@/server/viewer';
import { createLoaders, type Loaders } from './loaders';
import { now as clockNow } from '@/server/clock';

export type GraphQLContext = {
  viewer: Viewer;
  loaders: Loaders;
  requestId: string;
  now: () => Date;
  /** The client's address as the proxy reports it (rate limits of public fields); 'unknown' when not known. */
  clientIp: string;
};

/** One context per request: the viewer, fresh DataLoaders (never shared between requests), the clock. */
export function createContext(viewer: Viewer, now: () => Date = clockNow, clientIp = 'unknown'): GraphQLContext {
  return { viewer, loaders: createLoaders(), requestId: randomUUID(), now, clientIp };
}
