import { clockControlEnabled, now } from '@/server/clock';
import { badField, notFound } from '@/server/errors';
import { withRoute } from '@/server/http/route';

/**
 * Test fixture for browser journeys, only with KEFU_TEST_CLOCK=1 (404 everywhere else): makes a customer an ACTIVE
 * key account with a one-to-one owner and creates its obligations through the obligations service — what a
 * nomination's approval does. `activatedAt` (default now) lets a journey start with obligations already due.
 *
 *   POST { customerId, ownerEmail, activatedAt? } → { customerId, obligations: [{ id, kind, dueAt, callbackId }] }
 */
export const dynamic = 'force-dynamic';

export const POST = withRoute('test/key-account', 'none', async ({ req }) => {
  if (!clockControlEnabled()) throw notFound('Route');
  const body = (await req.json().catch(() => null)) as {
    customerId?: unknown;
    ownerEmail?: unknown;
    activatedAt?: unknown;
  } | null;
  if (typeof body?.customerId !== 'string') throw badField('customerId', 'validation.required');
  if (typeof body.ownerEmail !== 'string') throw badField('ownerEmail', 'validation.required');
  const activatedAt = typeof body.activatedAt === 'string' ? new Date(body.activatedAt) : now();
  if (Number.isNaN(activatedAt.getTime())) throw badField('activatedAt', 'validation.invalidDate');
  const { prisma } = await import('@/server/db');
  const { createObligationsForKeyAccount } =
    await import('@/graphql/key-account-obligations/key-account-obligation.service');
  const owner = await prisma.user.findUnique({ where: { email: body.ownerEmail } });
  if (!owner) throw badField('ownerEmail', 'validation.invalid');
  const customerId = body.customerId;
  const obligations = await prisma.$transaction(async (tx) => {
    await tx.customer.update({
      where: { id: customerId },
      data: { keyAccountStatus: 'ACTIVE', ownerId: owner.id, version: { increment: 1 } },
    });
    return createObligationsForKeyAccount(tx, { customerId, ownerId: owner.id, nominationId: null, activatedAt });
  });
  return Response.json({
    customerId,
    obligations: obligations.map((o) => ({ id: o.id, kind: o.kind, dueAt: o.dueAt, callbackId: o.callbackId })),
  });
});
