import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { Prisma, type Contact, type Contract } from '@/generated/prisma/client';
import type { CustomerModel as Customer } from '../mappers';
import { prisma } from '@/server/db';
import { manyBy, oneBy, perSelect } from '../loader-utils';
import { customerRowsById } from './customer.service';
import type { Loaders } from '../loaders';
import { asksFor, selectFromInfo } from '../selection';
import { CONTACT_SELECTION, CONTRACT_SELECTION } from './customer.selection';

const CONTACT_ORDER: Prisma.ContactOrderByWithRelationInput[] = [{ isPrimary: 'desc' }, { createdAt: 'asc' }];
const CONTRACT_ORDER: Prisma.ContractOrderByWithRelationInput[] = [
  { signedAt: { sort: 'desc', nulls: 'last' } },
  { createdAt: 'desc' },
];

/** Contacts by customer; with a select, only those columns (the rows carry at least id and customerId). */
const contactsByCustomer = (select?: Prisma.ContactSelect) =>
  manyBy(
    'customerId',
    (where) =>
      prisma.contact.findMany({ where, orderBy: CONTACT_ORDER, ...(select ? { select } : {}) }) as Promise<Contact[]>,
  );
/** Customers by id; with a select, only those columns (the rows carry at least their id). */
const customerById = (select?: Prisma.CustomerSelect) =>
  oneBy('id', (where) => customerRowsById(where.id.in, select) as Promise<Customer[]>);
const contractsByCustomer = (select?: Prisma.ContractSelect) =>
  manyBy(
    'customerId',
    (where) =>
      prisma.contract.findMany({ where, orderBy: CONTRACT_ORDER, ...(select ? { select } : {}) }) as Promise<
        Contract[]
      >,
  );

export function customerLoaderFactories() {
  return {
    // Only used for parents the viewer was already allowed to read (a contact's or contract's customer).
    customerById: () => customerById(),
    // A record's customer as a list names it (a queue row's customer name): the columns the operation asks for.
    customerByIdSelecting: () => perSelect(customerById),
    contactsByCustomer: () => contactsByCustomer(),
    contractsByCustomer: () => contractsByCustomer(),
    contactsByCustomerSelecting: () => perSelect(contactsByCustomer),
    contractsByCustomerSelecting: () => perSelect(contractsByCustomer),
    contractTotalByCustomer: () =>
      new DataLoader<string, Prisma.Decimal>(async (ids) => {
        const sums = await prisma.contract.groupBy({
          by: ['customerId'],
          where: { customerId: { in: [...ids] } },
          _sum: { amount: true },
        });
        const byId = new Map(sums.map((s) => [s.customerId, s._sum.amount ?? new Prisma.Decimal(0)]));
        return ids.map((id) => byId.get(id) ?? new Prisma.Decimal(0));
      }),
  };
}

const ROW_CONTACTS = [
  ['nodes', 'contacts'],
  ['edges', 'node', 'contacts'],
] as const;
const ROW_CONTRACTS = [
  ['nodes', 'contracts'],
  ['edges', 'node', 'contracts'],
] as const;

/**
 * Loads the contacts and contracts a page of customers will list (each only when the operation asks for it), one batch
 * each, before the rows resolve, so each row's lists are values rather than promises (SettlingLoader). The selects are
 * the ones `Customer.contacts` and `Customer.contracts` compute from the same selection: the fields meet these loaders.
 */
export async function settleRowRelations(
  rows: readonly { id: string }[],
  loaders: Loaders,
  info: GraphQLResolveInfo,
): Promise<void> {
  if (!rows.length) return;
  const ids = rows.map((row) => row.id);
  await Promise.all([
    asksFor(info, ROW_CONTACTS) &&
      loaders.contactsByCustomerSelecting(selectFromInfo(info, CONTACT_SELECTION, ROW_CONTACTS)).settle(ids),
    asksFor(info, ROW_CONTRACTS) &&
      loaders.contractsByCustomerSelecting(selectFromInfo(info, CONTRACT_SELECTION, ROW_CONTRACTS)).settle(ids),
  ]);
}
