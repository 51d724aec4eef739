import { badField } from '@/server/errors';
import { decodeCursor, encodeCursor } from './cursor';

/** The most rows a client may ask for in one page (`first`), on every connection. */
export const MAX_PAGE_SIZE = 100;

/** The page size asked for, or `fallback`; BAD_USER_INPUT outside 1…MAX_PAGE_SIZE. */
export function pageSize(first: number | null | undefined, fallback = 25): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw badField('first', 'pagination.firstOutOfRange', { max: MAX_PAGE_SIZE });
  return size;
}

/** Prisma's arguments for the page after `after` (the first page without one), one row past its size. */
export const cursorArgs = (first: number, after: string | null | undefined) => ({
  take: first + 1,
  ...(after ? { cursor: { id: decodeCursor(after) }, skip: 1 } : {}),
});

/** A page read one row past its size: its rows, whether more follow, and the cursor of its last row. */
export function pageOf<T extends { id: string }>(rows: T[], first: number) {
  const hasNextPage = rows.length > first;
  const page = hasNextPage ? rows.slice(0, first) : rows;
  const last = page.at(-1);
  return { rows: page, hasNextPage, endCursor: last ? encodeCursor(last.id) : null };
}

type Page<T> = { rows: T[]; hasNextPage: boolean; endCursor: string | null };

/** A connection type's nodes and pageInfo, resolved from a page read with pageOf(). */
export const connectionFields = {
  nodes: <T>(page: Page<T>) => page.rows,
  pageInfo: <T>(page: Page<T>) => ({ hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
};

/** The edges of a connection type that has them (a node and its cursor). */
export const edgesOf = <T extends { id: string }>(page: Page<T>) =>
  page.rows.map((node) => ({ cursor: encodeCursor(node.id), node }));
