import ExcelJS from 'exceljs';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as periodicRoute } from '@/app/api/reports/periodic/route';
import type { Prisma } from '@/generated/prisma/client';
import { runReportDeliveries } from '@/graphql/reports/report-delivery.service';
import { prisma } from '@/server/db';
import { QUEUES } from '@/server/queue/boss';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import { sessionCookie } from '../helpers/session';
import { useMailWorkers } from '../helpers/mail-workers';

process.env.KEFU_QUEUE_SCHEMA = `pgboss_test_reports${process.pid}`;

/** Shanghai wall-clock time (UTC+8). 2025-Q4 there is [2025-10-01 00:00, 2026-01-01 00:00). */
const sh = (local: string) => new Date(`${local}+08:00`);

const REPORT = /* GraphQL */ `
  query ($kind: ReportPeriodKind!, $period: String!) {
    complaintPeriodReport(kind: $kind, period: $period) {
      kind
      period
      previousPeriod
      summary {
        total
        from
        to
        previous {
          month
          total
        }
        bySeverity {
          severity
          count
          previousCount
        }
      }
      pareto {
        causeClass
        departmentName
        count
        share
        cumulativeShare
        vital
      }
      topCauses {
        causeClass
        departmentName
        count
        actions
        open
        done
        verified
        overdue
      }
      satisfaction {
        responses
        averageIndex
        lowScores
        nps
        callbacksScored
        averageCallbackScore
      }
    }
  }
`;
const SUBSCRIBE = /* GraphQL */ `
  mutation ($input: CreateReportSubscriptionInput!) {
    createReportSubscription(input: $input) {
      id
      periodKind
      role
      deliveryDay
      user {
        id
      }
    }
  }
`;
const DELIVERIES = /* GraphQL */ `
  query {
    reportDeliveries {
      period
      periodKind
      status
      attempts
      lastError
      email
      recipient {
        id
      }
    }
  }
`;

type Report = {
  kind: string;
  period: string;
  previousPeriod: string;
  summary: { total: number; from: string; to: string; previous: { month: string; total: number } };
  pareto: {
    causeClass: string | null;
    departmentName: string | null;
    count: number;
    share: number;
    cumulativeShare: number;
    vital: boolean;
  }[];
  topCauses: {
    departmentName: string | null;
    count: number;
    actions: number;
    open: number;
    done: number;
    verified: number;
    overdue: number;
  }[];
  satisfaction: {
    responses: number;
    averageIndex: number | null;
    lowScores: number;
    nps: number | null;
    callbacksScored: number;
    averageCallbackScore: number | null;
  };
};

let manager: { id: string; viewer: Viewer };
let quality: { id: string; email: string; viewer: Viewer };
let quality2: { id: string; email: string };
let executive: { id: string; email: string; viewer: Viewer };
let dispatcher: { id: string; viewer: Viewer };
let customer: Viewer;
let seq = 0;

async function complaint(data: Partial<Prisma.InteractionUncheckedCreateInput> & { createdAt: Date }) {
  seq += 1;
  return prisma.interaction.create({
    data: {
      number: `TS-2025-${String(900 + seq).padStart(6, '0')}`,
      type: 'COMPLAINT',
      channel: 'PHONE',
      subject: `投诉 ${seq}`,
      description: '说明',
      ...data,
    },
  });
}

/** Sends a delivery job "at" `now` and waits until a worker has finished it. */
async function runJob(now: Date) {
  const id = await smtp.boss.send(QUEUES.reportDelivery, { now: now.toISOString() });
  for (let i = 0; i < 200; i++) {
    const job = await smtp.boss.getJobById(QUEUES.reportDelivery, id!);
    if (job && ['completed', 'failed', 'retry'].includes(job.state)) return job.state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the delivery job did not finish');
}

const smtp = useMailWorkers({
  workers: {
    schedule: false,
    pollingIntervalSeconds: 0.5,
    sweepCron: null,
    surveyCron: null,
    housekeepingCron: null,
    keyAccountCron: null,
    reportDeliveryCron: null,
  },
});

beforeAll(async () => {
  const production = await prisma.department.create({ data: { code: 'RPROD', name: '生产部' } });
  const sales = await prisma.department.create({ data: { code: 'RSALES', name: '市场销售部' } });
  const m = await createStaff('SERVICE_MANAGER');
  manager = { id: m.user.id, viewer: m.viewer };
  const q = await createStaff('QUALITY_MANAGER');
  quality = { id: q.user.id, email: q.user.email, viewer: q.viewer };
  const q2 = await createStaff('QUALITY_MANAGER');
  quality2 = { id: q2.user.id, email: q2.user.email };
  await createStaff('QUALITY_MANAGER', { active: false });
  const e = await createStaff('EXECUTIVE');
  executive = { id: e.user.id, email: e.user.email, viewer: e.viewer };
  const d = await createStaff('DISPATCHER');
  dispatcher = { id: d.user.id, viewer: d.viewer };
  const x = await createCustomerRecord({ name: '甲精密' });
  customer = (await createCustomerUser(x.id)).viewer;

  // 2025-Q4: 5 complaints — 3 quality·生产部, 1 non-quality·市场销售部, 1 untriaged. Q3: 1 complaint.
  const a = await complaint({
    customerId: x.id,
    causeClass: 'QUALITY',
    severity: 'MAJOR',
    responsibleDepartmentId: production.id,
    createdAt: sh('2025-10-01T00:00:00'),
  });
  await complaint({
    customerId: x.id,
    causeClass: 'QUALITY',
    severity: 'GENERAL',
    responsibleDepartmentId: production.id,
    createdAt: sh('2025-11-15T10:00:00'),
  });
  await complaint({
    causeClass: 'QUALITY',
    severity: 'GENERAL',
    responsibleDepartmentId: production.id,
    createdAt: sh('2025-12-31T23:59:59'),
  });
  await complaint({
    causeClass: 'NON_QUALITY',
    severity: 'GENERAL',
    responsibleDepartmentId: sales.id,
    createdAt: sh('2025-11-20T10:00:00'),
  });
  await complaint({ createdAt: sh('2025-12-01T09:00:00') });
  await complaint({
    causeClass: 'QUALITY',
    severity: 'GENERAL',
    responsibleDepartmentId: production.id,
    createdAt: sh('2025-09-30T23:59:59'),
  });
  await complaint({
    causeClass: 'QUALITY',
    responsibleDepartmentId: production.id,
    createdAt: sh('2026-01-01T00:00:00'),
  });
  // Actions of the first complaint: one overdue at the quarter's end, one done, one verified, one cancelled.
  const action = (status: 'OPEN' | 'DONE' | 'VERIFIED' | 'CANCELLED', dueAt: Date | null) =>
    prisma.complaintAction.create({
      data: { interactionId: a.id, kind: 'CORRECTIVE', description: '措施', status, dueAt },
    });
  await action('OPEN', sh('2025-12-20T00:00:00'));
  await action('DONE', sh('2025-12-20T00:00:00'));
  await action('VERIFIED', null);
  await action('CANCELLED', sh('2025-12-20T00:00:00'));
  // Callbacks completed in the quarter: scores 5/4/3 (mean 4) and 5 (mean 5).
  await prisma.callback.create({
    data: {
      reason: 'POST_RESOLUTION',
      dueAt: sh('2025-11-01T00:00:00'),
      status: 'DONE',
      completedAt: sh('2025-11-01T00:00:00'),
      accuracyScore: 5,
      timelinessScore: 4,
      attitudeScore: 3,
    },
  });
  await prisma.callback.create({
    data: {
      reason: 'POST_RESOLUTION',
      dueAt: sh('2025-11-02T00:00:00'),
      status: 'DONE',
      completedAt: sh('2025-11-02T00:00:00'),
      accuracyScore: 5,
    },
  });
});

describe('complaintPeriodReport', () => {
  it('counts the quarter from Shanghai midnight to midnight, with the Pareto and the top causes’ actions', async () => {
    const { complaintPeriodReport: r } = await gqlOk<{ complaintPeriodReport: Report }>(quality.viewer, REPORT, {
      kind: 'QUARTER',
      period: '2025-Q4',
    });
    expect(r.period).toBe('2025-Q4');
    expect(r.previousPeriod).toBe('2025-Q3');
    expect(r.summary.total).toBe(5);
    expect(r.summary.previous).toEqual({ month: '2025-Q3', total: 1 });
    expect(r.summary.from).toBe('2025-09-30T16:00:00.000Z');
    expect(r.summary.to).toBe('2025-12-31T16:00:00.000Z');
    // 3 of 5 = 60 %, then 1 of 5: 80 % cumulative; the untriaged complaint is no cause.
    expect(r.pareto).toEqual([
      { causeClass: 'QUALITY', departmentName: '生产部', count: 3, share: 0.6, cumulativeShare: 0.6, vital: true },
      {
        causeClass: 'NON_QUALITY',
        departmentName: '市场销售部',
        count: 1,
        share: 0.2,
        cumulativeShare: 0.8,
        vital: true,
      },
    ]);
    expect(r.topCauses[0]).toMatchObject({
      departmentName: '生产部',
      count: 3,
      actions: 3,
      open: 1,
      done: 2,
      verified: 1,
      overdue: 1,
    });
    expect(r.topCauses[1]).toMatchObject({ departmentName: '市场销售部', actions: 0 });
    expect(r.satisfaction).toEqual({
      responses: 0,
      averageIndex: null,
      lowScores: 0,
      nps: null,
      callbacksScored: 2,
      averageCallbackScore: 4.5,
    });
  });

  it('a year and a month are periods too; a malformed period is BAD_USER_INPUT on period', async () => {
    const year = await gqlOk<{ complaintPeriodReport: Report }>(quality.viewer, REPORT, {
      kind: 'YEAR',
      period: '2025',
    });
    expect(year.complaintPeriodReport.summary.total).toBe(6);
    const month = await gqlOk<{ complaintPeriodReport: Report }>(quality.viewer, REPORT, {
      kind: 'MONTH',
      period: '2025-11',
    });
    expect(month.complaintPeriodReport.summary.total).toBe(2);
    const bad = await gqlAs(quality.viewer, REPORT, { kind: 'QUARTER', period: '2025-11' });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0]?.extensions?.fields).toEqual({ period: { key: 'report.periodInvalid' } });
  });

  it('a customer, a dispatcher and an API key without reports:read get FORBIDDEN', async () => {
    const vars = { kind: 'QUARTER', period: '2025-Q4' };
    expect(errorCodes(await gqlAs(customer, REPORT, vars))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(dispatcher.viewer, REPORT, vars))).toEqual(['FORBIDDEN']);
    const noReports: Viewer = {
      kind: 'apiClient',
      apiKeyId: 'k',
      name: 'BI',
      scopes: ['interactions:read', 'customers:read'],
    };
    expect(errorCodes(await gqlAs(noReports, REPORT, vars))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(noReports, DELIVERIES, {}))).toEqual(['FORBIDDEN']);
    const reader: Viewer = { kind: 'apiClient', apiKeyId: 'k', name: 'BI', scopes: ['reports:read'] };
    expect(
      (await gqlOk<{ complaintPeriodReport: Report }>(reader, REPORT, vars)).complaintPeriodReport.summary.total,
    ).toBe(5);
  });

  it('downloads the PDF and the workbook; a customer’s download is refused', async () => {
    const get = async (query: string, userId: string) =>
      periodicRoute(
        new NextRequest(`http://localhost/api/reports/periodic?${query}`, {
          headers: { cookie: await sessionCookie(userId) },
        }),
      );
    const pdf = await get('kind=QUARTER&period=2025-Q4&format=pdf', quality.id);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const xlsx = await get('kind=QUARTER&period=2025-Q4&format=xlsx', quality.id);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['概览', '原因帕累托', '主要原因与纠正措施', '满意度与回访']),
    );
    expect(workbook.getWorksheet('原因帕累托')!.getRow(2).values).toEqual([
      undefined,
      1,
      '质量问题 · 生产部',
      3,
      '60.0%',
      '60.0%',
    ]);
    const refused = await get('kind=QUARTER&period=2025-Q4&format=pdf', dispatcher.id);
    expect(refused.status).toBe(403);
  });
});

describe('subscriptions and scheduled delivery', () => {
  it('subscribing yourself needs reports:read; a role or another user needs settings:manage', async () => {
    const own = await gqlOk<{ createReportSubscription: { user: { id: string } } }>(executive.viewer, SUBSCRIBE, {
      input: { periodKind: 'MONTH', userId: executive.id },
    });
    expect(own.createReportSubscription.user.id).toBe(executive.id);
    expect(
      errorCodes(await gqlAs(quality.viewer, SUBSCRIBE, { input: { periodKind: 'MONTH', role: 'QUALITY_MANAGER' } })),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await gqlAs(dispatcher.viewer, SUBSCRIBE, { input: { periodKind: 'MONTH', userId: dispatcher.id } })),
    ).toEqual(['FORBIDDEN']);
    const role = await gqlOk<{ createReportSubscription: { role: string; deliveryDay: number } }>(
      manager.viewer,
      SUBSCRIBE,
      {
        input: { periodKind: 'MONTH', role: 'QUALITY_MANAGER' },
      },
    );
    expect(role.createReportSubscription).toMatchObject({ role: 'QUALITY_MANAGER', deliveryDay: 2 });
    expect(
      errorCodes(await gqlAs(manager.viewer, SUBSCRIBE, { input: { periodKind: 'MONTH', role: 'QUALITY_MANAGER' } })),
    ).toEqual(['CONFLICT']);
    expect(
      errorCodes(await gqlAs(manager.viewer, SUBSCRIBE, { input: { periodKind: 'MONTH', role: 'DISPATCHER' } })),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(
        await gqlAs(manager.viewer, SUBSCRIBE, { input: { periodKind: 'YEAR', role: 'EXECUTIVE', deliveryDay: 29 } }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gqlAs(customer, SUBSCRIBE, { input: { periodKind: 'MONTH', role: 'EXECUTIVE' } }))).toEqual(
      ['FORBIDDEN'],
    );
  });

  it('the scheduled monthly job mails each subscriber once with the PDF; a second run sends nothing new', async () => {
    // The subscriptions existed before November's report was due (2 December 00:00 Shanghai).
    await prisma.reportSubscription.updateMany({ data: { createdAt: sh('2025-11-01T00:00:00') } });
    // 1 December, 09:00: November's report is not due yet.
    expect(await runJob(sh('2025-12-01T09:00:00'))).toBe('completed');
    expect(smtp.messages).toHaveLength(0);
    // 2 December, 08:00: one mail to each active quality manager and to the executive.
    expect(await runJob(sh('2025-12-02T08:00:00'))).toBe('completed');
    const mails = await smtp.waitFor(3);
    expect(mails.map((m) => m.to[0]).toSorted()).toEqual([quality.email, quality2.email, executive.email].toSorted());
    for (const mail of mails) {
      expect(mail.subject).toBe('【客服通】2025 年 11 月投诉与服务报告');
      expect(mail.raw).toContain('Content-Type: application/pdf');
      expect(mail.raw).toMatch(/Content-Disposition: attachment/);
      expect(mail.raw).toContain('JVBERi0'); // %PDF- in base64
    }
    const rows = await prisma.reportDelivery.findMany({ where: { period: '2025-11' } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['SENT', 1],
      ['SENT', 1],
      ['SENT', 1],
    ]);
    // The job again (and the next morning): nothing new.
    expect(await runJob(sh('2025-12-02T08:05:00'))).toBe('completed');
    expect(await runJob(sh('2025-12-03T08:00:00'))).toBe('completed');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages).toHaveLength(3);
    expect(await prisma.reportDelivery.count()).toBe(3);
  }, 90_000); // a PDF rendered per mail

  it('a failed send is FAILED with its error on the list, and the next run sends it', async () => {
    await prisma.reportSubscription.create({
      data: { periodKind: 'QUARTER', userId: executive.id, deliveryDay: 2, createdAt: sh('2025-12-01T00:00:00') },
    });
    process.env.SMTP_URL = 'smtp://127.0.0.1:9'; // nothing listens there
    // 2 January: December's report to the three monthly subscribers and Q4's to the executive — all fail.
    expect(await runReportDeliveries(sh('2026-01-02T08:00:00'))).toEqual({ created: 4, sent: 0, failed: 4 });
    const listed = await gqlOk<{
      reportDeliveries: {
        period: string;
        status: string;
        attempts: number;
        lastError: string | null;
        recipient: { id: string };
      }[];
    }>(manager.viewer, DELIVERIES, {});
    const failedRows = listed.reportDeliveries.filter((d) => d.status === 'FAILED');
    expect(failedRows.map((d) => d.period).toSorted()).toEqual(['2025-12', '2025-12', '2025-12', '2025-Q4']);
    for (const d of failedRows) expect(d.lastError).toBeTruthy();
    // Someone without settings:manage sees only their own deliveries.
    const own = await gqlOk<{ reportDeliveries: { recipient: { id: string } }[] }>(executive.viewer, DELIVERIES, {});
    expect(new Set(own.reportDeliveries.map((d) => d.recipient.id))).toEqual(new Set([executive.id]));
    // The SMTP server is back: the next run sends the four, once.
    process.env.SMTP_URL = smtp.url;
    expect(await runReportDeliveries(sh('2026-01-02T08:30:00'))).toEqual({ created: 0, sent: 4, failed: 0 });
    await smtp.waitFor(7);
    expect(smtp.messages).toHaveLength(7);
    expect(smtp.messages.filter((m) => m.subject.includes('2025 年第 4 季度')).map((m) => m.to[0])).toEqual([
      executive.email,
    ]);
    const retried = await prisma.reportDelivery.findMany({ where: { period: { in: ['2025-12', '2025-Q4'] } } });
    expect(retried.map((r) => [r.status, r.attempts, r.lastError])).toEqual(Array(4).fill(['SENT', 2, null]));
    expect(await runReportDeliveries(sh('2026-01-03T08:00:00'))).toEqual({ created: 0, sent: 0, failed: 0 });
  }, 90_000); // eight PDFs rendered
});
