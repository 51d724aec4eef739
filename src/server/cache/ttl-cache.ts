import 'server-only';
/**
 * Small in-process caches of what many requests read and few change: who a request is (the signed-in account, the API
 * key) and the work-queue tab counts. Entries live a short TTL (AUTH_CACHE_TTL_MS for accounts and keys); what this
 * process changes it forgets at once (src/server/cache/invalidation.ts), and another app instance's change is seen
 * within the TTL.
 */
export const AUTH_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry<V> = { value: V; expiresAt: number };

export class TtlCache<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
  readonly #loading = new Map<K, { value: Promise<V>; generation: number }>();
  // Raised by every invalidation: a value read from the database while an invalidation happened may be the state
  // from before it, and is returned but not kept (else it would outlive the change by a whole TTL).
  #generation = 0;

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached value, else `load()`'s, kept unless `keep` says no (unknown API keys are not kept: anyone can send many). */
  async get(key: K, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    // Requests that miss together share one load (fifty agents on the 工作台 when the counts expire), unless an
    // invalidation came since it started: they then load again, after the change.
    const pending = this.#loading.get(key);
    if (pending && pending.generation === this.#generation) return pending.value;
    const generation = this.#generation;
    const value = load();
    this.#loading.set(key, { value, generation });
    try {
      const loaded = await value;
      if (keep(loaded)) this.put(key, loaded, generation);
      return loaded;
    } finally {
      if (this.#loading.get(key)?.value === value) this.#loading.delete(key);
    }
  }

  /** The live value of `key`, if any (no load). */
  peek(key: K): V | undefined {
    const hit = this.#entries.get(key);
    return hit && hit.expiresAt > this.now() ? hit.value : undefined;
  }

  /** A mark to pass to `put`: a value read after it was taken is kept only if nothing was invalidated meanwhile. */
  get generation(): number {
    return this.#generation;
  }

  /** Keeps `value` read since `generation`, unless an invalidation came in between (as `get` does for its loads). */
  put(key: K, value: V, generation: number): void {
    if (generation !== this.#generation) return;
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    this.#trim();
  }

  #trim(): void {
    // Oldest first: a Map iterates in insertion order.
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.maxEntries) break;
      this.#entries.delete(oldest);
    }
  }

  delete(key: K): void {
    this.#generation++;
    this.#entries.delete(key);
  }

  deleteWhere(matches: (value: V) => boolean): void {
    this.#generation++;
    for (const [key, entry] of this.#entries) if (matches(entry.value)) this.#entries.delete(key);
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

// On globalThis, not in a module variable: the process hosts two copies of the server modules (Next's bundle and the
// custom HTTP server loaded with tsx), and an invalidation made through one copy must reach the other's readers.
const globalForCaches = globalThis as unknown as { kefuAuthCaches?: Map<string, TtlCache<unknown, unknown>> };

/** The process-wide cache of that name (its TTL is fixed by the first caller). */
export function sharedCache<K, V>(name: string, ttlMs = AUTH_CACHE_TTL_MS): TtlCache<K, V> {
  globalForCaches.kefuAuthCaches ??= new Map();
  let cache = globalForCaches.kefuAuthCaches.get(name);
  if (!cache) globalForCaches.kefuAuthCaches.set(name, (cache = new TtlCache(ttlMs)));
  return cache as TtlCache<K, V>;
}
