import { Prisma } from '@/generated/prisma/client';
import type { Role } from '@/generated/prisma/enums';
import { generateApiKey } from '@/server/auth/api-keys';
import { hashPassword } from '@/server/auth/passwords';
import { prisma } from '@/server/db';
import { buildSearchText } from '@/graphql/customers/customer.rules';
import type { StaffRole, Viewer } from '@/server/viewer';

let seq = 0;
const next = () => ++seq;

export const TEST_PASSWORD = 'correct-horse-battery';
let cachedHash: string | undefined;
const passwordHash = async () => (cachedHash ??= await hashPassword(TEST_PASSWORD));

export async function createStaff(
  role: StaffRole = 'SERVICE_AGENT',
  data: Partial<Prisma.UserUncheckedCreateInput> = {},
) {
  const n = next();
  const user = await prisma.user.create({
    data: {
      email: `staff${n}-${role.toLowerCase()}@test.cn`,
      name: `员工${n}`,
      role,
      passwordHash: await passwordHash(),
      ...data,
    },
  });
  const viewer: Viewer = { kind: 'staff', userId: user.id, role, departmentId: user.departmentId };
  return { user, viewer };
}

export async function createCustomerRecord(
  data: Partial<Prisma.CustomerUncheckedCreateInput> = {},
  contactNames: string[] = [],
) {
  const n = next();
  const name = data.name ?? `测试客户${n}有限公司`;
  return prisma.customer.create({
    data: {
      name,
      searchText: buildSearchText(name, data.contactPerson ?? null, contactNames),
      ...data,
      contacts: contactNames.length ? { create: contactNames.map((c) => ({ name: c })) } : undefined,
    },
  });
}

export async function createContract(customerId: string, amount: string, contractNo = `C-T-${next()}`) {
  return prisma.contract.create({ data: { customerId, contractNo, amount: new Prisma.Decimal(amount) } });
}

export async function createCustomerUser(customerId: string) {
  const n = next();
  const user = await prisma.user.create({
    data: {
      email: `customer${n}@test.cn`,
      name: `客户联系人${n}`,
      role: 'CUSTOMER' as Role,
      customerId,
      passwordHash: await passwordHash(),
    },
  });
  const viewer: Viewer = { kind: 'customer', userId: user.id, customerId };
  return { user, viewer };
}

export async function createApiKeyRow(scopes: string[], data: Partial<Prisma.ApiKeyUncheckedCreateInput> = {}) {
  const { key, prefix, keyHash } = generateApiKey();
  const row = await prisma.apiKey.create({ data: { name: `key-${next()}`, scopes, prefix, keyHash, ...data } });
  return { key, row };
}

/**
 * An interaction row written directly (no workflow, no history): a complaint by default, numbered with its type's
 * prefix. For tests that need records in the past or in a given state (dashboards, reports, rollups).
 */
export async function createInteractionRecord(data: Partial<Prisma.InteractionUncheckedCreateInput> = {}) {
  const n = next();
  const prefix = { COMPLAINT: 'TS', CONSULTATION: 'ZX', INQUIRY: 'CX', SUGGESTION: 'JY' }[data.type ?? 'COMPLAINT'];
  return prisma.interaction.create({
    data: {
      number: `${prefix}-T-${String(n).padStart(6, '0')}`,
      type: 'COMPLAINT',
      channel: 'PHONE',
      subject: `记录 ${n}`,
      description: '说明',
      ...data,
    },
  });
}
