import 'server-only';
import { createLoaders } from '@/graphql/loaders';
import { getCustomer } from '@/graphql/customers/customer.service';
import type { Viewer } from '@/server/viewer';

/**
 * What the portal shows a customer about their own organisation. A deliberate subset of the customer record:
 * internal fields (credit standing, grade, key-account status, owner, handler notes) never leave the server.
 * Dates are calendar dates `YYYY-MM-DD`; money is a decimal string, so no float touches an amount.
 */
export type PortalProfile = {
  name: string;
  contractNo: string | null;
  certificateNo: string | null;
  status: 'PROSPECT' | 'ACTIVE' | 'SUSPENDED' | 'REVOKED' | 'EXPIRED';
  certificationScope: string | null;
  professionalCode: string | null;
  applicationAcceptedAt: string | null;
  auditDate: string | null;
  implementationDate: string | null;
  plannedSurveillanceDate: string | null;
  province: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  contactPerson: string | null;
  updatedAt: Date;
  contacts: {
    id: string;
    name: string;
    title: string | null;
    phone: string | null;
    mobile: string | null;
    email: string | null;
    isPrimary: boolean;
  }[];
  contracts: {
    id: string;
    contractNo: string;
    title: string | null;
    amount: string;
    signedAt: string | null;
    startsAt: string | null;
    endsAt: string | null;
  }[];
  contractTotal: string;
};

const calendarDate = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);

/** The signed-in customer's own profile. `getCustomer` scopes by `viewer.customerId` (NOT_FOUND for anything else). */
export async function loadPortalProfile(viewer: Extract<Viewer, { kind: 'customer' }>): Promise<PortalProfile> {
  const customer = await getCustomer(viewer, viewer.customerId);
  // The same batch loaders the GraphQL Customer type uses, so the portal and the API list contacts and contracts alike.
  const loaders = createLoaders();
  const [contacts, contracts, contractTotal] = await Promise.all([
    loaders.contactsByCustomer.load(customer.id),
    loaders.contractsByCustomer.load(customer.id),
    loaders.contractTotalByCustomer.load(customer.id),
  ]);
  return {
    name: customer.name,
    contractNo: customer.contractNo,
    certificateNo: customer.certificateNo,
    status: customer.status,
    certificationScope: customer.certificationScope,
    professionalCode: customer.professionalCode,
    applicationAcceptedAt: calendarDate(customer.applicationAcceptedAt),
    auditDate: calendarDate(customer.auditDate),
    implementationDate: calendarDate(customer.implementationDate),
    plannedSurveillanceDate: calendarDate(customer.plannedSurveillanceDate),
    province: customer.province,
    address: customer.address,
    postcode: customer.postcode,
    phone: customer.phone,
    contactPerson: customer.contactPerson,
    updatedAt: customer.updatedAt,
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      title: c.title,
      phone: c.phone,
      mobile: c.mobile,
      email: c.email,
      isPrimary: c.isPrimary,
    })),
    contracts: contracts.map((c) => ({
      id: c.id,
      contractNo: c.contractNo,
      title: c.title,
      amount: c.amount.toFixed(2),
      signedAt: calendarDate(c.signedAt),
      startsAt: calendarDate(c.startsAt),
      endsAt: calendarDate(c.endsAt),
    })),
    contractTotal: contractTotal.toFixed(2),
  };
}
