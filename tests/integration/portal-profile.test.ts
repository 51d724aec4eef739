import { describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import { createContract, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { gqlOk } from '../helpers/graphql';

// The portal home reads the customer's company through `viewer.customer` (src/components/portal/company-profile.tsx):
// a customer account reaches its own organisation and no other, whatever it asks for.
const PROFILE = /* GraphQL */ `
  query PortalCompany {
    viewer {
      customer {
        id
        name
        certificateNo
        status
        auditDate
        contacts {
          name
        }
        contracts {
          amount
        }
        contractTotal
      }
    }
  }
`;

type Profile = {
  viewer: {
    customer: {
      id: string;
      name: string;
      certificateNo: string | null;
      status: string;
      auditDate: string | null;
      contacts: { name: string }[];
      contracts: { amount: string }[];
      contractTotal: string;
    } | null;
  } | null;
};

describe('the portal profile (viewer.customer)', () => {
  it("gives a customer their own organisation's profile, contacts, contracts and total — never another's", async () => {
    const own = await createCustomerRecord(
      {
        name: '华东精密汽配有限公司',
        certificateNo: 'CERT-1',
        status: 'ACTIVE',
        auditDate: new Date('2026-01-15T00:00:00Z'),
      },
      ['刘经理'],
    );
    const other = await createCustomerRecord({ name: '别家公司' }, ['别家联系人']);
    await createContract(own.id, '12800.50');
    await createContract(own.id, '1000.00');
    await createContract(other.id, '99999.00');
    const { viewer } = await createCustomerUser(own.id);

    const { viewer: me } = await gqlOk<Profile>(viewer, PROFILE);
    expect(me?.customer).toMatchObject({
      id: own.id,
      name: '华东精密汽配有限公司',
      certificateNo: 'CERT-1',
      status: 'ACTIVE',
      auditDate: '2026-01-15',
      contractTotal: '13800.50',
    });
    expect(me?.customer?.contacts.map((c) => c.name)).toEqual(['刘经理']);
    expect(me?.customer?.contracts.map((c) => c.amount).sort()).toEqual(['1000.00', '12800.50']);

    // The other company's account sees the other company only.
    const { viewer: otherViewer } = await createCustomerUser(other.id);
    const { viewer: them } = await gqlOk<Profile>(otherViewer, PROFILE);
    expect(them?.customer?.id).toBe(other.id);
    expect(them?.customer?.contractTotal).toBe('99999.00');
  });

  it('is null for staff, and for an account whose organisation is gone (the portal shows a note)', async () => {
    const { viewer: staff } = await createStaff('SERVICE_AGENT');
    expect((await gqlOk<Profile>(staff, PROFILE)).viewer?.customer).toBeNull();

    const gone = await createCustomerRecord({ name: '已删除公司' });
    const { viewer } = await createCustomerUser(gone.id);
    await prisma.user.updateMany({ where: { customerId: gone.id }, data: { customerId: null } });
    await prisma.customer.delete({ where: { id: gone.id } });
    expect((await gqlOk<Profile>(viewer, PROFILE)).viewer?.customer).toBeNull();
  });
});
