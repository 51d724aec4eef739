import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterCursor, orderByOf, type OrderKey } from './keyset';

// The keyset condition, evaluated the way PostgreSQL evaluates the `where` Prisma builds from it, must select exactly
// the rows that follow the cursor in the order PostgreSQL sorts them.

type Row = { due: number | null; severity: string | null; created: number; id: number };
type Field = keyof Row;
const SEVERITIES = ['GENERAL', 'MAJOR', 'CRISIS'];

/** A Prisma `where` on these rows: equality, null, gt/lt, in, AND, OR. */
function matches(row: Row, where: Record<string, unknown>): boolean {
  return Object.entries(where).every(([key, condition]) => {
    if (key === 'AND') return (condition as Record<string, unknown>[]).every((w) => matches(row, w));
    if (key === 'OR') return (condition as Record<string, unknown>[]).some((w) => matches(row, w));
    const value = row[key as Field];
    if (condition === null) return value === null;
    if (typeof condition !== 'object') return value === condition;
    const c = condition as { gt?: number; lt?: number; gte?: number; lte?: number; in?: string[] };
    if (value === null) return false; // SQL: a comparison with NULL is not true
    if (c.in) return c.in.includes(String(value));
    if (c.gt !== undefined) return (value as number) > c.gt;
    if (c.lt !== undefined) return (value as number) < c.lt;
    if (c.gte !== undefined) return (value as number) >= c.gte;
    if (c.lte !== undefined) return (value as number) <= c.lte;
    throw new Error(`unexpected condition ${JSON.stringify(condition)}`);
  });
}

/** PostgreSQL's ORDER BY for the keys (enum by declaration order; nulls last where asked, else as PostgreSQL's default). */
function compare(keys: readonly OrderKey<Field>[]) {
  const rank = (k: OrderKey<Field>, v: Row[Field]) =>
    v === null ? null : k.enumOrder ? k.enumOrder.indexOf(String(v)) : (v as number);
  return (a: Row, b: Row) => {
    for (const k of keys) {
      const x = rank(k, a[k.field]);
      const y = rank(k, b[k.field]);
      if (x === y) continue;
      if (x === null) return 1; // nulls last
      if (y === null) return -1;
      return k.direction === 'asc' ? x - y : y - x;
    }
    return 0;
  };
}

const ORDERS: Record<string, readonly OrderKey<Field>[]> = {
  dueSoonest: [
    { field: 'due', direction: 'asc', nullsLast: true },
    { field: 'id', direction: 'asc' },
  ],
  severity: [
    { field: 'severity', direction: 'desc', nullsLast: true, enumOrder: SEVERITIES },
    { field: 'due', direction: 'asc', nullsLast: true },
    { field: 'id', direction: 'asc' },
  ],
  newest: [
    { field: 'created', direction: 'desc' },
    { field: 'id', direction: 'desc' },
  ],
  oldest: [
    { field: 'created', direction: 'asc' },
    { field: 'id', direction: 'asc' },
  ],
};

const rows = fc
  .array(
    fc.record({
      due: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), // few values: ties and nulls are common
      severity: fc.option(fc.constantFrom(...SEVERITIES), { nil: null }),
      created: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((list) => list.map((r, id) => ({ ...r, id })));

describe('keyset pagination', () => {
  it.each(Object.keys(ORDERS))(
    '%s: the rows after the cursor are exactly those that follow it in the order',
    (name) => {
      const keys = ORDERS[name]!;
      fc.assert(
        fc.property(rows, fc.nat(), (list, pick) => {
          const sorted = [...list].sort(compare(keys));
          const at = pick % sorted.length;
          const after = afterCursor(keys, sorted[at]!);
          expect(sorted.filter((r) => matches(r, after))).toEqual(sorted.slice(at + 1));
        }),
      );
    },
  );

  it('orders by the keys, nulls last where the column is nullable', () => {
    expect(orderByOf(ORDERS.severity!)).toEqual([
      { severity: { sort: 'desc', nulls: 'last' } },
      { due: { sort: 'asc', nulls: 'last' } },
      { id: 'asc' },
    ]);
    expect(orderByOf(ORDERS.newest!)).toEqual([{ created: 'desc' }, { id: 'desc' }]);
  });
});
