import { clockControlEnabled, now } from '@/server/clock';
import { notFound } from '@/server/errors';
import { withRoute } from '@/server/http/route';

/**
 * Test fixture for browser journeys, only with KEFU_TEST_CLOCK=1 (404 everywhere else): a new ACTIVE key account
 * (SPEC §2) with its one-to-one owner (a new staff user with a phone) and a pending key-account callback in three
 * days — its own records, so the demo customers' complaint clocks stay as other journeys expect them.
 *
 *   POST → { customerId, customerName, ownerName, ownerPhone, nextContactAt }
 */
export const dynamic = 'force-dynamic';

export const POST = withRoute('test/customer-key-account', 'none', async () => {
  if (!clockControlEnabled()) throw notFound('Route');
  const { prisma } = await import('@/server/db');
  const { buildSearchText } = await import('@/graphql/customers/customer.rules');
  const tag = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const ownerPhone = `0512-${tag.slice(-8)}`;
  const owner = await prisma.user.create({
    data: {
      email: `e2e-owner-${tag}@kefu.test`,
      name: `孙经理${tag.slice(-4)}`,
      phone: ownerPhone,
      role: 'SERVICE_AGENT',
      // Never signed in with: no password matches this.
      passwordHash: '!',
    },
  });
  const customerName = `苏州协议客户${tag.slice(-6)}有限公司`;
  const customer = await prisma.customer.create({
    data: {
      name: customerName,
      searchText: buildSearchText(customerName, null, []),
      status: 'ACTIVE',
      keyAccountStatus: 'ACTIVE',
      ownerId: owner.id,
    },
  });
  const nextContactAt = new Date(now().getTime() + 3 * 86_400_000);
  await prisma.callback.create({
    data: { customerId: customer.id, reason: 'KEY_ACCOUNT', dueAt: nextContactAt, assigneeId: owner.id },
  });
  return Response.json({
    customerId: customer.id,
    customerName,
    ownerName: owner.name,
    ownerPhone,
    nextContactAt: nextContactAt.toISOString(),
  });
});
