import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { formatWorkOrderNumber } from '@/graphql/work-orders/work-order-number.rules';

/**
 * Two work orders on 华东精密 (issue 13): one assigned to the demo technician for today (the phone view has something
 * to show), one closed last week with its work, fee and sign-off (the weekly statistics and the PDF have data). Numbers
 * PG-<year>-000001/2: the yearly sequence starts after the highest number issued, so later orders continue from them.
 */
export async function seedDemoWorkOrders(db: Db, now: Date): Promise<void> {
  const [customer, dispatcher, technician] = await Promise.all([
    db.customer.findFirst({ where: { name: '华东精密汽配有限公司' }, select: { id: true, address: true } }),
    db.user.findUnique({ where: { email: 'dispatcher@kefu.demo' }, select: { id: true } }),
    db.user.findUnique({ where: { email: 'technician@kefu.demo' }, select: { id: true } }),
  ]);
  if (!customer || !dispatcher || !technician) return;
  const hour = 3_600_000;
  const lastWeek = new Date(now.getTime() - 7 * 24 * hour);
  await db.workOrder.createMany({
    data: [
      {
        number: formatWorkOrderNumber(lastWeek, 1),
        customerId: customer.id,
        dispatcherId: dispatcher.id,
        technicianId: technician.id,
        status: 'CLOSED',
        priority: 'HIGH',
        description: '三坐标测量机开机报警，无法回零',
        siteAddress: customer.address,
        equipment: 'CMM-0805',
        requestedAt: new Date(lastWeek.getTime() + 2 * hour),
        scheduledAt: new Date(lastWeek.getTime() + 2 * hour),
        acceptedAt: lastWeek,
        departedAt: new Date(lastWeek.getTime() + hour),
        arrivedAt: new Date(lastWeek.getTime() + 1.8 * hour),
        finishedAt: new Date(lastWeek.getTime() + 4 * hour),
        visitRecord: '更换 X 轴光栅尺读数头，校准后回零正常',
        parts: [
          { name: 'X 轴读数头', quantity: 1, direction: 'USED' },
          { name: '旧读数头', quantity: 1, direction: 'TAKEN_BACK' },
        ],
        fee: new Prisma.Decimal('680.00'),
        receiptNo: 'SJ-DEMO-0001',
        customerFeedback: '响应及时，维修到位',
        customerSignoffName: '刘经理',
        signedOffAt: new Date(lastWeek.getTime() + 4.2 * hour),
        returnFeedback: '故障件已带回，建议客户半年后复检',
        reportedAt: new Date(lastWeek.getTime() + 6 * hour),
        closedAt: new Date(lastWeek.getTime() + 24 * hour),
        createdAt: new Date(lastWeek.getTime() - hour),
        version: 8,
      },
      {
        number: formatWorkOrderNumber(now, 2),
        customerId: customer.id,
        dispatcherId: dispatcher.id,
        technicianId: technician.id,
        status: 'ASSIGNED',
        priority: 'NORMAL',
        description: '空压机运行噪音大，压力不稳',
        siteAddress: customer.address,
        equipment: 'AC-200',
        requestedAt: new Date(now.getTime() + 2 * hour),
        scheduledAt: new Date(now.getTime() + 2 * hour),
        createdAt: now,
        version: 2,
      },
    ],
  });
}
