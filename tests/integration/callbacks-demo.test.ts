import { describe, expect, it } from 'vitest';
import { listCallbacks } from '@/graphql/callbacks/callback.service';
import { prisma } from '@/server/db';
import { seedDemoCallbacks } from '@/server/demo/callbacks-demo';
import { seedDemoData } from '@/server/demo/demo-data';

describe('demo callbacks (seedDemoCallbacks, after the demo data)', () => {
  it('give the agent a post-resolution callback on the resolved demo complaint and a periodic one on the key customer, once', async () => {
    await seedDemoData(prisma, { customers: 12 });
    const now = new Date();
    await seedDemoCallbacks(prisma, now);
    expect(await seedDemoCallbacks(prisma, now)).toEqual({ created: 0 });

    const agent = await prisma.user.findUniqueOrThrow({ where: { email: 'agent@kefu.demo' } });
    const mine = await listCallbacks(
      { kind: 'staff', userId: agent.id, role: 'SERVICE_AGENT', departmentId: agent.departmentId },
      { filter: { queue: 'MINE' } },
      now,
    );
    expect(mine.nodes.map((c) => c.reason).sort()).toEqual(['PERIODIC', 'POST_RESOLUTION']);
    const followUp = mine.nodes.find((c) => c.reason === 'POST_RESOLUTION')!;
    expect((await prisma.interaction.findUniqueOrThrow({ where: { id: followUp.interactionId! } })).status).toBe(
      'RESOLVED',
    );
    const periodic = mine.nodes.find((c) => c.reason === 'PERIODIC')!;
    expect((await prisma.customer.findUniqueOrThrow({ where: { id: periodic.customerId! } })).name).toBe(
      '华东精密汽配有限公司',
    );
    expect(
      await prisma.historyEntry.count({
        where: { entityType: 'Callback', entityId: { in: [followUp.id, periodic.id] }, action: 'CREATE' },
      }),
    ).toBe(2);
  });
});
