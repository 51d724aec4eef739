import { describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { customerRowsById } from '@/graphql/customers/customer.service';
import { prisma } from '@/server/db';
import { createCustomerRecord, createStaff } from '../helpers/factories';

/**
 * customer(id) and the customers a page names are read as one SQL statement (customerRowsById), not through Prisma's
 * findMany: the rows must be the same values of the same types, column for column — dates, decimals, enums, booleans,
 * nulls and uuids.
 */
describe('customer rows by id', () => {
  it('returns what Prisma’s findMany returns, for every column and for a selection', async () => {
    const { user } = await createStaff('SERVICE_MANAGER');
    const full = await createCustomerRecord({
      ownerId: user.id,
      contractNo: 'HT-ROWS-1',
      certificateNo: 'ZS-ROWS-1',
      applicationAcceptedAt: new Date('2025-03-04T00:00:00Z'),
      auditDate: new Date('2025-04-05T00:00:00Z'),
      initialAuditFee: '12345.67',
      surveillanceAuditFee: '0.50',
      status: 'SUSPENDED',
      creditStanding: 'POOR',
      source: 'REFERRAL',
      grade: 'A',
      gradeOverrideReason: '手工调整',
      gradeOverriddenAt: new Date('2025-05-06T07:08:09.123Z'),
      keyAccountStatus: 'ACTIVE',
      regionalLandmark: true,
      regionalLandmarkReason: '地标',
      archivedAt: new Date('2026-01-02T03:04:05.678Z'),
    });
    const bare = await createCustomerRecord({});
    const ids = [full.id, bare.id];
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

    const raw = byId(await customerRowsById(ids));
    const orm = byId(await prisma.customer.findMany({ where: { id: { in: ids } } }));
    expect(raw).toEqual(orm);
    const fee = raw.find((r) => r.id === full.id)!.initialAuditFee;
    expect(Prisma.Decimal.isDecimal(fee) && fee.toFixed(2)).toBe('12345.67');

    const select = {
      id: true,
      version: true,
      name: true,
      auditDate: true,
      initialAuditFee: true,
      grade: true,
    } as const;
    expect(byId(await customerRowsById(ids, select))).toEqual(
      byId(await prisma.customer.findMany({ where: { id: { in: ids } }, select })),
    );
    expect(await customerRowsById([])).toEqual([]);
    expect(await customerRowsById(['00000000-0000-4000-8000-000000000000'])).toEqual([]);
  });
});
