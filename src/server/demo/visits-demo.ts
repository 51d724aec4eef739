import 'server-only';
import type { Db } from '@/server/db';
import { localDate } from '@/graphql/complaints/sla-clock.rules';
import { addDaysTo, instantOf, weekStartOf } from '@/graphql/visits/visit.rules';

const TIME_ZONE = 'Asia/Shanghai';
const dbDate = (date: string) => new Date(`${date}T00:00:00.000Z`);

/**
 * Visits of the demo salesperson (agent@kefu.demo, issue 13): last week's visit logged (工作日志), this week's
 * itinerary approved by the manager with two visits, next week's submitted and waiting for the manager — so the week
 * view, the manager's approval queue, the work log and the customers' portal have something to show. Only the
 * salesperson's own customers are visited; none: nothing is seeded.
 */
export async function seedDemoVisits(db: Db, now: Date): Promise<void> {
  const [agent, manager] = await Promise.all([
    db.user.findUnique({ where: { email: 'agent@kefu.demo' }, select: { id: true } }),
    db.user.findUnique({ where: { email: 'manager@kefu.demo' }, select: { id: true } }),
  ]);
  if (!agent || !manager) return;
  const customers = await db.customer.findMany({
    where: { ownerId: agent.id },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: 3,
  });
  if (customers.length === 0) return;
  const at = (date: string, time: string) => instantOf(date, time, TIME_ZONE);
  const thisWeek = weekStartOf(localDate(now, TIME_ZONE));
  const nextWeek = addDaysTo(thisWeek, 7);
  const customer = (i: number) => customers[i % customers.length]!.id;

  await db.visitLog.create({
    data: {
      customerId: customer(0),
      userId: agent.id,
      visitedAt: at(addDaysTo(thisWeek, -5), '10:00'),
      kind: 'VISIT',
      contactName: '刘经理',
      summary: '介绍新一代空压机节能方案，了解下季度采购计划',
      customerNeeds: '希望提供节能改造报价',
      followUp: '下周提交改造报价',
    },
  });
  await db.itinerary.create({
    data: {
      ownerId: agent.id,
      weekStart: dbDate(thisWeek),
      status: 'APPROVED',
      submittedAt: at(addDaysTo(thisWeek, -3), '16:00'),
      deadlineAt: at(addDaysTo(thisWeek, -3), '18:00'),
      approvedById: manager.id,
      decidedAt: at(addDaysTo(thisWeek, -3), '17:30'),
      version: 3,
      items: {
        create: [
          { customerId: customer(0), plannedAt: at(addDaysTo(thisWeek, 1), '10:00'), purpose: '提交节能改造报价' },
          {
            customerId: customer(1),
            plannedAt: at(addDaysTo(thisWeek, 3), '14:00'),
            purpose: '季度回访，收集使用意见',
          },
        ],
      },
    },
  });
  await db.itinerary.create({
    data: {
      ownerId: agent.id,
      weekStart: dbDate(nextWeek),
      status: 'SUBMITTED',
      submittedAt: now,
      deadlineAt: at(addDaysTo(thisWeek, 4), '18:00'),
      version: 2,
      items: {
        create: [
          { customerId: customer(2), plannedAt: at(addDaysTo(nextWeek, 0), '10:00'), purpose: '新产品演示' },
          { customerId: customer(0), plannedAt: at(addDaysTo(nextWeek, 2), '15:00'), purpose: '确认改造方案与合同' },
        ],
      },
    },
  });
}
