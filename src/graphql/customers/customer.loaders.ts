import DataLoader from 'dataloader';
import { Prisma, type Contact, type Contract } from '@/generated/prisma/client';
import { prisma } from '@/server/db';
import { byIdLoader, groupedLoader, perSelect } from '../loader-utils';

const CONTACT_ORDER: Prisma.ContactOrderByWithRelationInput[] = [{ isPrimary: 'desc' }, { createdAt: 'asc' }];
const CONTRACT_ORDER: Prisma.ContractOrderByWithRelationInput[] = [
  { signedAt: { sort: 'desc', nulls: 'last' } },
  { createdAt: 'desc' },
];

export function customerLoaderFactories() {
  return {
    // Only used for parents the viewer was already allowed to read (a contact's or contract's customer).
    customerById: () => byIdLoader((ids) => prisma.customer.findMany({ where: { id: { in: [...ids] } } })),
    contactsByCustomer: () =>
      groupedLoader(
        (ids) => prisma.contact.findMany({ where: { customerId: { in: [...ids] } }, orderBy: CONTACT_ORDER }),
        (c) => c.customerId,
      ),
    contractsByCustomer: () =>
      groupedLoader(
        (ids) => prisma.contract.findMany({ where: { customerId: { in: [...ids] } }, orderBy: CONTRACT_ORDER }),
        (c) => c.customerId,
      ),
    /** Contacts by customer with only the selected columns (the rows carry at least id and customerId). */
    contactsByCustomerSelecting: () =>
      perSelect((select: Prisma.ContactSelect | undefined) =>
        groupedLoader(
          (ids) =>
            prisma.contact.findMany({
              where: { customerId: { in: [...ids] } },
              orderBy: CONTACT_ORDER,
              ...(select ? { select } : {}),
            }) as Promise<Contact[]>,
          (c) => c.customerId,
        ),
      ),
    contractsByCustomerSelecting: () =>
      perSelect((select: Prisma.ContractSelect | undefined) =>
        groupedLoader(
          (ids) =>
            prisma.contract.findMany({
              where: { customerId: { in: [...ids] } },
              orderBy: CONTRACT_ORDER,
              ...(select ? { select } : {}),
            }) as Promise<Contract[]>,
          (c) => c.customerId,
        ),
      ),
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
