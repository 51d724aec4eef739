import 'server-only';
import cluster from 'node:cluster';

/**
 * Invalidation of in-process caches (sessions, API keys, the business calendar, settings): `invalidate(topic, key)`
 * drops the entry in this process at once and in every sibling worker process of the same server (cluster mode,
 * KEFU_WEB_CONCURRENCY > 1) through the cluster's IPC; other app instances rely on their caches' short TTLs.
 *
 * The registry lives on globalThis: the app process hosts two copies of the server modules (Next's bundle and the HTTP
 * server's), and an invalidation raised in one must reach the cache held by the other.
 */
type Listener = (key: string | null) => void;
type Registry = { listeners: Map<string, Set<Listener>>; wired: boolean };
type InvalidationMessage = { kefuInvalidate: { topic: string; key: string | null } };

const globalForCache = globalThis as unknown as { kefuInvalidation?: Registry };
const registry = (globalForCache.kefuInvalidation ??= { listeners: new Map(), wired: false });

function runLocal(topic: string, key: string | null) {
  for (const listener of registry.listeners.get(topic) ?? []) listener(key);
}

const isInvalidation = (message: unknown): message is InvalidationMessage =>
  !!message &&
  typeof message === 'object' &&
  'kefuInvalidate' in message &&
  typeof (message as InvalidationMessage).kefuInvalidate?.topic === 'string';

function wire() {
  if (registry.wired) return;
  registry.wired = true;
  if (cluster.isWorker) {
    process.on('message', (message: unknown) => {
      if (isInvalidation(message)) runLocal(message.kefuInvalidate.topic, message.kefuInvalidate.key);
    });
  }
}

/** Calls `listener` whenever `topic` is invalidated here or in a sibling worker (key null: everything). */
export function onInvalidate(topic: string, listener: Listener): void {
  wire();
  let set = registry.listeners.get(topic);
  if (!set) registry.listeners.set(topic, (set = new Set<Listener>()));
  set.add(listener);
}

/** Drops `key` (null: everything) of `topic` in this process and in the sibling workers. */
export function invalidate(topic: string, key: string | null = null): void {
  runLocal(topic, key);
  if (cluster.isWorker && process.send) process.send({ kefuInvalidate: { topic, key } } satisfies InvalidationMessage);
}

/** For the cluster's primary: relays each worker's invalidations to the other workers. */
export function relayInvalidations(): void {
  cluster.on('message', (from, message: unknown) => {
    if (!isInvalidation(message)) return;
    for (const worker of Object.values(cluster.workers ?? {}))
      if (worker && worker !== from && worker.isConnected()) worker.send(message);
  });
}
