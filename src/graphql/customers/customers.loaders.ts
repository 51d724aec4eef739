import DataLoader from 'dataloader';
import { Prisma } from '@/generated/prisma/client';
import { prisma } from '@/server/db';
import { byIdLoader, groupedLoader } from '../loader-utils';

export function createCustomerLoaders() {
  return {
    // Only used for parents the viewer was already allowed to read (a contact's or contract's customer).
    customerById: byIdLoader((ids) => prisma.customer.findMany({ where: { id: { in: [...ids] } } })),
    contactsByCustomer: groupedLoader(
      (ids) => prisma.contact.findMany({ where: { customerId: { in: [...ids] } }, orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }] }),
      (c) => c.customerId,
    ),
    contractsByCustomer: groupedLoader(
      (ids) => prisma.contract.findMany({ where: { customerId: { in: [...ids] } }, orderBy: [{ signedAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }] }),
      (c) => c.customerId,
    ),
    contractTotalByCustomer: new DataLoader<string, Prisma.Decimal>(async (ids) => {
      const sums = await prisma.contract.groupBy({ by: ['customerId'], where: { customerId: { in: [...ids] } }, _sum: { amount: true } });
      const byId = new Map(sums.map((s) => [s.customerId, s._sum.amount ?? new Prisma.Decimal(0)]));
      return ids.map((id) => byId.get(id) ?? new Prisma.Decimal(0));
    }),
  };
}
