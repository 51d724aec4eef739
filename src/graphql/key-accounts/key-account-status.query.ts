import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { KeyAccountStatus } from '@/generated/prisma/enums';
import { effectiveKeyAccountStatus, PROPOSABLE_STATUSES } from './key-account.rules';

/**
 * The effective key-account status (`effectiveKeyAccountStatus` in key-account.rules.ts) where customers are read,
 * filtered or grouped by it: a customer NONE or REVOKED with an open NOMINATION is a CANDIDATE. Whether one is open is
 * the row's own `hasOpenNomination`, which a trigger on "KeyAccountNomination" keeps in the writer's transaction
 * (migration 20261206100000_customer_has_open_nomination): no query of the nominations is needed.
 */

/** Prisma `where` on Customer: the effective status is one of `statuses`. */
export function keyAccountStatusWhere(statuses: readonly KeyAccountStatus[]): Prisma.CustomerWhereInput {
  const or: Prisma.CustomerWhereInput[] = [];
  const plain = statuses.filter((s) => !PROPOSABLE_STATUSES.includes(s));
  if (plain.length) or.push({ keyAccountStatus: { in: plain } });
  const proposable = statuses.filter((s) => PROPOSABLE_STATUSES.includes(s));
  if (proposable.length) or.push({ keyAccountStatus: { in: proposable }, hasOpenNomination: false });
  if (statuses.includes('CANDIDATE'))
    or.push({ keyAccountStatus: { in: [...PROPOSABLE_STATUSES] }, hasOpenNomination: true });
  return or.length === 1 ? or[0]! : { OR: or };
}

/** SQL: the effective status (text) of the customer aliased `alias`. */
export function keyAccountStatusSql(alias: string): Prisma.Sql {
  const c = Prisma.raw(alias);
  return Prisma.sql`(CASE WHEN ${c}."keyAccountStatus" IN ('NONE', 'REVOKED') AND ${c}."hasOpenNomination"
    THEN 'CANDIDATE' ELSE ${c}."keyAccountStatus"::text END)`;
}

/**
 * The effective status of one customer row, from the row alone. Rows reach GraphQL with the columns the operation asks
 * for (CUSTOMER_SELECTION names `hasOpenNomination` for the fields that need it); a row without it is a selection bug,
 * and answering it loudly beats reading NONE for a candidate.
 */
export function keyAccountStatusOf(c: {
  keyAccountStatus: KeyAccountStatus;
  hasOpenNomination: boolean | undefined;
}): KeyAccountStatus {
  if (!PROPOSABLE_STATUSES.includes(c.keyAccountStatus)) return c.keyAccountStatus;
  if (c.hasOpenNomination === undefined) throw new Error('keyAccountStatusOf: hasOpenNomination was not selected');
  return effectiveKeyAccountStatus(c.keyAccountStatus, c.hasOpenNomination);
}
