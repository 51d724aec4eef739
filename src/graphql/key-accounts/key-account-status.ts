import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { KeyAccountStatus } from '@/generated/prisma/enums';
import { prisma } from '@/server/db';
import { effectiveKeyAccountStatus, PROPOSABLE_STATUSES } from './key-account.rules';

/**
 * The effective key-account status (`effectiveKeyAccountStatus` in key-account.rules.ts) where customers are filtered
 * or grouped by it: a customer NONE or REVOKED with an open NOMINATION is a CANDIDATE. The open nominations are found
 * through the partial unique index "one open nomination per customer".
 */
const OPEN_NOMINATION = { status: 'PROPOSED', kind: 'NOMINATION' } as const;

/** Prisma `where` on Customer: the effective status is one of `statuses`. */
export function keyAccountStatusWhere(statuses: readonly KeyAccountStatus[]): Prisma.CustomerWhereInput {
  const or: Prisma.CustomerWhereInput[] = [];
  const plain = statuses.filter((s) => !PROPOSABLE_STATUSES.includes(s));
  if (plain.length) or.push({ keyAccountStatus: { in: plain } });
  const proposable = statuses.filter((s) => PROPOSABLE_STATUSES.includes(s));
  if (proposable.length) or.push({ keyAccountStatus: { in: proposable }, nominations: { none: OPEN_NOMINATION } });
  if (statuses.includes('CANDIDATE'))
    or.push({ keyAccountStatus: { in: [...PROPOSABLE_STATUSES] }, nominations: { some: OPEN_NOMINATION } });
  return or.length === 1 ? or[0]! : { OR: or };
}

/** SQL: the effective status (text) of the customer aliased `alias`. */
export function keyAccountStatusSql(alias: string): Prisma.Sql {
  const c = Prisma.raw(alias);
  return Prisma.sql`(CASE WHEN ${c}."keyAccountStatus" IN ('NONE', 'REVOKED') AND EXISTS (
      SELECT 1 FROM "KeyAccountNomination" kan
      WHERE kan."customerId" = ${c}."id" AND kan."status" = 'PROPOSED' AND kan."kind" = 'NOMINATION')
    THEN 'CANDIDATE' ELSE ${c}."keyAccountStatus"::text END)`;
}

/** The customers among `customerIds` with an open NOMINATION (one query; for DataLoaders). */
export async function customersWithOpenNomination(customerIds: readonly string[]): Promise<Set<string>> {
  // Asked for every customer a screen or an API client reads (the status is derived, never stored): one raw statement
  // on the one-open-per-customer index, without Prisma's query building (about half the CPU of findMany).
  const rows = await prisma.$queryRaw<{ customerId: string }[]>`
    SELECT "customerId" FROM "KeyAccountNomination"
    WHERE "customerId" = ANY(${[...customerIds]}::uuid[])
      AND "status" = ${OPEN_NOMINATION.status}::"NominationStatus" AND "kind" = ${OPEN_NOMINATION.kind}::"NominationKind"`;
  return new Set(rows.map((r) => r.customerId));
}

/** The effective status of one customer row through the request's loader (a query only for NONE / REVOKED rows). */
export async function keyAccountStatusOf(
  loaders: { openNominationByCustomer: { load: (id: string) => Promise<boolean> } },
  c: { id: string; keyAccountStatus: KeyAccountStatus },
): Promise<KeyAccountStatus> {
  if (!PROPOSABLE_STATUSES.includes(c.keyAccountStatus)) return c.keyAccountStatus;
  return effectiveKeyAccountStatus(c.keyAccountStatus, await loaders.openNominationByCustomer.load(c.id));
}
