import { badField } from '@/server/errors';
import { decodeCursor } from './cursor';
import { pageOf } from './pagination.rules';

/**
 * Keyset pagination: "the rows after this one, in this order" as a Prisma `where`, for lists ordered by a nullable
 * column. Prisma 7's `cursor` argument pages such an order in memory — its SQL has no LIMIT, so the second page of a
 * work queue fetched every open complaint after the cursor (measured: 15,000 wide rows). With this condition and
 * `take`, the database stops after one page.
 *
 * An order is a list of keys ending with a unique one (id). A row R comes after the cursor C when, for some key i,
 * R equals C on every key before i and comes after C on key i. NULLS LAST: a null comes after every value and
 * nothing non-null comes after a null.
 */
export type OrderKey<F extends string> = {
  field: F;
  direction: 'asc' | 'desc';
  /** The column is nullable; its nulls sort last. */
  nullsLast?: true;
  /** An enum column: its values in declaration order (PostgreSQL sorts an enum that way; Prisma filters it only with `in`). */
  enumOrder?: readonly string[];
};

type Where = Record<string, unknown>;

/** Newest first by creation time, id breaking ties: the order of the logs and most lists. */
export const NEWEST_FIRST: readonly OrderKey<'createdAt' | 'id'>[] = [
  { field: 'createdAt', direction: 'desc' },
  { field: 'id', direction: 'desc' },
];

/** Prisma's `orderBy` for the keys. */
export function orderByOf<F extends string>(keys: readonly OrderKey<F>[]): Record<F, unknown>[] {
  return keys.map(
    (k) => ({ [k.field]: k.nullsLast ? { sort: k.direction, nulls: 'last' } : k.direction }) as Record<F, unknown>,
  );
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

/** A quoted column name for raw SQL; refuses anything but a plain identifier (the names come from Prisma's field enums). */
export function columnSql(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a column name: ${name}`);
  return `"${name}"`;
}

/** The columns a Prisma `select` of columns names (the `true` ones), as a raw SELECT list. */
export function selectedColumnsSql(select: Record<string, unknown>): string {
  return Object.entries(select)
    .filter(([, on]) => on === true)
    .map(([column]) => columnSql(column))
    .join(', ');
}

/** The same order as orderByOf, as an SQL ORDER BY list (PostgreSQL sorts an enum in declaration order, as Prisma). */
export function orderBySql<F extends string>(keys: readonly OrderKey<F>[]): string {
  return keys
    .map((k) => `${columnSql(k.field)} ${k.direction === 'asc' ? 'ASC' : 'DESC'}${k.nullsLast ? ' NULLS LAST' : ''}`)
    .join(', ');
}

/** The fields to read from the cursor row (a Prisma `select`). */
export function keysetSelect<F extends string>(keys: readonly OrderKey<F>[]): Record<F, true> {
  return Object.fromEntries(keys.map((k) => [k.field, true])) as Record<F, true>;
}

/** Values strictly after `value` on one key, or null when there are none. */
function afterOn<F extends string>(key: OrderKey<F>, value: unknown): Where | null {
  if (value === null || value === undefined) return null; // nulls last: nothing sorts after a null
  let after: Where | null;
  if (key.enumOrder) {
    const at = key.enumOrder.indexOf(String(value));
    const later = key.direction === 'asc' ? key.enumOrder.slice(at + 1) : key.enumOrder.slice(0, at);
    after = later.length ? { [key.field]: { in: later } } : null;
  } else {
    after = { [key.field]: key.direction === 'asc' ? { gt: value } : { lt: value } };
  }
  if (!key.nullsLast) return after;
  const nulls = { [key.field]: null };
  return after ? { OR: [after, nulls] } : nulls;
}

/** The condition "after the cursor row" for `keys` (the cursor row holds at least the keys' fields). */
export function afterCursor<F extends string>(keys: readonly OrderKey<F>[], cursor: Record<F, unknown>): Where {
  const branches: Where[] = [];
  keys.forEach((key, i) => {
    const after = afterOn(key, cursor[key.field]);
    if (!after) return;
    const equalBefore = keys.slice(0, i).map((k) => ({ [k.field]: cursor[k.field] ?? null }));
    branches.push({ AND: [...equalBefore, after] });
  });
  // Implied by the branches, but a plain bound an index scan can start from (a column without nulls and not an enum).
  const [lead] = keys;
  if (!lead || lead.nullsLast || lead.enumOrder) return { OR: branches };
  const from = cursor[lead.field];
  return { AND: [{ [lead.field]: lead.direction === 'asc' ? { gte: from } : { lte: from } }, { OR: branches }] };
}

/** A connection's page: its rows, whether more follow and the cursor of its last row, and the list's size. */
export type KeysetPage<T> = {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};

/**
 * One page of the rows matching `where` in the order `keys`, after the row the cursor `after` names, and how many
 * rows match. `read.cursor` reads the cursor row's keys (scoped to what the viewer may see where a row outside would
 * leak its place); `read.rows` and `read.count` are the model's findMany and count. The page is read one row past
 * its size, in the same round trip as the count.
 */
export async function keysetPage<T extends { id: string }, F extends string, W extends object, O>(
  keys: readonly OrderKey<F>[],
  args: { where: W; first: number; after?: string | null },
  read: {
    cursor: (id: string, select: Record<F, true>) => Promise<Record<F, unknown> | null>;
    rows: (query: { where: W; orderBy: O[]; take: number }) => Promise<T[]>;
    count: (query: { where: W }) => Promise<number>;
  },
): Promise<KeysetPage<T>> {
  const { where, first } = args;
  let after: Where | null = null;
  if (args.after) {
    const cursor = await read.cursor(decodeCursor(args.after), keysetSelect(keys));
    if (!cursor) throw badField('after', 'pagination.invalidCursor');
    after = afterCursor(keys, cursor);
  }
  const [rows, totalCount] = await Promise.all([
    read.rows({
      where: (after ? { AND: [where, after] } : where) as W,
      orderBy: orderByOf(keys) as O[],
      take: first + 1,
    }),
    read.count({ where }),
  ]);
  const { rows: nodes, hasNextPage, endCursor } = pageOf(rows, first);
  return { nodes, pageInfo: { hasNextPage, endCursor }, totalCount };
}
