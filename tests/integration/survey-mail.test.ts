import { beforeAll, describe, expect, it } from 'vitest';
import { runSurveySweep } from '@/graphql/survey-campaigns/survey-sweep.service';
import { surveyToken } from '@/graphql/survey-campaigns/survey-token.service';
import { prisma } from '@/server/db';
import { QUEUES } from '@/server/queue/boss';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { gqlOk } from '../helpers/graphql';
import { useMailWorkers } from '../helpers/mail-workers';
import {
  answersFor,
  createCampaign,
  createTemplate,
  launchCampaign,
  SUBMIT,
  type TemplateResult,
} from '../helpers/surveys';
import { until } from '../helpers/until';

// A pg-boss schema of this file's own: other runs on the same server database never take these jobs.
const queueSchema = `pgboss_test_m${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;
process.env.NEXTAUTH_URL = 'https://kefu.example.cn';

const DAY = 86_400_000;
let agent: Viewer;
let template: TemplateResult;

async function jobsSettled() {
  const rows = await prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "${queueSchema}".job WHERE state IN ('created', 'active', 'retry')`,
  );
  return rows[0]?.n === 0;
}

/**
 * Both instances queue a sweep (the stately queue may keep only one of the two) and the test runs two more itself, at
 * the same moment: everything still goes out once.
 */
async function sweepEverywhere(now: Date) {
  await Promise.all([
    smtp.boss.send(QUEUES.surveyReminders, { now: now.toISOString() }),
    smtp.second.send(QUEUES.surveyReminders, { now: now.toISOString() }),
    runSurveySweep(now),
    runSurveySweep(now),
  ]);
  await until(jobsSettled);
  await new Promise((r) => setTimeout(r, 1_500)); // nothing more arrives
}

// With a second app instance on the same database.
const smtp = useMailWorkers({
  workers: { schedule: false, pollingIntervalSeconds: 0.5, sweepCron: null, surveyCron: null },
  secondInstance: true,
});

beforeAll(async () => {
  agent = (await createStaff('SERVICE_AGENT')).viewer;
  template = await createTemplate(agent);
});

async function customerWithEmail(name: string, email: string) {
  const customer = await createCustomerRecord({ name, province: '山东' });
  await prisma.contact.create({ data: { customerId: customer.id, name: '联系人', email, isPrimary: true } });
  return customer.id;
}

const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email));

describe('survey mail through the queue and a real SMTP server', () => {
  let campaignId: string;
  let sentAt: Date;
  const emails = ['x@survey.cn', 'y@survey.cn', 'z@survey.cn'];

  it('invitations arrive in Chinese with the personal link', async () => {
    const ids = [
      await customerWithEmail('鲁一机械有限公司', emails[0]!),
      await customerWithEmail('鲁二电子有限公司', emails[1]!),
      await customerWithEmail('鲁三化工有限公司', emails[2]!),
    ];
    const campaign = await launchCampaign(
      agent,
      await createCampaign(agent, template.id, {
        name: '2026 年第四季度满意度调查',
        audience: { customerIds: ids },
        reminderDays: [3, 7],
        closesAt: new Date(Date.now() + 20 * DAY),
      }),
    );
    campaignId = campaign.id;
    await smtp.waitFor(3);
    const invitation = await prisma.surveyInvitation.findFirstOrThrow({ where: { campaignId, email: emails[0] } });
    sentAt = invitation.sentAt!;
    const mail = mailsTo(emails[0]!)[0]!;
    expect(mail.subject).toBe('【满意度调查】2026 年第四季度满意度调查');
    expect(mail.text).toContain('尊敬的鲁一机械有限公司：');
    expect(mail.text).toContain(`填写链接：https://kefu.example.cn/s/${surveyToken(invitation.id)}`);
    expect(smtp.messages).toHaveLength(3);
  });

  it('reminders on the schedule, once each with two workers sweeping, and none to those who responded', async () => {
    const y = await prisma.surveyInvitation.findFirstOrThrow({ where: { campaignId, email: emails[1] } });
    await gqlOk({ kind: 'anonymous' }, SUBMIT, {
      token: surveyToken(y.id),
      answers: answersFor(template, { r5a: 5, r5b: 5, r10: 9, price: 'A', nps: 9 }),
    });

    await sweepEverywhere(new Date(sentAt.getTime() + 2 * DAY)); // not yet due
    expect(smtp.messages).toHaveLength(3);

    await sweepEverywhere(new Date(sentAt.getTime() + 3 * DAY + 60_000));
    expect(smtp.messages).toHaveLength(5);
    for (const email of [emails[0]!, emails[2]!]) {
      const reminders = mailsTo(email).filter((m) => m.subject.startsWith('【提醒】'));
      expect(reminders).toHaveLength(1);
      expect(reminders[0]!.subject).toBe('【提醒】2026 年第四季度满意度调查 尚未填写');
      expect(reminders[0]!.text).toContain('我们尚未收到贵单位对「2026 年第四季度满意度调查」的反馈');
    }
    expect(mailsTo(emails[1]!)).toHaveLength(1); // the invitation only

    await sweepEverywhere(new Date(sentAt.getTime() + 3 * DAY + 120_000)); // the same step again: nothing
    expect(smtp.messages).toHaveLength(5);

    await sweepEverywhere(new Date(sentAt.getTime() + 7 * DAY + 60_000));
    expect(smtp.messages).toHaveLength(7);
    const counts = await prisma.surveyInvitation.findMany({
      where: { campaignId },
      select: { email: true, reminderCount: true },
      orderBy: { email: 'asc' },
    });
    expect(counts.map((c) => [c.email, c.reminderCount])).toEqual([
      [emails[0], 2],
      [emails[1], 0],
      [emails[2], 2],
    ]);

    await sweepEverywhere(new Date(sentAt.getTime() + 12 * DAY)); // the schedule is done
    expect(smtp.messages).toHaveLength(7);
  });

  it('after a pause, one reminder for the latest step due, not a burst', async () => {
    const id = await customerWithEmail('鲁四食品有限公司', 'w@survey.cn');
    const campaign = await launchCampaign(
      agent,
      await createCampaign(agent, template.id, {
        audience: { customerIds: [id] },
        reminderDays: [2, 4, 6],
        closesAt: new Date(Date.now() + 20 * DAY),
      }),
    );
    await until(() => mailsTo('w@survey.cn').length === 1);
    const invitation = await prisma.surveyInvitation.findFirstOrThrow({ where: { campaignId: campaign.id } });
    await sweepEverywhere(new Date(invitation.sentAt!.getTime() + 5 * DAY));
    expect(mailsTo('w@survey.cn').filter((m) => m.subject.startsWith('【提醒】'))).toHaveLength(1);
    expect((await prisma.surveyInvitation.findUniqueOrThrow({ where: { id: invitation.id } })).reminderCount).toBe(2);
  });

  it('“remind now” mails every non-respondent once; a second click within the hour sends nothing', async () => {
    await prisma.surveyInvitation.updateMany({
      where: { campaignId },
      data: { sentAt: new Date(Date.now() - 2 * DAY), lastRemindedAt: null },
    });
    const before = smtp.messages.length;
    const REMIND = `mutation($id: ID!) { sendSurveyReminders(id: $id) }`;
    expect((await gqlOk<{ sendSurveyReminders: number }>(agent, REMIND, { id: campaignId })).sendSurveyReminders).toBe(
      2,
    );
    await until(() => smtp.messages.length === before + 2);
    expect((await gqlOk<{ sendSurveyReminders: number }>(agent, REMIND, { id: campaignId })).sendSurveyReminders).toBe(
      0,
    );
    await new Promise((r) => setTimeout(r, 1_500));
    expect(
      smtp.messages
        .slice(before)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual([emails[0], emails[2]]);
  });

  it('a campaign launched before it opens is mailed once its opening time arrives', async () => {
    const id = await customerWithEmail('鲁五医疗有限公司', 'later@survey.cn');
    const opensAt = new Date(Date.now() + 2 * DAY);
    const campaign = await launchCampaign(
      agent,
      await createCampaign(agent, template.id, {
        audience: { customerIds: [id] },
        opensAt,
        closesAt: new Date(opensAt.getTime() + 10 * DAY),
      }),
    );
    await sweepEverywhere(new Date(opensAt.getTime() - 60_000));
    expect(mailsTo('later@survey.cn')).toHaveLength(0);
    await sweepEverywhere(new Date(opensAt.getTime() + 60_000));
    expect(mailsTo('later@survey.cn').map((m) => m.subject)).toEqual(['【满意度调查】2026-Q4 客户满意度调查']);
    const invitation = await prisma.surveyInvitation.findFirstOrThrow({ where: { campaignId: campaign.id } });
    expect(invitation.sentAt?.getTime()).toBe(opensAt.getTime() + 60_000);
  });

  it('closes campaigns past their closing time, once, by the system; no reminders after', async () => {
    const before = smtp.messages.length;
    const closesAt = (await prisma.surveyCampaign.findUniqueOrThrow({ where: { id: campaignId } })).closesAt;
    await sweepEverywhere(new Date(closesAt.getTime() + 60_000));
    const campaign = await prisma.surveyCampaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign.status).toBe('CLOSED');
    const closes = await prisma.historyEntry.findMany({
      where: { entityType: 'SurveyCampaign', entityId: campaignId, action: 'CLOSE' },
    });
    expect(closes.map((h) => h.actorLabel)).toEqual(['system']);
    // Every campaign of this file has closed by then: nobody is reminded any more.
    expect(await prisma.surveyCampaign.count({ where: { status: 'OPEN' } })).toBe(0);
    expect(smtp.messages).toHaveLength(before);
  });
});
