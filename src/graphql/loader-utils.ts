import DataLoader from 'dataloader';

/** A loader of one row per key: `fetch` returns rows in any order; missing keys resolve to null. */
export function byIdLoader<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await fetch(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** A loader of many rows per key (e.g. contacts by customer id), grouped by `keyOf`. */
export function groupedLoader<T>(fetch: (keys: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string) {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/**
 * Loaders that read only the columns a request asked for: one loader per distinct select (rows of one list share
 * theirs), so batching still gathers all the keys of a list into one query.
 */
export function perSelect<S, L>(make: (select: S | undefined) => L): (select: S | undefined) => L {
  const made = new Map<string, L>();
  return (select) => {
    const key = select ? JSON.stringify(select) : '*';
    let loader = made.get(key);
    if (!loader) made.set(key, (loader = make(select)));
    return loader;
  };
}
