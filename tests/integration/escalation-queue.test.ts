import { describe, expect, it } from 'vitest';
import { runEscalationSweep } from '@/graphql/complaints/escalation.service';
import { prisma } from '@/server/db';
import { sendMail } from '@/server/mail/mailer';
import { QUEUES, stopQueue } from '@/server/queue/boss';
import { startWorkers, stopWorkers } from '@/server/queue/workers';
import { createStaff } from '../helpers/factories';
import { useMailWorkers } from '../helpers/mail-workers';
import { until } from '../helpers/until';

// A pg-boss schema of this file's own: other runs on the same server database never take these jobs.
const queueSchema = `pgboss_test_q${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const sh = (local: string) => new Date(`${local}+08:00`);

async function jobStates(name: string) {
  return prisma.$queryRawUnsafe<{ state: string; n: number }[]>(
    `SELECT state::text, count(*)::int AS n FROM "${queueSchema}".job WHERE name = $1 GROUP BY state`,
    name,
  );
}

// The cron monitor stays off (schedule: false) so no sweep runs at the real time of day; the schedule is still stored.
// A second app instance on the same database takes the same jobs.
const smtp = useMailWorkers({ workers: { schedule: false, pollingIntervalSeconds: 0.5 }, secondInstance: true });

describe('background jobs', () => {
  it('schedules the escalation sweep every minute (the survey sweep every 15 minutes, housekeeping hourly, key accounts nightly)', async () => {
    const schedules = await smtp.boss.getSchedules();
    expect(schedules).toHaveLength(8);
    expect(schedules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: QUEUES.escalationSweep, cron: '* * * * *' }),
        expect.objectContaining({ name: QUEUES.surveyReminders, cron: '*/15 * * * *' }),
        expect.objectContaining({ name: QUEUES.housekeeping, cron: '23 * * * *' }),
        expect.objectContaining({ name: QUEUES.keyAccountProposal, cron: '30 2 * * *' }),
        expect.objectContaining({ name: QUEUES.callbackProgrammes, cron: '0 3 * * *' }),
        expect.objectContaining({ name: QUEUES.webhookDelivery, cron: '* * * * *' }),
        expect.objectContaining({ name: QUEUES.reportDelivery, cron: '0 8 * * *' }),
        expect.objectContaining({ name: QUEUES.kpiFactRefresh, cron: '* * * * *' }),
      ]),
    );
  });

  it('sweep jobs on two instances and a direct sweep at once: each escalation and each mail exactly once, in Chinese', async () => {
    const executives = [(await createStaff('EXECUTIVE')).user, (await createStaff('EXECUTIVE')).user];
    const manager = (await createStaff('SERVICE_MANAGER')).user;
    const owner = (await createStaff('DEPARTMENT_HANDLER')).user;
    const crisis = await prisma.interaction.create({
      data: {
        number: 'TS-Q-1',
        type: 'COMPLAINT',
        channel: 'PORTAL',
        subject: '刹车片异响',
        description: '批量异响',
        status: 'TRIAGED',
        severity: 'CRISIS',
        ownerId: owner.id,
      },
    });
    const overdue = await prisma.interaction.create({
      data: {
        number: 'TS-Q-2',
        type: 'COMPLAINT',
        channel: 'PHONE',
        subject: '交期延误',
        description: '延误 3 天',
        status: 'INVESTIGATING',
        ownerId: owner.id,
        resolutionDueAt: sh('2026-11-20T15:30:00'),
      },
    });
    const now = sh('2026-11-20T16:00:00').toISOString();

    // Both instances queue a sweep and the test runs one itself; both instances work both queues.
    const [, , direct] = await Promise.all([
      smtp.boss.send(QUEUES.escalationSweep, { now }),
      smtp.second.send(QUEUES.escalationSweep, { now }),
      runEscalationSweep(new Date(now)),
    ]);

    // Crisis: 2 executives + 1 service manager; overdue level 1: the owner → 4 mails.
    await smtp.waitFor(4);
    await until(async () => (await jobStates(QUEUES.escalationSweep)).every((s) => s.state === 'completed'));
    await until(async () => (await jobStates(QUEUES.staffMail)).every((s) => s.state === 'completed'));
    await new Promise((r) => setTimeout(r, 1_500)); // nothing more arrives

    expect(await prisma.escalation.count({ where: { interactionId: { in: [crisis.id, overdue.id] } } })).toBe(2);
    // The two steps were taken once in all: by the direct sweep or by the sweep job(s) the queue ran.
    const outputs = await prisma.$queryRawUnsafe<{ escalations: number }[]>(
      `SELECT (output->>'escalations')::int AS escalations FROM "${queueSchema}".job WHERE name = $1`,
      QUEUES.escalationSweep,
    );
    expect(direct.escalations + outputs.reduce((sum, o) => sum + o.escalations, 0)).toBe(2);
    expect(smtp.messages).toHaveLength(4);
    const crisisMails = smtp.messages.filter((m) => m.subject === '【危机客诉】TS-Q-1 请立即关注');
    expect(crisisMails.flatMap((m) => m.to).sort()).toEqual([...executives.map((e) => e.email), manager.email].sort());
    expect(crisisMails[0]?.text).toContain('刹车片异响');
    expect(crisisMails[0]?.from).toBe('noreply@kefu.local');
    const overdueMail = smtp.messages.find((m) => m.subject.startsWith('【处理逾期·一级'));
    expect(overdueMail?.to).toEqual([owner.email]);
    expect(overdueMail?.subject).toBe('【处理逾期·一级（负责人）升级】TS-Q-2');
  });

  it('without SMTP_URL a mail is logged and not sent', async () => {
    const url = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      const before = smtp.messages.length;
      expect(await sendMail({ to: 'someone@test.cn', subject: '测试', text: '正文' })).toEqual({
        sent: false,
        reason: 'SMTP_URL not set',
      });
      expect(smtp.messages).toHaveLength(before);
    } finally {
      process.env.SMTP_URL = url;
    }
  });

  it('mail queued while no worker runs is sent after a restart (the jobs are rows in PostgreSQL)', async () => {
    // Both "instances" go down.
    await smtp.stopSecond();
    await stopWorkers(5_000);
    const before = smtp.messages.length;

    // A sweep runs with no worker anywhere: its mail jobs are only written.
    const manager = (await createStaff('SERVICE_MANAGER')).user;
    const registered = await prisma.interaction.create({
      data: {
        number: 'TS-Q-3',
        type: 'COMPLAINT',
        channel: 'EMAIL',
        subject: '包装破损',
        description: '外箱破损',
        triageDueAt: sh('2026-11-23T11:00:00'),
      },
    });
    expect((await runEscalationSweep(sh('2026-11-23T11:00:00'))).escalations).toBeGreaterThanOrEqual(1);
    await stopQueue(5_000);
    const waiting = await prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${queueSchema}".job WHERE name = 'send-mail' AND state = 'created' AND data->>'to' = $1`,
      manager.email,
    );
    expect(waiting[0]?.n).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages).toHaveLength(before);

    // The app starts again: the waiting mail goes out.
    await startWorkers({ schedule: false, pollingIntervalSeconds: 0.5 });
    await until(async () => smtp.messages.some((m) => m.to.includes(manager.email)));
    const mail = smtp.messages.find((m) => m.to.includes(manager.email));
    expect(mail?.subject).toBe(`【分派超时】${registered.number} 未在规定时间内确定责任部门`);
  });
});
