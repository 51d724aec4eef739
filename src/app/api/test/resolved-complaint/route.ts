import { clockControlEnabled, now } from '@/server/clock';
import { notFound } from '@/server/errors';
import { withRoute } from '@/server/http/route';

/**
 * Test fixture for browser journeys, only with KEFU_TEST_CLOCK=1 (404 everywhere else): a complaint written in by a
 * visitor without an account, taken through the workflow's services to a verified resolution — what the "please
 * confirm" mail is about. Answers its number, the phone that proves it at /track, and the mail's confirmation link.
 *
 *   POST → { number, phone, link }
 */
export const dynamic = 'force-dynamic';

export const POST = withRoute('test/resolved-complaint', 'none', async () => {
  if (!clockControlEnabled()) throw notFound('Route');
  const { prisma } = await import('@/server/db');
  const { runCommand } = await import('@/graphql/complaints/complaint.service');
  const { resolutionLinkPath } = await import('@/graphql/interactions/customer-notify.service');
  const [quality, handler] = await Promise.all([
    prisma.user.findFirstOrThrow({ where: { role: 'QUALITY_MANAGER', active: true } }),
    prisma.user.findFirstOrThrow({ where: { role: 'DEPARTMENT_HANDLER', active: true, departmentId: { not: null } } }),
  ]);
  const phone = `139${String(Date.now()).slice(-8)}`;
  const verifying = await prisma.interaction.create({
    data: {
      number: `TS-E2E-${Date.now()}`,
      type: 'COMPLAINT',
      channel: 'PORTAL',
      status: 'VERIFYING',
      severity: 'GENERAL',
      companyName: '临时访客公司',
      contactName: '陈会计',
      contactPhone: phone,
      contactEmail: `visitor-${phone}@example.com`,
      subject: '发票抬头错误',
      description: '发票抬头与合同不一致。',
      responsibleDepartmentId: handler.departmentId,
      ownerId: handler.id,
    },
  });
  const staff = { kind: 'staff' as const, userId: quality.id, role: 'QUALITY_MANAGER' as const, departmentId: null };
  const resolved = await runCommand(staff, verifying.id, verifying.version, {
    type: 'VERIFY',
    effective: true,
    comment: '已重开发票并寄出。',
  });
  return Response.json({
    number: resolved.number,
    phone,
    link: resolutionLinkPath(resolved.id, resolved.resolvedAt ?? now()),
  });
});
