import 'server-only';
import { invalidate, onInvalidate } from './invalidation';
import { sharedCache } from './ttl-cache';

/**
 * Short-lived caches of what nearly every console request reads and few requests change (issue "hold at real scale"):
 * - the work-queue tab counts (complaints, callbacks) and a person's notification counts, read on every queue page,
 *   every visit to the 工作台 and every poll of the bell — at scale, counting thousands of open complaints seven ways
 *   was most of what those pages cost the database;
 * - the staff and departments a list names (a queue page's owners and departments), a handful of rows read by every
 *   page, and the types of the records notifications link to (a complaint opens in the workbench).
 *
 * Each entry lives a few seconds, and this process forgets them all whenever something is written here: every GraphQL
 * mutation once it has answered, i.e. after its transaction committed or rolled back (src/graphql/read-cache.plugin.ts),
 * every route handler called with another method than GET (withRoute: uploads, the test clock…) and each background
 * sweep. A change made by another app instance is seen within the TTL,
 * as is time passing a due date.
 *
 * KEFU_READ_CACHE_MS sets the TTL (default 5,000 ms; 0 turns the caches off). Under Vitest they are off unless a test
 * turns them on, so a test that writes rows directly always reads them.
 */
const TOPIC = 'reads';
const DEFAULT_TTL_MS = 5_000;

export function readCacheTtlMs(): number {
  const configured = process.env.KEFU_READ_CACHE_MS;
  if (configured !== undefined && configured !== '') {
    const ms = Number(configured);
    return Number.isFinite(ms) && ms > 0 ? ms : 0;
  }
  return process.env.VITEST ? 0 : DEFAULT_TTL_MS;
}

const NAMES = [
  'complaintQueueCounts',
  'callbackQueueCounts',
  'notificationCounts',
  'users',
  'departments',
  'interactionTypes',
] as const;
type CacheName = (typeof NAMES)[number];

/** The process-wide cache of that name; its TTL is the one configured when it was first used. */
const cacheOf = <V>(name: CacheName, ttlMs: number) => sharedCache<string, V>(`reads:${name}`, ttlMs);

const globalForReads = globalThis as unknown as { kefuReadCacheWired?: boolean };
function wire() {
  if (globalForReads.kefuReadCacheWired) return;
  globalForReads.kefuReadCacheWired = true;
  onInvalidate(TOPIC, () => {
    for (const name of NAMES) cacheOf(name, DEFAULT_TTL_MS).clear();
  });
}

/**
 * `load()`'s value, or the one this process read for the same key within the TTL. The key must hold everything the
 * value depends on but the time: for counts, the viewer (their own and their department's queues, their read scope)
 * and the filter.
 */
export function readCached<V>(name: CacheName, key: string, load: () => Promise<V>): Promise<V> {
  const ttl = readCacheTtlMs();
  if (ttl === 0) return load();
  wire();
  return cacheOf<V>(name, ttl).get(key, load);
}

/**
 * Rows by key for a DataLoader's batch: those cached are served, the rest read in one `loadMissing` call (which
 * answers in the order of the keys it is given) and kept.
 */
export async function readCachedMany<V>(
  name: CacheName,
  keys: readonly string[],
  loadMissing: (keys: readonly string[]) => Promise<V[]>,
): Promise<V[]> {
  const ttl = readCacheTtlMs();
  if (ttl === 0) return loadMissing(keys);
  wire();
  const cache = cacheOf<V>(name, ttl);
  const generation = cache.generation;
  const values = keys.map((key) => cache.peek(key));
  const missing = keys.filter((_, i) => values[i] === undefined);
  if (!missing.length) return values as V[];
  const loaded = await loadMissing(missing);
  const byKey = new Map(missing.map((key, i) => [key, loaded[i]!]));
  for (const [key, value] of byKey) cache.put(key, value, generation);
  return keys.map((key, i) => (values[i] === undefined ? byKey.get(key)! : values[i]));
}

/** What the cache of that name holds for `key` now (undefined when nothing, expired, or the caches are off). */
export function peekCached<V>(name: CacheName, key: string): V | undefined {
  const ttl = readCacheTtlMs();
  if (ttl === 0) return undefined;
  wire();
  return cacheOf<V>(name, ttl).peek(key);
}

/** Forgets every cached read in this process and its sibling workers: after anything was written. */
export function forgetReads(): void {
  invalidate(TOPIC, null);
}
