/**
 * A small in-process cache of what every request looks up to know who it is (the signed-in account, the API key), so
 * a request costs a map look-up instead of a database read. Entries live AUTH_CACHE_TTL_MS; what this process changes
 * (sign-out, deactivation, revocation…) it forgets at once, and another app instance's change is seen within the TTL.
 */
export const AUTH_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry<V> = { value: V; expiresAt: number };

export class TtlCache<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
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
    const generation = this.#generation;
    const value = await load();
    if (generation === this.#generation && keep(value)) {
      this.#entries.delete(key);
      this.#entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
      // Oldest first: a Map iterates in insertion order.
      for (const oldest of this.#entries.keys()) {
        if (this.#entries.size <= this.maxEntries) break;
        this.#entries.delete(oldest);
      }
    }
    return value;
  }

  delete(key: K): void {
    this.#generation++;
    this.#entries.delete(key);
  }

  deleteWhere(matches: (value: V) => boolean): void {
    this.#generation++;
    for (const [key, entry] of this.#entries) if (matches(entry.value)) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

// On globalThis, not in a module variable: the process hosts two copies of the server modules (Next's bundle and the
// custom HTTP server loaded with tsx), and an invalidation made through one copy must reach the other's readers.
const globalForCaches = globalThis as unknown as { kefuAuthCaches?: Map<string, TtlCache<unknown, unknown>> };

/** The process-wide cache of that name. */
export function sharedCache<K, V>(name: string): TtlCache<K, V> {
  globalForCaches.kefuAuthCaches ??= new Map();
  let cache = globalForCaches.kefuAuthCaches.get(name);
  if (!cache) globalForCaches.kefuAuthCaches.set(name, (cache = new TtlCache(AUTH_CACHE_TTL_MS)));
  return cache as TtlCache<K, V>;
}
