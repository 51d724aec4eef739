/** One changed field of a history entry. */
export type Change = { field: string; from: unknown; to: unknown };

/**
 * A history entry's `changes` as the services write it — `{ field: { from, to } }`, or a bare value for a field that
 * was set (a creation) — one row per field; anything else gives no rows. One reading for the audit log (server) and the
 * screens that list changes. Client-safe: no server imports.
 */
export function changeList(changes: unknown): Change[] {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  return Object.entries(changes).map(([field, value]) =>
    value && typeof value === 'object' && !Array.isArray(value) && ('from' in value || 'to' in value)
      ? { field, from: (value as { from?: unknown }).from ?? null, to: (value as { to?: unknown }).to ?? null }
      : { field, from: null, to: value },
  );
}
