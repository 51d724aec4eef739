import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBusinessCalendar } from '@/graphql/complaints/business-calendar.service';
import { runEscalationSweep } from '@/graphql/complaints/escalation.service';
import { DEFAULT_ESCALATION_POLICY, overdueLevel } from '@/graphql/complaints/escalation.rules';
import { businessHoursBetween } from '@/graphql/complaints/sla-clock.rules';
import { invalidateConfigCache } from '@/server/config-cache';
import { prisma } from '@/server/db';
import { startQueue, stopQueue } from '@/server/queue/boss';
import { createStaff } from '../helpers/factories';

// A pg-boss schema of this file's own: other runs on the same server database never see these jobs.
const queueSchema = `pgboss_test_idle${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const sh = (local: string) => new Date(`${local}+08:00`);
const T = sh('2026-11-25T10:00:00'); // a Wednesday morning
const minutes = (n: number) => new Date(T.getTime() + n * 60_000);
const OPEN = 3_000;
const CLOSED = 5_000;

let owners: string[] = [];

beforeAll(async () => {
  await startQueue({ schedule: false });
  owners = [];
  for (let i = 0; i < 20; i++) owners.push((await createStaff('DEPARTMENT_HANDLER')).user.id);
  const calendar = await loadBusinessCalendar();
  // A large desk's steady state: two thirds of the open complaints overdue, each already escalated to the level its
  // lateness calls for (waiting for the next one, up to 3 working days away), a third due later this week or next;
  // and years of closed history.
  const open = Array.from({ length: OPEN }, (_, i) => {
    const overdue = i % 3 !== 0;
    const dueAt = overdue
      ? new Date(T.getTime() - (1 + (i % 70)) * 3_600_000 - (i % 53) * 60_000)
      : new Date(T.getTime() + (20 + (i % 200)) * 3_600_000 + (i % 41) * 60_000);
    return {
      number: `TS-IDLE-${i}`,
      dueAt,
      level: overdue ? overdueLevel(businessHoursBetween(dueAt, T, calendar), DEFAULT_ESCALATION_POLICY) : 0,
    };
  });
  for (let i = 0; i < OPEN; i += 1_000) {
    await prisma.interaction.createMany({
      data: open.slice(i, i + 1_000).map((r, j) => ({
        number: r.number,
        type: 'COMPLAINT' as const,
        channel: 'PORTAL' as const,
        subject: '尺寸超差',
        description: '外径超差',
        status: 'INVESTIGATING' as const,
        ownerId: owners[(i + j) % owners.length],
        responsibleDepartmentId: null,
        triageDueAt: null,
        resolutionDueAt: r.dueAt,
        escalationLevel: r.level,
      })),
    });
  }
  const ids = new Map(
    (
      await prisma.interaction.findMany({
        where: { number: { startsWith: 'TS-IDLE-' } },
        select: { id: true, number: true },
      })
    ).map((r) => [r.number, r.id]),
  );
  await prisma.escalation.createMany({
    data: open.flatMap((r) => [
      { interactionId: ids.get(r.number)!, reason: 'DUE_SOON', level: 0, notifiedUserIds: [], mailedAt: T },
      ...(r.level > 0
        ? [
            {
              interactionId: ids.get(r.number)!,
              reason: 'RESOLUTION_OVERDUE',
              level: r.level,
              notifiedUserIds: [],
              mailedAt: T,
            },
          ]
        : []),
    ]),
  });
  for (let i = 0; i < CLOSED; i += 1_000) {
    await prisma.interaction.createMany({
      data: Array.from({ length: Math.min(1_000, CLOSED - i) }, (_, j) => ({
        number: `TS-HIST-${i + j}`,
        type: 'COMPLAINT' as const,
        channel: 'PHONE' as const,
        subject: '历史',
        description: '已结案',
        status: 'CLOSED' as const,
        resolutionDueAt: new Date(T.getTime() - (30 + ((i + j) % 700)) * 24 * 3_600_000),
        closedAt: new Date(T.getTime() - 20 * 24 * 3_600_000),
      })),
    });
  }
}, 300_000);

afterAll(async () => {
  await stopQueue();
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

describe('an idle escalation sweep', () => {
  it('reads the open complaints once after they arrive, then only those whose next step has come', async () => {
    // New records are marked by the insert trigger; closed history is not.
    const first = await runEscalationSweep(T);
    console.info(`[idle] first sweep over ${OPEN} open + ${CLOSED} closed complaints: ${JSON.stringify(first)}`);
    expect(first.candidates).toBe(OPEN);
    expect(first.escalations).toBe(0); // every record was already at the level its lateness calls for

    const idle = [];
    for (let minute = 1; minute <= 5; minute++) idle.push((await runEscalationSweep(minutes(minute))).candidates);
    console.info(`[idle] candidates read by the next five sweeps, a minute apart: ${idle.join(', ')}`);
    // Only records whose next level (or DUE_SOON) fell due in that minute: a handful, not the thousands waiting.
    for (const read of idle) expect(read).toBeLessThanOrEqual(OPEN / 100);
    // Those read were escalated and now wait for a later level: nothing is left due in those minutes.
    expect(
      await prisma.interaction.count({
        where: { number: { startsWith: 'TS-IDLE-' }, nextEscalationAt: { lte: minutes(5) } },
      }),
    ).toBe(0);
  }, 300_000);

  it('reads a record again as soon as a workflow write changes what its escalation depends on', async () => {
    const record = await prisma.interaction.findFirstOrThrow({ where: { number: 'TS-IDLE-0' } }); // due later, nothing taken
    // The handler's plan moves the due time into the past (any code path: the trigger marks the row).
    await prisma.interaction.update({ where: { id: record.id }, data: { resolutionDueAt: minutes(-30) } });
    const result = await runEscalationSweep(minutes(6));
    expect(result.candidates).toBe(1);
    expect(result.escalations).toBe(1);
    expect(
      await prisma.escalation.findMany({
        where: { interactionId: record.id, reason: 'RESOLUTION_OVERDUE' },
        select: { level: true },
      }),
    ).toEqual([{ level: 1 }]);
    // A pending callback task on a complaint marks the complaint too.
    const other = await prisma.interaction.findFirstOrThrow({ where: { number: 'TS-IDLE-3' } });
    await prisma.callback.create({ data: { interactionId: other.id, reason: 'POST_RESOLUTION', dueAt: minutes(60) } });
    expect((await runEscalationSweep(minutes(7))).candidates).toBe(1);
    // Looked at: its next time is now the callback's due time (before its next overdue level), and the mark is gone.
    expect(
      await prisma.interaction.findUniqueOrThrow({
        where: { id: other.id },
        select: { nextEscalationAt: true, escalationChangedAt: true },
      }),
    ).toEqual({
      nextEscalationAt: minutes(60),
      escalationChangedAt: null,
    });
  }, 120_000);

  it('reads every record with a stored time again once when the calendar changes', async () => {
    const stored = await prisma.interaction.count({ where: { nextEscalationAt: { not: null } } });
    await prisma.calendarDay.create({
      data: { date: new Date('2026-11-27T00:00:00Z'), isWorkday: false, name: '测试假日' },
    });
    // As the service-rules service does once its change commits (the calendar is cached per process).
    invalidateConfigCache();
    const result = await runEscalationSweep(minutes(9));
    expect(result.candidates).toBe(stored);
    expect((await runEscalationSweep(minutes(10))).candidates).toBeLessThanOrEqual(OPEN / 100);
  }, 300_000);
});
