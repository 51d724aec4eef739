import type { CustomerGrade, KeyAccountStatus } from '@/gql/graphql';

/**
 * What a screen keeps in its URL is checked against the values it knows: these helpers (pure, no React) keep the
 * known values of an enum as a record keyed by the generated enum type — a new enum value fails the type check until
 * the UI knows about it — and drop anything else a URL holds.
 */

/** The values of an enum record, in its order. */
export const keysOf = <T extends string>(record: Record<T, true>) => Object.keys(record) as T[];

/** Each value once, in first-seen order. */
export const uniq = <T>(values: T[]) => [...new Set(values)];

/** Whether `value` is one of the record's keys. */
export const has = <T extends string>(record: Record<T, true>, value: string): value is T =>
  Object.prototype.hasOwnProperty.call(record, value);

/** The values among `values` the record knows, each once. */
export const allowed = <T extends string>(values: string[], record: Record<T, true>): T[] =>
  uniq(values.filter((v): v is T => has(record, v)));

/** The customer grades (分等分级) a filter can pick. */
export const CUSTOMER_GRADE: Record<CustomerGrade, true> = { A: true, B: true, C: true, D: true };

/** The key-account statuses a filter can pick. */
export const KEY_ACCOUNT_STATUS: Record<KeyAccountStatus, true> = {
  NONE: true,
  CANDIDATE: true,
  ACTIVE: true,
  REVOKED: true,
  UNDER_REVIEW: true,
};
