import { describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import { DEMO_LOGINS, seedDemoData } from '@/server/demo/demo-data';
import { signInWithPassword } from '@/server/auth/sign-in';

describe('demo data (what npm start loads on first run)', () => {
  it('loads once: logins that work, customers, and complaints at different workflow steps', async () => {
    expect(await seedDemoData(prisma, { customers: 12, now: new Date('2026-06-01T02:00:00Z') })).toBe(true);
    expect(await seedDemoData(prisma, { customers: 12 })).toBe(false);
    expect(await prisma.customer.count()).toBe(12);
    for (const login of DEMO_LOGINS) {
      expect(
        await signInWithPassword(
          { email: login.email, password: 'kefu-demo-2026' },
          `192.0.2.${DEMO_LOGINS.indexOf(login)}`,
        ),
      ).toMatchObject({ role: login.role });
    }
    const statuses = await prisma.interaction.findMany({
      select: { number: true, type: true, status: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(statuses.map((s) => [s.type, s.status])).toEqual([
      ['COMPLAINT', 'REGISTERED'],
      ['COMPLAINT', 'INVESTIGATING'],
      ['COMPLAINT', 'RESOLVED'],
      ['CONSULTATION', 'RESOLVED'],
    ]);
    expect(statuses[0]!.number).toMatch(/^TS-\d{4}-\d{6}$/);
    expect(await prisma.callback.count({ where: { reason: 'POST_RESOLUTION', status: 'PENDING' } })).toBe(1);
    // One on 华东精密 (the demo callbacks), one on the demo key account (its owner's).
    expect(await prisma.callback.count({ where: { reason: 'PERIODIC', status: 'PENDING' } })).toBe(2);
    expect(await prisma.customer.count({ where: { keyAccountStatus: 'ACTIVE', ownerId: { not: null } } })).toBe(1);
    // The default survey and demo campaigns with responses over several quarters, so the analysis has a trend.
    expect(await prisma.surveyTemplate.count({ where: { isDefault: true } })).toBe(1);
    const periods = await prisma.surveyCampaign.findMany({ select: { periodLabel: true }, distinct: ['periodLabel'] });
    expect(periods.length).toBeGreaterThanOrEqual(2);
    expect(await prisma.surveyResponse.count({ where: { submittedAt: { not: null } } })).toBeGreaterThan(0);
    // The demo salesperson's visits (issue 13): a logged visit, this week's approved itinerary, next week's submitted.
    const agent = await prisma.user.findUniqueOrThrow({ where: { email: 'agent@kefu.demo' } });
    const plans = await prisma.itinerary.findMany({
      where: { ownerId: agent.id },
      orderBy: { weekStart: 'asc' },
      include: { items: true },
    });
    expect(plans.map((p) => [p.weekStart.toISOString().slice(0, 10), p.status, p.items.length])).toEqual([
      ['2026-06-01', 'APPROVED', 2],
      ['2026-06-08', 'SUBMITTED', 2],
    ]);
    expect(await prisma.visitLog.count({ where: { userId: agent.id } })).toBe(1);
    // The clock knows the year's public holidays and make-up days (and next year's, once published).
    expect(
      await prisma.calendarDay.count({
        where: { date: { gte: new Date('2026-01-01T00:00:00Z'), lt: new Date('2027-01-01T00:00:00Z') } },
      }),
    ).toBe(39);
    expect(await prisma.calendarDay.findUnique({ where: { date: new Date('2026-10-01T00:00:00Z') } })).toMatchObject({
      isWorkday: false,
      name: '国庆节',
    });
  });
});
