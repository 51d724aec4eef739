import ExcelJS from 'exceljs';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as analysisExport } from '@/app/api/surveys/analysis/export/route';
import { GET as report } from '@/app/api/surveys/report/route';
import { GET as responsesExport } from '@/app/api/surveys/responses/export/route';
import { prisma } from '@/server/db';
import { stopQueue } from '@/server/queue/boss';
import type { Viewer } from '@/server/viewer';
import { createApiKeyRow, createCustomerRecord, createStaff } from '../helpers/factories';
import { gqlOk } from '../helpers/graphql';
import {
  answersFor,
  createCampaign,
  createTemplate,
  ENTER,
  launchCampaign,
  type TemplateResult,
} from '../helpers/surveys';

const queueSchema = `pgboss_test_e${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

let agent: Viewer;
let template: TemplateResult;
let campaignId: string;
let readKey: string;

beforeAll(async () => {
  agent = (await createStaff('SERVICE_AGENT')).viewer;
  template = await createTemplate(agent);
  const a = (await createCustomerRecord({ name: '导出甲公司', province: '上海' })).id;
  const b = (await createCustomerRecord({ name: '导出乙公司', province: '浙江' })).id;
  campaignId = (
    await launchCampaign(agent, await createCampaign(agent, template.id, { audience: { customerIds: [a, b] } }))
  ).id;
  await gqlOk(agent, ENTER, {
    input: {
      campaignId,
      customerId: a,
      source: 'PHONE',
      answers: answersFor(template, {
        r5a: 5,
        r5b: 4,
        r10: 10,
        price: 'A',
        nps: 10,
        multi: ['TRAIN', 'REPORT'],
        text: '服务很好，"引号",逗号',
      }),
    },
  });
  await gqlOk(agent, ENTER, {
    input: {
      campaignId,
      customerId: b,
      source: 'FAX',
      answers: answersFor(template, { r5a: 1, r5b: 2, r10: 3, price: 'B', nps: 2 }),
    },
  });
  readKey = (await createApiKeyRow(['surveys:read'])).key;
});

afterAll(async () => {
  await stopQueue(5_000);
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

const get = (handler: (req: NextRequest) => Promise<Response>, path: string, key: string | null = readKey) =>
  handler(new NextRequest(`http://localhost${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }));
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

describe('survey exports', () => {
  it('raw responses as CSV: one row per response, one column per question', async () => {
    const res = await get(responsesExport, `/api/surveys/responses/export?format=csv&filter=${q({ campaignId })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="survey-responses-\d{8}\.csv"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM: Excel opens UTF-8 with Chinese intact
    const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('Q1 审核安排是否及时');
    expect(lines[0]).toContain('Q7 其他意见和建议');
    const a = lines.find((l) => l.startsWith('2026-Q4 客户满意度调查,2026-Q4,导出甲公司'))!;
    expect(a).toContain('电话');
    expect(a).toContain(',合理,');
    expect(a).toContain('内审员培训、质量分析报告');
    expect(a).toContain('"服务很好，""引号"",逗号"');
    expect(lines.find((l) => l.includes('导出乙公司'))).toContain('传真/信函');
  });

  it('raw responses as Excel', async () => {
    const res = await get(
      responsesExport,
      `/api/surveys/responses/export?format=xlsx&filter=${q({ lowScoreOnly: true })}`,
    );
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('答卷')!;
    expect(sheet.rowCount).toBe(2); // header + the one low response
    expect(sheet.getRow(2).getCell(3).value).toBe('导出乙公司');
    expect(sheet.getRow(2).getCell(13).value).toBe(1); // Q1 as a number
  });

  it('the analysis tables as CSV and Excel', async () => {
    const csv = await (
      await get(analysisExport, `/api/surveys/analysis/export?format=csv&filter=${q({ campaignIds: [campaignId] })}`)
    ).text();
    for (const title of ['【概览】', '【维度得分】', '【题目统计】', '【期间趋势】', '【按省份】'])
      expect(csv).toContain(title);
    expect(csv).toContain('满意度指数 = (0.30×');
    expect(csv).toContain('答卷数,2');
    const res = await get(
      analysisExport,
      `/api/surveys/analysis/export?format=xlsx&filter=${q({ campaignIds: [campaignId] })}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['概览', '维度得分', '题目统计', '期间趋势', '按省份']);
  });

  it('the quarterly PDF report', async () => {
    const res = await get(report, '/api/surveys/report?period=2026-Q4');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; /);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.toString('latin1').startsWith('%PDF-')).toBe(true);
    expect(pdf.toString('latin1')).toContain('NotoSansSC');
    expect(pdf.length).toBeLessThan(600_000);
    expect((await get(report, '/api/surveys/report?period=2025-Q1')).status).toBe(404);
    expect((await get(report, '/api/surveys/report?period=四季度')).status).toBe(400);
  });

  it('needs surveys:read; bad filters are 400 with the field', async () => {
    expect((await get(responsesExport, '/api/surveys/responses/export', null)).status).toBe(401);
    const other = (await createApiKeyRow(['customers:read'])).key;
    for (const [handler, path] of [
      [responsesExport, '/api/surveys/responses/export'],
      [analysisExport, '/api/surveys/analysis/export'],
      [report, '/api/surveys/report?period=2026-Q4'],
    ] as const) {
      expect((await get(handler, path, other)).status).toBe(403);
    }
    const bad = await get(analysisExport, `/api/surveys/analysis/export?filter=${q({ grades: ['Z'] })}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('filter');
    expect((await get(analysisExport, '/api/surveys/analysis/export?format=pdf')).status).toBe(400);
  });
});
