import type { GraphQLResolveInfo } from 'graphql';
import { prisma } from '@/server/db';
import type { GraphQLContext } from '../context';
import { CUSTOMER_SELECTION } from '../customers/customer.selection';
import { manyBy, oneBy } from '../loader-utils';
import { asksFor, selectFromInfo } from '../selection';
import { mayReadCustomerRecords } from './interaction.scope';

const OLDEST_FIRST = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

export function interactionLoaderFactories() {
  return {
    // Only used for parents the viewer was already allowed to read (a complaint's source record).
    interactionById: () => oneBy('id', (where) => prisma.interaction.findMany({ where })),
    derivedInteractionsBySource: () =>
      manyBy('sourceInteractionId', (where) => prisma.interaction.findMany({ where, orderBy: { createdAt: 'asc' } })),
    attachmentsByInteraction: () =>
      manyBy('interactionId', (where) => prisma.attachment.findMany({ where, orderBy: OLDEST_FIRST })),
    // The customer-facing timeline: only history rows marked visibleToCustomer.
    timelineByInteraction: () =>
      manyBy('entityId', (where) =>
        prisma.historyEntry.findMany({
          where: { ...where, entityType: 'Interaction', visibleToCustomer: true },
          select: {
            id: true,
            entityId: true,
            action: true,
            toState: true,
            comment: true,
            messageKey: true,
            messageParams: true,
            createdAt: true,
          },
          orderBy: OLDEST_FIRST,
        }),
      ),
    contractById: () => oneBy('id', (where) => prisma.contract.findMany({ where })),
  };
}

const ROW_CUSTOMER = [
  ['nodes', 'customer'],
  ['edges', 'node', 'customer'],
] as const;

/**
 * Loads the customers a page of records will name (when the operation asks for them and the viewer may read them), in
 * one batch before the rows resolve, so each row's `customer` is a value rather than a promise (SettlingLoader). The
 * select is the one `Interaction.customer` computes from the same selection, so the row fields meet the same loader.
 */
export async function settleRowCustomers(
  rows: readonly { customerId: string | null }[],
  { viewer, loaders }: Pick<GraphQLContext, 'viewer' | 'loaders'>,
  info: GraphQLResolveInfo,
): Promise<void> {
  if (!rows.length || !mayReadCustomerRecords(viewer) || !asksFor(info, ROW_CUSTOMER)) return;
  const ids = [...new Set(rows.flatMap((row) => row.customerId ?? []))];
  await loaders.customerByIdSelecting(selectFromInfo(info, CUSTOMER_SELECTION, ROW_CUSTOMER)).settle(ids);
}
