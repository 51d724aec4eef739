import 'server-only';
import { invalidate, onInvalidate } from '@/server/cache/invalidation';
import type { Prisma } from '@/generated/prisma/client';
import { prisma, type Db, type Tx } from '@/server/db';

/**
 * The company's configuration (settings rows, the business calendar) cached in process: it is read on nearly every
 * request (the work queues' "due soon", the workflow's 核决权限, the clock) and changes a few times a year.
 *
 * - A change made through this instance is seen at once: the writers (service-rules.service.ts, the annual-index
 *   criteria) call `invalidateConfigCache()` after their transaction commits — not before, or a request reading in
 *   between would cache the old row again.
 * - A change made through another instance is seen within CONFIG_TTL_MS.
 * - The cache lives on globalThis, not in a module variable: the process can hold two copies of the server modules
 *   (Next's bundle and a server loaded with tsx), and an invalidation through one copy must reach the other.
 * - An entry holds the load's promise from its start, so concurrent requests share one read, and an invalidation
 *   also drops a read still in flight (it may have seen the row before the change).
 * - A caller inside a transaction passes it: a cold cache is then read through that transaction, because the embedded
 *   database runs one transaction at a time and a read on another connection would wait for this one to end.
 */
export const CONFIG_TTL_MS = 30_000;

type Reader = Db | Tx;
type Entry = { value: Promise<unknown>; expiresAt: number; settled: boolean };
type ConfigCache = { entries: Map<string, Entry>; generation: number };
const globalForConfig = globalThis as unknown as { kefuConfigCache?: ConfigCache };

function cache(): ConfigCache {
  return (globalForConfig.kefuConfigCache ??= { entries: new Map(), generation: 0 });
}

/**
 * `load`'s result, shared for CONFIG_TTL_MS (a failed load is not kept). Callers must not mutate what they get.
 * `tx`: the caller's transaction, to read through on a miss. `ttlMs`: how stale another instance's change may be seen.
 */
export function cachedConfig<T>(
  key: string,
  load: (db: Reader) => Promise<T>,
  tx?: Tx,
  ttlMs: number = CONFIG_TTL_MS,
): Promise<T> {
  const state = cache();
  const hit = state.entries.get(key);
  // Inside a transaction a read still in flight is not waited for: on the embedded database it may be queued behind
  // this very transaction.
  if (hit && hit.expiresAt > performance.now() && (hit.settled || !tx)) return hit.value as Promise<T>;
  if (tx) return loadInTransaction(state, key, load, tx, ttlMs);
  const entry: Entry = { value: load(prisma), expiresAt: performance.now() + ttlMs, settled: false };
  state.entries.set(key, entry);
  entry.value.then(
    () => (entry.settled = true),
    () => {
      if (state.entries.get(key) === entry) state.entries.delete(key);
    },
  );
  return entry.value as Promise<T>;
}

/** A miss inside a transaction: not shared while in flight (the transaction's failure is its own), kept unless invalidated meanwhile. */
async function loadInTransaction<T>(
  state: ConfigCache,
  key: string,
  load: (db: Reader) => Promise<T>,
  tx: Tx,
  ttlMs: number,
): Promise<T> {
  const generation = state.generation;
  const value = await load(tx);
  if (state.generation === generation)
    state.entries.set(key, {
      value: Promise.resolve(value),
      expiresAt: performance.now() + ttlMs,
      settled: true,
    });
  return value;
}

onInvalidate('config', (key) => {
  const state = cache();
  state.generation += 1;
  if (key === null) state.entries.clear();
  else state.entries.delete(key);
});

/**
 * Drops everything cached (or the one `key`), in every copy of the server modules in this process and in its sibling
 * server processes. Call after the change commits.
 */
export function invalidateConfigCache(key: string | null = null): void {
  invalidate('config', key);
}

/** The value of a `Setting` row (null when the row does not exist: the engine then runs on its defaults), cached. */
export function readSettingValue(key: string, tx?: Tx): Promise<Prisma.JsonValue | null> {
  return cachedConfig(
    `setting:${key}`,
    async (db) => (await db.setting.findUnique({ where: { key }, select: { value: true } }))?.value ?? null,
    tx,
  );
}
