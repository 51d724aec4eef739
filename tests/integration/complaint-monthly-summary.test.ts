import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as exportRoute } from '@/app/api/reports/complaints/route';
import type { Prisma } from '@/generated/prisma/client';
import { complaintMonthlySummary } from '@/graphql/reports/report.service';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createApiKeyRow, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import { sessionCookie } from '../helpers/session';

// A month long past (asOf = its end whatever day the tests run): November 2025 in Shanghai is
// [2025-10-31T16:00Z, 2025-11-30T16:00Z).
const SUMMARY = /* GraphQL */ `
  query ($month: String!) {
    complaintMonthlySummary(month: $month) {
      month
      from
      to
      asOf
      timeZone
      total
      intakeTotal
      complaintRate
      totalChange
      intake {
        type
        count
        previousCount
      }
      bySeverity {
        severity
        count
        previousCount
      }
      byCauseClass {
        causeClass
        count
        previousCount
      }
      byDepartment {
        departmentName
        count
        previousCount
        open
        overdue
      }
      previous {
        month
        total
        intakeTotal
      }
      statusGroups {
        open
        resolved
        closed
        rejected
      }
      overdue
      resolvedOnTime
      resolvedLate
      onTimeResolutionRate
      averageBusinessHours {
        toTriage
        triaged
        toResolve
        resolved
      }
      repeatComplaints
      repeatCustomers {
        customerName
        complaints
        repeats
      }
      callbacks {
        due
        done
        doneOnTime
        overdue
        completionRate
      }
      topProducts {
        productRef
        count
      }
      topCauses {
        causeClass
        departmentName
        count
      }
      rootCauses {
        number
        occurrence
        outflow
      }
      improvementFocus {
        kind
        count
        productRef
        departmentName
      }
    }
  }
`;
type Summary = {
  month: string;
  from: string;
  to: string;
  asOf: string;
  timeZone: string;
  total: number;
  intakeTotal: number;
  complaintRate: number | null;
  totalChange: number;
  intake: { type: string; count: number; previousCount: number }[];
  bySeverity: { severity: string | null; count: number; previousCount: number }[];
  byCauseClass: { causeClass: string | null; count: number; previousCount: number }[];
  byDepartment: {
    departmentName: string | null;
    count: number;
    previousCount: number;
    open: number;
    overdue: number;
  }[];
  previous: { month: string; total: number; intakeTotal: number };
  statusGroups: Record<string, number>;
  overdue: number;
  resolvedOnTime: number;
  resolvedLate: number;
  onTimeResolutionRate: number | null;
  averageBusinessHours: { toTriage: number | null; triaged: number; toResolve: number | null; resolved: number };
  repeatComplaints: number;
  repeatCustomers: { customerName: string | null; complaints: number; repeats: number }[];
  callbacks: { due: number; done: number; doneOnTime: number; overdue: number; completionRate: number | null };
  topProducts: { productRef: string; count: number }[];
  topCauses: { causeClass: string | null; departmentName: string | null; count: number }[];
  rootCauses: { number: string; occurrence: string | null; outflow: string | null }[];
  improvementFocus: { kind: string; count: number; productRef: string | null; departmentName: string | null }[];
};

let quality: { userId: string; viewer: Viewer };
let salesHandler: { userId: string; viewer: Viewer };
let customer: { userId: string; viewer: Viewer };
let seq = 0;

async function interaction(data: Partial<Prisma.InteractionUncheckedCreateInput> & { createdAt: Date }) {
  seq += 1;
  const prefix = { COMPLAINT: 'TS', CONSULTATION: 'ZX', INQUIRY: 'CX', SUGGESTION: 'JY' }[data.type ?? 'COMPLAINT'];
  return prisma.interaction.create({
    data: {
      number: `${prefix}-2025-${String(seq).padStart(6, '0')}`,
      type: 'COMPLAINT',
      channel: 'PHONE',
      subject: `记录 ${seq}`,
      description: '说明',
      ...data,
    },
  });
}

beforeAll(async () => {
  const production = await prisma.department.create({ data: { code: 'PROD', name: '生产部' } });
  const sales = await prisma.department.create({ data: { code: 'SALES', name: '市场销售部' } });
  const q = await createStaff('QUALITY_MANAGER');
  quality = { userId: q.user.id, viewer: q.viewer };
  const h = await createStaff('DEPARTMENT_HANDLER', { departmentId: sales.id });
  salesHandler = { userId: h.user.id, viewer: h.viewer };
  const x = await createCustomerRecord({ name: '甲精密' });
  const y = await createCustomerRecord({ name: '乙电子' });
  const portal = await createCustomerUser(x.id);
  customer = { userId: portal.user.id, viewer: portal.viewer };

  // Saturday 1 November 2025, 00:00 in Shanghai: the first instant of the month. Triaged on Monday at 09:30, i.e. one
  // business hour later (08:30–09:30); resolved on time and closed, with a callback done before its due time.
  const first = await interaction({
    customerId: x.id,
    responsibleDepartmentId: production.id,
    severity: 'GENERAL',
    causeClass: 'QUALITY',
    status: 'CLOSED',
    productRef: 'BR-118',
    createdAt: new Date('2025-10-31T16:00:00Z'),
    triagedAt: new Date('2025-11-03T01:30:00Z'),
    resolvedAt: new Date('2025-11-04T02:00:00Z'),
    resolutionDueAt: new Date('2025-11-07T02:00:00Z'),
    closedAt: new Date('2025-11-12T02:00:00Z'),
  });
  await prisma.callback.create({
    data: {
      interactionId: first.id,
      customerId: x.id,
      reason: 'POST_RESOLUTION',
      dueAt: new Date('2025-11-11T02:00:00Z'),
      status: 'DONE',
      completedAt: new Date('2025-11-10T02:00:00Z'),
    },
  });
  // Overdue at the month's end; a repeat (same customer, 9 days later); an 8D root cause.
  const major = await interaction({
    customerId: x.id,
    responsibleDepartmentId: production.id,
    severity: 'MAJOR',
    causeClass: 'QUALITY',
    status: 'INVESTIGATING',
    productRef: 'BR-118',
    createdAt: new Date('2025-11-10T02:00:00Z'),
    triagedAt: new Date('2025-11-10T03:00:00Z'),
    resolutionDueAt: new Date('2025-11-12T02:00:00Z'),
  });
  await prisma.eightDReport.create({
    data: { interactionId: major.id, d4RootCauseOccurrence: '定位销磨损', d4RootCauseOutflow: '首件未测孔位' },
  });
  // The last millisecond of November in Shanghai; a repeat of the October complaint below.
  await interaction({
    customerId: y.id,
    responsibleDepartmentId: sales.id,
    severity: 'GENERAL',
    causeClass: 'NON_QUALITY',
    status: 'TRIAGED',
    createdAt: new Date('2025-11-30T15:59:59.999Z'),
  });
  // October (the last millisecond of it) and December (its first hour): outside November.
  await interaction({
    customerId: y.id,
    responsibleDepartmentId: sales.id,
    severity: 'GENERAL',
    causeClass: 'NON_QUALITY',
    status: 'CLOSED',
    createdAt: new Date('2025-10-31T15:59:59.999Z'),
  });
  await interaction({
    customerId: x.id,
    responsibleDepartmentId: production.id,
    createdAt: new Date('2025-11-30T16:00:00Z'),
  });
  // Other intake: a consultation and an inquiry in November, a suggestion in October.
  await interaction({ type: 'CONSULTATION', customerId: x.id, createdAt: new Date('2025-11-05T02:00:00Z') });
  await interaction({ type: 'INQUIRY', customerId: y.id, createdAt: new Date('2025-11-06T02:00:00Z') });
  await interaction({ type: 'SUGGESTION', customerId: y.id, createdAt: new Date('2025-10-20T02:00:00Z') });
});

describe('complaintMonthlySummary', () => {
  it('counts the month’s complaints from Shanghai midnight to midnight, with the previous month beside', async () => {
    const started = performance.now();
    const { complaintMonthlySummary: s } = await gqlOk<{ complaintMonthlySummary: Summary }>(quality.viewer, SUMMARY, {
      month: '2025-11',
    });
    console.log(`[monthly summary] GraphQL query in ${(performance.now() - started).toFixed(0)} ms`);
    expect(s).toMatchObject({
      month: '2025-11',
      from: '2025-10-31T16:00:00.000Z',
      to: '2025-11-30T16:00:00.000Z',
      asOf: '2025-11-30T16:00:00.000Z',
      timeZone: 'Asia/Shanghai',
    });
    expect(s).toMatchObject({
      total: 3,
      intakeTotal: 5,
      complaintRate: 0.6,
      totalChange: 2,
      previous: { month: '2025-10', total: 1, intakeTotal: 2 },
    });
    expect(s.intake).toEqual([
      { type: 'COMPLAINT', count: 3, previousCount: 1 },
      { type: 'CONSULTATION', count: 1, previousCount: 0 },
      { type: 'INQUIRY', count: 1, previousCount: 0 },
      { type: 'SUGGESTION', count: 0, previousCount: 1 },
    ]);
    expect(s.bySeverity).toEqual([
      { severity: 'GENERAL', count: 2, previousCount: 1 },
      { severity: 'MAJOR', count: 1, previousCount: 0 },
      { severity: 'CRISIS', count: 0, previousCount: 0 },
    ]);
    expect(s.byCauseClass).toEqual([
      { causeClass: 'QUALITY', count: 2, previousCount: 0 },
      { causeClass: 'NON_QUALITY', count: 1, previousCount: 1 },
    ]);
    expect(s.byDepartment).toEqual([
      { departmentName: '生产部', count: 2, previousCount: 0, open: 1, overdue: 1 },
      { departmentName: '市场销售部', count: 1, previousCount: 1, open: 1, overdue: 0 },
    ]);
  });

  it('counts time figures as of the month’s end, in business hours, and finds repeats, callbacks, causes and focus', async () => {
    const { complaintMonthlySummary: s } = await gqlOk<{ complaintMonthlySummary: Summary }>(quality.viewer, SUMMARY, {
      month: '2025-11',
    });
    expect(s.statusGroups).toEqual({ open: 2, resolved: 0, closed: 1, rejected: 0 });
    expect(s).toMatchObject({ overdue: 1, resolvedOnTime: 1, resolvedLate: 0, onTimeResolutionRate: 0.5 });
    // Triage: 1 business hour (Saturday night → Monday 09:30) and 1 hour (Monday 10:00 → 11:00 on the 10th).
    expect(s.averageBusinessHours).toMatchObject({ toTriage: 1, triaged: 2, resolved: 1 });
    expect(s.repeatComplaints).toBe(2);
    expect(s.repeatCustomers).toEqual([
      { customerName: '甲精密', complaints: 2, repeats: 1 },
      { customerName: '乙电子', complaints: 1, repeats: 1 },
    ]);
    expect(s.callbacks).toEqual({ due: 1, done: 1, doneOnTime: 1, overdue: 0, completionRate: 1 });
    expect(s.topProducts).toEqual([{ productRef: 'BR-118', count: 2 }]);
    expect(s.topCauses).toEqual([
      { causeClass: 'QUALITY', departmentName: '生产部', count: 2 },
      { causeClass: 'NON_QUALITY', departmentName: '市场销售部', count: 1 },
    ]);
    expect(s.rootCauses).toEqual([
      { number: expect.stringMatching(/^TS-/), occurrence: '定位销磨损', outflow: '首件未测孔位' },
    ]);
    expect(s.improvementFocus.map((f) => f.kind)).toEqual([
      'CAUSE_DEPARTMENT',
      'PRODUCT',
      'REPEAT_CUSTOMER',
      'REPEAT_CUSTOMER',
      'OVERDUE_DEPARTMENT',
    ]);
  });

  it('while the month runs, counts as of now', async () => {
    const s = await complaintMonthlySummary(quality.viewer, '2025-11', new Date('2025-11-11T00:00:00Z'));
    expect(s.asOf).toEqual(new Date('2025-11-11T00:00:00Z'));
    expect(s.overdue).toBe(0); // the major complaint is due on the 12th
    expect(s.callbacks.due).toBe(1); // done on the 10th, ahead of its due time
  });

  it('an empty month answers zeros', async () => {
    const { complaintMonthlySummary: s } = await gqlOk<{ complaintMonthlySummary: Summary }>(quality.viewer, SUMMARY, {
      month: '2024-02',
    });
    expect(s).toMatchObject({
      total: 0,
      intakeTotal: 0,
      complaintRate: null,
      overdue: 0,
      onTimeResolutionRate: null,
      byDepartment: [],
      improvementFocus: [],
    });
  });

  it('a department handler sees only its department’s complaints', async () => {
    const { complaintMonthlySummary: s } = await gqlOk<{ complaintMonthlySummary: Summary }>(
      salesHandler.viewer,
      SUMMARY,
      { month: '2025-11' },
    );
    expect(s).toMatchObject({
      total: 1,
      intakeTotal: 1,
      previous: { total: 1, intakeTotal: 1 },
      repeatComplaints: 1,
      overdue: 0,
    });
    expect(s.byDepartment.map((d) => d.departmentName)).toEqual(['市场销售部']);
    expect(s.rootCauses).toEqual([]);
    expect(s.callbacks.due).toBe(0);
  });

  it('refuses customers and anonymous visitors; an API key needs reports:read and gets no customer names', async () => {
    expect(errorCodes(await gqlAs(customer.viewer, SUMMARY, { month: '2025-11' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs({ kind: 'anonymous' }, SUMMARY, { month: '2025-11' }))).toEqual(['UNAUTHENTICATED']);
    const reader: Viewer = { kind: 'apiClient', apiKeyId: 'k', name: 'BI', scopes: ['reports:read'] };
    const { complaintMonthlySummary: s } = await gqlOk<{ complaintMonthlySummary: Summary }>(reader, SUMMARY, {
      month: '2025-11',
    });
    expect(s.total).toBe(3);
    expect(s.repeatCustomers.map((r) => r.customerName)).toEqual([null, null]);
    expect(
      errorCodes(
        await gqlAs({ kind: 'apiClient', apiKeyId: 'k', name: 'CRM', scopes: ['interactions:read'] }, SUMMARY, {
          month: '2025-11',
        }),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('a malformed month is BAD_USER_INPUT on the month field', async () => {
    for (const month of ['2025-13', '2025-1', 'November', '']) {
      const result = await gqlAs(quality.viewer, SUMMARY, { month });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.fields).toEqual({ month: { key: 'report.monthInvalid' } });
    }
  });
});

describe('export route', () => {
  const get = (query: string, headers: Record<string, string> = {}) =>
    exportRoute(new NextRequest(`http://localhost/api/reports/complaints?${query}`, { headers }));
  const asQuality = async (query: string) => get(query, { cookie: await sessionCookie(quality.userId) });

  it('CSV: every table under its name, with a BOM', async () => {
    const response = await asQuality('month=2025-11&format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(decodeURIComponent(response.headers.get('content-disposition') ?? '')).toContain('月度投诉汇总-2025-11.csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM (Response.text() would strip it)
    const text = bytes.toString('utf8');
    for (const heading of ['【概览】', '【受理类型】', '【严重度】', '【责任部门】', '【改进重点】'])
      expect(text).toContain(heading);
    expect(text).toContain('投诉总数,3,1');
    expect(text).toContain('投诉率（投诉 ÷ 全部受理）,60.0%,50.0%');
    expect(text).toContain('生产部,2,0,+2,1,1');
  });

  it('Excel: one sheet per breakdown', async () => {
    const started = performance.now();
    const response = await asQuality('month=2025-11&format=xlsx');
    console.log(`[monthly summary] xlsx in ${(performance.now() - started).toFixed(0)} ms`);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '概览',
      '受理类型',
      '严重度',
      '原因分类',
      '责任部门',
      '产品',
      '原因×部门',
      '重复投诉',
      '8D根本原因',
      '改进重点',
    ]);
    const severity = workbook.getWorksheet('严重度')!;
    expect(severity.getRow(2).values).toEqual([undefined, '一般', 2, 1, '+1（+100%）']);
  });

  it('PDF: the printable report, inline', async () => {
    const started = performance.now();
    const response = await asQuality('month=2025-11&format=pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    console.log(`[monthly summary] PDF ${pdf.length} bytes in ${(performance.now() - started).toFixed(0)} ms`);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // KEFU_PDF_OUT=<dir>: keep the file to look at its layout (pdftoppm -png -r 60 …).
    if (process.env.KEFU_PDF_OUT) writeFileSync(`${process.env.KEFU_PDF_OUT}/monthly-2025-11.pdf`, pdf);
    const empty = await asQuality('month=2024-02&format=pdf');
    expect(empty.status).toBe(200);
    if (process.env.KEFU_PDF_OUT)
      writeFileSync(`${process.env.KEFU_PDF_OUT}/monthly-empty.pdf`, Buffer.from(await empty.arrayBuffer()));
  });

  it('maps errors: bad format or month 400 with the field, a customer 403, nobody 401; a handler’s file is its scope', async () => {
    const badFormat = await asQuality('month=2025-11&format=docx');
    expect(badFormat.status).toBe(400);
    expect(await badFormat.json()).toMatchObject({
      error: {
        code: 'BAD_USER_INPUT',
        fields: { format: { key: 'common.invalidFormatParam', params: { formats: 'csv, xlsx, pdf' } } },
      },
    });
    const badMonth = await asQuality('month=2025-13&format=csv');
    expect(badMonth.status).toBe(400);
    expect(await badMonth.json()).toMatchObject({ error: { fields: { month: { key: 'report.monthInvalid' } } } });
    expect((await get('month=2025-11&format=csv', { cookie: await sessionCookie(customer.userId) })).status).toBe(403);
    expect((await get('month=2025-11&format=csv')).status).toBe(401);
    const { key } = await createApiKeyRow(['customers:read']);
    expect((await get('month=2025-11&format=csv', { authorization: `Bearer ${key}` })).status).toBe(403);
    const handlerCsv = await (
      await get('month=2025-11&format=csv', { cookie: await sessionCookie(salesHandler.userId) })
    ).text();
    expect(handlerCsv).toContain('投诉总数,1,1');
    expect(handlerCsv).not.toContain('生产部');
  });
});
