import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as summaryPdfRoute } from '@/app/api/key-accounts/summaries/[id]/summary.pdf/route';
import type { Prisma } from '@/generated/prisma/client';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import { sessionCookie } from '../helpers/session';
import { useMailWorkers } from '../helpers/mail-workers';

// A pg-boss schema of this file's own: other runs on the same server database never take these jobs.
process.env.KEFU_QUEUE_SCHEMA = `pgboss_test_kas${process.pid}`;
process.env.NEXTAUTH_URL = 'http://kefu.example.cn';

/** Shanghai wall-clock time (UTC+8): the period 2026-Q3 is 2026-07-01 00:00 to 2026-10-01 00:00 there. */
const sh = (local: string) => new Date(`${local}+08:00`);

const FIELDS = /* GraphQL */ `
  id period status version periodStart periodEnd figuresAt customerNeeds difficulties measures viewerCanEdit pdfUrl
  issuedAt issuedBy { id }
  recipientDepartments { id name }
  history { action messageKey: message { key } }
  figures {
    complaints { received open closed overdue general major crisis }
    interactions { consultation inquiry suggestion }
    callbacks { done pending overdue }
    satisfaction { responses averageIndex lowScores }
    obligations { open overdue items { kind overdue note } }
  }
`;
const GENERATE = `mutation($input: GenerateKeyAccountExchangeSummaryInput!) {
  generateKeyAccountExchangeSummary(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateKeyAccountExchangeSummaryInput!, $recount: Boolean) {
  updateKeyAccountExchangeSummary(id: $id, version: $version, input: $input, recount: $recount) { ${FIELDS} } }`;
const ISSUE = `mutation($id: ID!, $version: Int!) { issueKeyAccountExchangeSummary(id: $id, version: $version) { ${FIELDS} } }`;

type Summary = {
  id: string;
  period: string;
  status: string;
  version: number;
  periodStart: string;
  periodEnd: string;
  customerNeeds: string | null;
  viewerCanEdit: boolean;
  pdfUrl: string;
  issuedAt: string | null;
  issuedBy: { id: string } | null;
  recipientDepartments: { id: string; name: string }[];
  history: { action: string; messageKey: { key: string } | null }[];
  figures: {
    complaints: Record<string, number>;
    interactions: Record<string, number>;
    callbacks: Record<string, number>;
    satisfaction: { responses: number; averageIndex: number | null; lowScores: number };
    obligations: { open: number; overdue: number; items: { kind: string; overdue: boolean; note: string | null }[] };
  };
};

let seq = 0;
let agent: { id: string; viewer: Viewer };
let manager: { id: string; email: string };
let inDepartment: { id: string; email: string };
let elsewhere: { id: string; email: string };
let departmentId: string;
let keyAccountId: string;
let ordinaryCustomerId: string;
let campaignId: string;
let templateId: string;

async function interaction(customerId: string, data: Partial<Prisma.InteractionUncheckedCreateInput>) {
  seq += 1;
  return prisma.interaction.create({
    data: {
      number: `TS-KAS-${seq}`,
      type: 'COMPLAINT',
      channel: 'PHONE',
      subject: `事项 ${seq}`,
      description: '说明',
      customerId,
      ...data,
    },
  });
}

async function response(customerId: string, submittedAt: Date, indexScore: string | null, lowScore = false) {
  return prisma.surveyResponse.create({
    data: { campaignId, templateId, customerId, source: 'PHONE', submittedAt, indexScore, lowScore },
  });
}

const smtp = useMailWorkers({
  workers: { schedule: false, pollingIntervalSeconds: 0.5, sweepCron: null, surveyCron: null },
});

beforeAll(async () => {
  departmentId = (await prisma.department.create({ data: { code: 'KAS-QA', name: '质量部' } })).id;
  const otherDepartment = await prisma.department.create({ data: { code: 'KAS-FIN', name: '财务部' } });
  const a = await createStaff('SERVICE_AGENT');
  agent = { id: a.user.id, viewer: a.viewer };
  manager = (await createStaff('SERVICE_MANAGER')).user;
  inDepartment = (await createStaff('DEPARTMENT_HANDLER', { departmentId })).user;
  elsewhere = (await createStaff('DEPARTMENT_HANDLER', { departmentId: otherDepartment.id })).user;

  const keyAccount = await createCustomerRecord({ name: '江南精工有限公司', keyAccountStatus: 'ACTIVE' });
  keyAccountId = keyAccount.id;
  ordinaryCustomerId = (await createCustomerRecord({ name: '普通客户有限公司' })).id;

  // Complaints: three in 2026-Q3, two just outside it (Shanghai time), one of another customer.
  await interaction(keyAccountId, {
    createdAt: sh('2026-07-10T09:00:00'),
    severity: 'MAJOR',
    resolutionDueAt: sh('2026-08-01T09:00:00'), // still open, past due: overdue
  });
  await interaction(keyAccountId, {
    createdAt: sh('2026-08-01T09:00:00'),
    status: 'CLOSED',
    severity: 'GENERAL',
    resolutionDueAt: sh('2026-08-10T09:00:00'),
    resolvedAt: sh('2026-08-05T09:00:00'),
  });
  await interaction(keyAccountId, {
    createdAt: sh('2026-09-01T09:00:00'),
    status: 'RESOLVED',
    resolutionDueAt: sh('2026-09-05T09:00:00'),
    resolvedAt: sh('2026-09-10T09:00:00'), // resolved late: overdue
  });
  await interaction(keyAccountId, { createdAt: sh('2026-06-30T23:30:00') });
  await interaction(keyAccountId, { createdAt: sh('2026-10-01T00:30:00') });
  await interaction(ordinaryCustomerId, { createdAt: sh('2026-08-01T09:00:00') });
  // Other intake.
  await interaction(keyAccountId, { type: 'CONSULTATION', createdAt: sh('2026-07-02T09:00:00') });
  await interaction(keyAccountId, { type: 'CONSULTATION', createdAt: sh('2026-09-30T23:00:00') });
  await interaction(keyAccountId, { type: 'SUGGESTION', createdAt: sh('2026-08-02T09:00:00') });
  await interaction(keyAccountId, { type: 'INQUIRY', createdAt: sh('2026-10-02T09:00:00') });
  // Callbacks: one done in the period, one done before, one pending and overdue, one due after the period.
  await prisma.callback.createMany({
    data: [
      {
        customerId: keyAccountId,
        reason: 'KEY_ACCOUNT',
        status: 'DONE',
        dueAt: sh('2026-08-20T09:00:00'),
        completedAt: sh('2026-08-20T10:00:00'),
      },
      {
        customerId: keyAccountId,
        reason: 'KEY_ACCOUNT',
        status: 'DONE',
        dueAt: sh('2026-06-01T09:00:00'),
        completedAt: sh('2026-06-01T10:00:00'),
      },
      { customerId: keyAccountId, reason: 'PERIODIC', dueAt: sh('2026-09-20T09:00:00') },
      { customerId: keyAccountId, reason: 'PERIODIC', dueAt: sh('2027-01-10T09:00:00') },
    ],
  });
  // Survey responses: two submitted in the period (80 and a low 60), one before.
  templateId = (await prisma.surveyTemplate.create({ data: { key: 'kas', version: 1, name: '满意度调查表' } })).id;
  campaignId = (
    await prisma.surveyCampaign.create({
      data: {
        templateId,
        name: '2026 年第三季度满意度调查',
        periodLabel: '2026-Q3',
        audience: {},
        opensAt: sh('2026-07-01T00:00:00'),
        closesAt: sh('2026-12-31T00:00:00'),
        status: 'OPEN',
      },
    })
  ).id;
  await response(keyAccountId, sh('2026-08-15T09:00:00'), '80.00');
  await response(keyAccountId, sh('2026-09-15T09:00:00'), '60.00', true);
  await response(keyAccountId, sh('2026-05-15T09:00:00'), '10.00', true);
  // Obligations: two open (one overdue), one done.
  await prisma.keyAccountObligation.createMany({
    data: [
      { customerId: keyAccountId, kind: 'CALLBACK', dueAt: sh('2026-08-30T09:00:00'), note: '季度回访' },
      { customerId: keyAccountId, kind: 'TRAINING', dueAt: sh('2030-02-01T09:00:00') },
      { customerId: keyAccountId, kind: 'QUALITY_REPORT', status: 'DONE', dueAt: sh('2026-07-30T09:00:00') },
    ],
  });
});

let summary: Summary;

describe('generating a key account’s exchange summary', () => {
  it('counts the period’s records: complaints by state, other intake, callbacks, satisfaction, open obligations', async () => {
    summary = (
      await gqlOk<{ generateKeyAccountExchangeSummary: Summary }>(agent.viewer, GENERATE, {
        input: { customerId: keyAccountId, period: '2026-q3' },
      })
    ).generateKeyAccountExchangeSummary;
    expect(summary).toMatchObject({ period: '2026-Q3', status: 'DRAFT', version: 1, viewerCanEdit: true });
    expect(new Date(summary.periodStart)).toEqual(sh('2026-07-01T00:00:00'));
    expect(new Date(summary.periodEnd)).toEqual(sh('2026-10-01T00:00:00'));
    expect(summary.figures).toEqual({
      complaints: { received: 3, open: 1, closed: 2, overdue: 2, general: 1, major: 1, crisis: 0 },
      interactions: { consultation: 2, inquiry: 0, suggestion: 1 },
      callbacks: { done: 1, pending: 1, overdue: 1 },
      satisfaction: { responses: 2, averageIndex: 70, lowScores: 1 },
      obligations: {
        open: 2,
        overdue: 1,
        items: [
          { kind: 'CALLBACK', overdue: true, note: '季度回访' },
          { kind: 'TRAINING', overdue: false, note: null },
        ],
      },
    });
    expect(summary.history.map((h) => h.messageKey?.key)).toEqual(['keyAccountSummary.generated']);
  });

  it('one per customer and period: a second answers CONFLICT; another period is a summary of its own', async () => {
    const again = await gqlAs(agent.viewer, GENERATE, { input: { customerId: keyAccountId, period: '2026-Q3' } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    const month = await gqlOk<{ generateKeyAccountExchangeSummary: Summary }>(agent.viewer, GENERATE, {
      input: { customerId: keyAccountId, period: '2026-08' },
    });
    expect(month.generateKeyAccountExchangeSummary.figures.complaints.received).toBe(1);
  });

  it('refuses a customer that is not an active key account, and a period that names no span', async () => {
    const ordinary = await gqlAs(agent.viewer, GENERATE, {
      input: { customerId: ordinaryCustomerId, period: '2026-Q3' },
    });
    expect(errorCodes(ordinary)).toEqual(['BAD_USER_INPUT']);
    expect(ordinary.errors?.[0]?.extensions?.fields).toMatchObject({
      customerId: { key: 'keyAccountSummary.notKeyAccount' },
    });
    const period = await gqlAs(agent.viewer, GENERATE, { input: { customerId: keyAccountId, period: '2026-Q5' } });
    expect(period.errors?.[0]?.extensions?.fields).toMatchObject({ period: { key: 'keyAccountSummary.periodFormat' } });
  });

  it('lists newest first, filtered by customer and status', async () => {
    const list = await gqlOk<{
      keyAccountExchangeSummaries: {
        nodes: { period: string }[];
        totalCount: number;
        pageInfo: { hasNextPage: boolean };
      };
    }>(
      agent.viewer,
      `query($c: ID) { keyAccountExchangeSummaries(customerId: $c, status: DRAFT, first: 1) { nodes { period } totalCount pageInfo { hasNextPage } } }`,
      { c: keyAccountId },
    );
    expect(list.keyAccountExchangeSummaries).toEqual({
      nodes: [{ period: '2026-08' }],
      totalCount: 2,
      pageInfo: { hasNextPage: true },
    });
    const none = await gqlOk<{ keyAccountExchangeSummaries: { totalCount: number } }>(
      agent.viewer,
      `query($c: ID) { keyAccountExchangeSummaries(customerId: $c) { totalCount } }`,
      { c: ordinaryCustomerId },
    );
    expect(none.keyAccountExchangeSummaries.totalCount).toBe(0);
  });
});

describe('editing a draft', () => {
  it('a stale version answers CONFLICT and changes nothing', async () => {
    const stale = await gqlAs(agent.viewer, UPDATE, { id: summary.id, version: 0, input: { customerNeeds: '旧' } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(1);
  });

  it('saves the texts and recipients; a recount takes in a record added since', async () => {
    const edited = (
      await gqlOk<{ updateKeyAccountExchangeSummary: Summary }>(agent.viewer, UPDATE, {
        id: summary.id,
        version: 1,
        input: {
          customerNeeds: '希望缩短检测周期',
          difficulties: '批次追溯困难',
          measures: '安排专人对接',
          recipientDepartmentIds: [departmentId],
        },
      })
    ).updateKeyAccountExchangeSummary;
    expect(edited).toMatchObject({ version: 2, customerNeeds: '希望缩短检测周期' });
    expect(edited.recipientDepartments).toEqual([{ id: departmentId, name: '质量部' }]);
    expect(edited.figures.complaints.received).toBe(3);

    await interaction(keyAccountId, { createdAt: sh('2026-09-20T09:00:00'), severity: 'CRISIS' });
    const recounted = (
      await gqlOk<{ updateKeyAccountExchangeSummary: Summary }>(agent.viewer, UPDATE, {
        id: summary.id,
        version: 2,
        input: { measures: '安排专人对接，每周通报' },
        recount: true,
      })
    ).updateKeyAccountExchangeSummary;
    expect(recounted.figures.complaints).toMatchObject({ received: 4, open: 2, crisis: 1 });
    // Left out: kept.
    expect(recounted).toMatchObject({ customerNeeds: '希望缩短检测周期', measures: '安排专人对接，每周通报' });
    expect(recounted.recipientDepartments.map((d) => d.id)).toEqual([departmentId]);
    expect(recounted.history.map((h) => h.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'RECOUNT']);
    summary = recounted;
  });

  it('refuses an unknown recipient department', async () => {
    const result = await gqlAs(agent.viewer, UPDATE, {
      id: summary.id,
      version: summary.version,
      input: { recipientDepartmentIds: ['6f1c2b9e-1111-4222-8333-944455556666'] },
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('issuing', () => {
  it('notifies and mails the service managers and the recipient departments’ staff, then is read-only', async () => {
    const issued = (
      await gqlOk<{ issueKeyAccountExchangeSummary: Summary }>(agent.viewer, ISSUE, {
        id: summary.id,
        version: summary.version,
      })
    ).issueKeyAccountExchangeSummary;
    expect(issued).toMatchObject({ status: 'ISSUED', viewerCanEdit: false, issuedBy: { id: agent.id } });
    expect(issued.issuedAt).not.toBeNull();
    expect(issued.history.at(-1)?.action).toBe('ISSUE');

    const notices = await prisma.notification.findMany({
      where: { entityType: 'KeyAccountExchangeSummary', entityId: summary.id },
      select: { userId: true, messageKey: true, messageParams: true },
    });
    expect(notices.map((n) => n.userId).sort()).toEqual([manager.id, inDepartment.id].sort());
    expect(notices[0]).toMatchObject({
      messageKey: 'notice.KEY_ACCOUNT_SUMMARY_ISSUED',
      messageParams: { customer: '江南精工有限公司', period: '2026-Q3' },
    });

    const mails = await smtp.waitFor(2);
    expect(mails.flatMap((m) => m.to).sort()).toEqual([manager.email, inDepartment.email].sort());
    for (const mail of mails) {
      expect(mail.subject).toBe('【客户服务交流信息】江南精工有限公司 2026-Q3');
      expect(mail.text).toContain('希望缩短检测周期');
      expect(mail.text).toContain(`http://kefu.example.cn/console/key-accounts/summaries/${summary.id}`);
    }
    expect(mails.flatMap((m) => m.to)).not.toContain(elsewhere.email);

    // The bell links the notice to the summary.
    const managerViewer: Viewer = { kind: 'staff', userId: manager.id, role: 'SERVICE_MANAGER', departmentId: null };
    const bell = await gqlOk<{ myNotifications: { nodes: { href: string | null }[] } }>(
      managerViewer,
      `{ myNotifications(first: 5) { nodes { href } } }`,
    );
    expect(bell.myNotifications.nodes.map((n) => n.href)).toContain(`/console/key-accounts/summaries/${summary.id}`);
    summary = issued;
  });

  it('an issued summary can be neither edited, recounted nor issued again', async () => {
    for (const [op, vars] of [
      [UPDATE, { id: summary.id, version: summary.version, input: { customerNeeds: '改' } }],
      [UPDATE, { id: summary.id, version: summary.version, input: {}, recount: true }],
      [ISSUE, { id: summary.id, version: summary.version }],
    ] as const) {
      const result = await gqlAs(agent.viewer, op, vars);
      expect(errorCodes(result)).toEqual(['CONFLICT']);
      expect(result.errors?.[0]?.extensions?.status).toBe('ISSUED');
    }
    const row = await prisma.keyAccountExchangeSummary.findUniqueOrThrow({ where: { id: summary.id } });
    expect(row.customerNeeds).toBe('希望缩短检测周期');
  });
});

describe('the PDF', () => {
  const get = async (id: string, userId?: string) =>
    summaryPdfRoute(
      new NextRequest(`http://localhost/api/key-accounts/summaries/${id}/summary.pdf`, {
        headers: userId ? { cookie: await sessionCookie(userId) } : {},
      }),
      { params: Promise.resolve({ id }) },
    );

  it('is served inline to staff who read key accounts', async () => {
    const response = await get(summary.id, agent.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(response.headers.get('content-disposition') ?? '')).toMatch(/客户服务交流信息-2026-Q3/);
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('is refused to a department handler and to nobody; an unknown id is NOT_FOUND', async () => {
    expect((await get(summary.id, inDepartment.id)).status).toBe(403);
    expect((await get(summary.id)).status).toBe(401);
    expect((await get('6f1c2b9e-1111-4222-8333-944455556666', agent.id)).status).toBe(404);
  });
});
