import DataLoader from 'dataloader';
import { peekCached, readCachedMany } from '@/server/cache/read-cache';
import { prisma } from '@/server/db';

/** The `where` a batch function spreads into its query: the rows whose `column` is one of the batch's keys. */
export type KeyIn<K extends string> = { [P in K]: { in: string[] } };
type KeyedBy<K extends string> = { [P in K]: string | null };

const keyIn = <K extends string>(column: K, keys: readonly string[]) => ({ [column]: { in: [...keys] } }) as KeyIn<K>;

/**
 * A loader of one row per key: the row whose `column` (usually `id`) is the key, or null.
 * `oneBy('id', (where) => prisma.user.findMany({ where }))`
 */
export function oneBy<K extends string, T extends KeyedBy<K>>(column: K, findMany: (where: KeyIn<K>) => Promise<T[]>) {
  return new SettlingLoader<string, T | null>((keys) => rowsByKey(column, keys, findMany));
}

/** The row whose `column` is each key, in the keys' order (null where none): one query for the lot. */
export async function rowsByKey<K extends string, T extends KeyedBy<K>>(
  column: K,
  keys: readonly string[],
  findMany: (where: KeyIn<K>) => Promise<T[]>,
): Promise<(T | null)[]> {
  const rows = await findMany(keyIn(column, keys));
  const byKey = new Map<string | null, T>(rows.map((row) => [row[column], row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/**
 * `oneBy` through a short process-wide read cache (src/server/cache/read-cache.ts), for the few rows nearly every page
 * names again (staff, departments): only the keys not cached are read.
 */
export function cachedOneBy<K extends string, T extends KeyedBy<K>>(
  cache: 'users' | 'departments',
  column: K,
  findMany: (where: KeyIn<K>) => Promise<T[]>,
) {
  return new SettlingLoader<string, T | null>(
    (keys) => readCachedMany(cache, keys, (missing) => rowsByKey(column, missing, findMany)),
    (key) => peekCached<T | null>(cache, key),
  );
}

/**
 * A DataLoader that can answer with values rather than promises, for the fields of a list's rows. graphql-js completes
 * a row whose fields are all plain values without a promise; one field that answers with a promise (a load) makes every
 * row, the list and the connection asynchronous — on a 25-row complaint queue page with each complaint's customer, about
 * as much CPU as the rest of the request (promise jobs, async hooks, their garbage). So a list resolver settles what its
 * rows will ask for in one batch (`settle`), and the rows' field resolvers ask with `loadNow`, which answers a value this
 * loader already has as that value; a process-cached loader (staff, departments) answers what its cache holds the same way.
 */
export class SettlingLoader<K, V> extends DataLoader<K, V> {
  readonly #settled = new Map<K, V>();

  constructor(
    batch: DataLoader.BatchLoadFn<K, V>,
    private readonly peek?: (key: K) => V | undefined,
  ) {
    super(batch);
  }

  /** Loads `keys` (one batch) and keeps their values for `loadNow`. */
  async settle(keys: readonly K[]): Promise<void> {
    if (!keys.length) return;
    const values = await this.loadMany(keys);
    keys.forEach((key, i) => {
      const value = values[i];
      if (!(value instanceof Error)) this.#settled.set(key, value as V);
    });
  }

  /** `load(key)`, or the value itself where this loader already has it (settled, or in its process cache). */
  loadNow(key: K): V | Promise<V> {
    if (this.#settled.has(key)) return this.#settled.get(key) as V;
    const peeked = this.peek?.(key);
    return peeked === undefined ? this.load(key) : peeked;
  }

  /** Forgets `key` here as DataLoader does, so the next load reads it again. */
  override clear(key: K): this {
    this.#settled.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.#settled.clear();
    return super.clearAll();
  }
}

/**
 * A loader of many rows per key (e.g. contacts by customer id): the rows whose `column` is the key, in query order.
 * `manyBy('customerId', (where) => prisma.contact.findMany({ where, orderBy }))`
 */
export function manyBy<K extends string, T extends KeyedBy<K>>(column: K, findMany: (where: KeyIn<K>) => Promise<T[]>) {
  return new SettlingLoader<string, T[]>(async (keys) => {
    const groups = new Map<string | null, T[]>();
    for (const row of await findMany(keyIn(column, keys))) {
      const group = groups.get(row[column]);
      if (group) group.push(row);
      else groups.set(row[column], [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/**
 * Loaders that read only the columns a request asked for: one loader per distinct select (rows of one list share
 * theirs), so batching still gathers all the keys of a list into one query.
 */
export function perSelect<S extends object, L>(make: (select: S | undefined) => L): (select: S | undefined) => L {
  const made = new Map<string, L>();
  // selectFromInfo hands every row of a list the same select object: the key is worked out once per object.
  const byObject = new WeakMap<S, L>();
  return (select) => {
    const known = select && byObject.get(select);
    if (known) return known;
    const key = select ? JSON.stringify(select) : '*';
    let loader = made.get(key);
    if (!loader) made.set(key, (loader = make(select)));
    if (select) byObject.set(select, loader);
    return loader;
  };
}

/**
 * A loader of the history entries of one entity type (the `entityType` the service writes), oldest first, per entity
 * id: `historyBy('WorkOrder')` for the history field of a page of work orders, in one query.
 */
export const historyBy = (entityType: string) =>
  manyBy('entityId', (where) =>
    prisma.historyEntry.findMany({ where: { ...where, entityType }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
  );
