import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '@/graphql/complaints/complaint.service';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { gqlOk } from '../helpers/graphql';
import {
  anonymousInput,
  RECORD,
  SUBMIT,
  submitInput,
  useTempStorage,
  type SubmittedInteraction,
} from '../helpers/interactions';
import { useMailWorkers } from '../helpers/mail-workers';

// SPEC §3/§4: customers hear about their records by e-mail — queued in the same transaction as the step, sent by the
// send-mail worker over SMTP (a local server captures them here).
let customer: Viewer;
let portalEmail = '';
let agent: Viewer;
let customerId = '';

const submit = async (viewer: Viewer, input: Record<string, unknown>) =>
  (await gqlOk<{ submitInteraction: SubmittedInteraction }>(viewer, SUBMIT, { input })).submitInteraction;

async function mailJobs(number: string) {
  const schema = process.env.KEFU_QUEUE_SCHEMA!;
  return prisma.$queryRawUnsafe<{ data: { to: string; subject: string; text: string } }[]>(
    `SELECT data FROM "${schema}".job WHERE name = 'send-mail-customer' AND data->>'ref' LIKE $1 ORDER BY created_on`,
    `customer:%:${number}`,
  );
}

beforeAll(() => {
  useTempStorage();
  process.env.NEXTAUTH_URL = 'http://kefu.test';
});
const smtp = useMailWorkers({ workers: { schedule: false, sweepCron: null, pollingIntervalSeconds: 0.5 } });

beforeAll(async () => {
  customerId = (await createCustomerRecord({ name: '邮件测试精密' })).id;
  const account = await createCustomerUser(customerId);
  customer = account.viewer;
  portalEmail = account.user.email;
  agent = (await createStaff('SERVICE_AGENT')).viewer;
});

afterAll(() => {
  delete process.env.NEXTAUTH_URL;
});

describe('customer notification mails', () => {
  it('a portal submission with an e-mail: the acknowledgement with the number reaches the SMTP server, in Chinese', async () => {
    const created = await submit(customer, submitInput({ subject: '来料尺寸超差', contactEmail: 'buyer@customer.cn' }));
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual(['buyer@customer.cn']);
    expect(mail?.subject).toBe(`【已受理】您的投诉编号 ${created.number}`);
    expect(mail?.text).toContain(`您的投诉 ${created.number}「来料尺寸超差」`);
    expect(mail?.text).toContain(`查看处理进度：http://kefu.test/portal/interactions/${created.id}`);
  });

  it('without an e-mail on the record, the customer’s portal accounts are written to', async () => {
    const created = await submit(customer, submitInput({ type: 'INQUIRY', subject: '报告进度' }));
    const jobs = await mailJobs(created.number);
    expect(jobs.map((j) => j.data.to)).toEqual([portalEmail]);
    expect(jobs[0]?.data.subject).toBe(`【已受理】您的查询编号 ${created.number}`);
  });

  it('a visitor with an e-mail is pointed to /track with number and phone; one without gets none', async () => {
    const withMail = await submit({ kind: 'anonymous' }, anonymousInput({ contactEmail: 'visitor@mail.cn' }));
    const jobs = await mailJobs(withMail.number);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.data.text).toContain(
      '查看处理进度：http://kefu.test/track（请输入受理编号和提交时留下的联系电话）',
    );
    const without = await submit({ kind: 'anonymous' }, anonymousInput());
    expect(await mailJobs(without.number)).toEqual([]);
  });

  it('staff intake (来电记录) acknowledges to the e-mail given on the call', async () => {
    const result = await gqlOk<{ recordInteraction: { number: string } }>(agent, RECORD, {
      input: {
        channel: 'PHONE',
        type: 'COMPLAINT',
        customerId,
        subject: '电话投诉：包装破损',
        description: '外箱破损 3 箱',
        contactEmail: 'qc@customer.cn',
      },
    });
    const jobs = await mailJobs(result.recordInteraction.number);
    expect(jobs.map((j) => j.data.to)).toEqual(['qc@customer.cn']);
  });

  it('workflow steps tell the customer: a declined requirement with its reason, an answer', async () => {
    const complaint = await submit(
      customer,
      submitInput({ subject: '要求全额赔偿', contactEmail: 'boss@customer.cn' }),
    );
    await runCommand(agent, complaint.id, complaint.version, { type: 'DECLINE', reason: '超出合同约定的赔偿范围' });
    const declined = (await mailJobs(complaint.number)).map((j) => j.data);
    expect(declined.map((m) => m.subject)).toEqual([
      `【已受理】您的投诉编号 ${complaint.number}`,
      `【处理结果】${complaint.number} 不予受理`,
    ]);
    expect(declined[1]?.text).toContain('理由：超出合同约定的赔偿范围');

    const question = await submit(
      customer,
      submitInput({ type: 'CONSULTATION', subject: '复评流程', contactEmail: 'boss@customer.cn' }),
    );
    await runCommand(agent, question.id, question.version, {
      type: 'ANSWER',
      answer: '复评须在证书到期前 3 个月申请。',
    });
    const answered = (await mailJobs(question.number)).at(-1)?.data;
    expect(answered?.subject).toBe(`【答复】${question.number}`);
    expect(answered?.text).toContain('复评须在证书到期前 3 个月申请。');
  });

  it('a resend of the same submission queues no second mail', async () => {
    const input = submitInput({ subject: '重复提交', contactEmail: 'once@customer.cn' });
    const first = await submit(customer, input);
    await submit(customer, input);
    expect(await mailJobs(first.number)).toHaveLength(1);
  });
});
