import { describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import { createContract, createCustomerRecord, createCustomerUser } from '../helpers/factories';
import { loadPortalProfile } from '@/components/portal/load-profile';

describe('loadPortalProfile', () => {
  it("gives the customer their own organisation's profile, contacts, contracts and total — and no internal fields", async () => {
    const own = await createCustomerRecord(
      {
        name: '华东精密汽配有限公司',
        certificateNo: 'CERT-1',
        status: 'ACTIVE',
        creditStanding: 'POOR',
        grade: 'D',
        auditDate: new Date('2026-01-15T00:00:00Z'),
      },
      ['刘经理'],
    );
    const other = await createCustomerRecord({ name: '别家公司' });
    await createContract(own.id, '12800.50');
    await createContract(own.id, '1000.00');
    await createContract(other.id, '99999.00');
    const { viewer } = await createCustomerUser(own.id);

    const profile = await loadPortalProfile(viewer);
    expect(profile).toMatchObject({
      name: '华东精密汽配有限公司',
      certificateNo: 'CERT-1',
      status: 'ACTIVE',
      auditDate: '2026-01-15',
      contractTotal: '13800.50',
    });
    expect(profile.contacts.map((c) => c.name)).toEqual(['刘经理']);
    expect(profile.contracts.map((c) => c.amount).sort()).toEqual(['1000.00', '12800.50']);
    // Internal assessments stay on the staff side.
    expect(profile).not.toHaveProperty('creditStanding');
    expect(profile).not.toHaveProperty('grade');
  });

  it('answers NOT_FOUND when the account’s organisation is gone', async () => {
    const gone = await createCustomerRecord({ name: '已删除公司' });
    const { viewer } = await createCustomerUser(gone.id);
    await prisma.user.updateMany({ where: { customerId: gone.id }, data: { customerId: null } });
    await prisma.customer.delete({ where: { id: gone.id } });
    await expect(loadPortalProfile(viewer)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
