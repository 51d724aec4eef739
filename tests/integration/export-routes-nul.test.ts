import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as customersExport } from '@/app/api/customers/export/route';
import { GET as complaintsReport } from '@/app/api/reports/complaints/route';
import { GET as analysisExport } from '@/app/api/surveys/analysis/export/route';
import { GET as surveyReport } from '@/app/api/surveys/report/route';
import { GET as responsesExport } from '@/app/api/surveys/responses/export/route';
import { createApiKeyRow, createCustomerRecord } from '../helpers/factories';

// Issue 10, item 6: a NUL in a download route's query string is BAD_USER_INPUT (HTTP 400), not an internal error —
// whether it arrives as %00 in the URL or as a "\u0000" escape inside a JSON filter.

type Route = (req: NextRequest) => Promise<Response>;
let key: string;

beforeAll(async () => {
  await createCustomerRecord({ name: '导出测试客户', province: '上海' });
  ({ key } = await createApiKeyRow(['customers:read', 'interactions:read', 'surveys:read']));
});

const get = (route: Route, path: string) =>
  route(new NextRequest(`http://localhost${path}`, { headers: { authorization: `Bearer ${key}` } }));
const json = (value: unknown) => encodeURIComponent(JSON.stringify(value));

const cases: [string, Route, string][] = [
  [
    'customers: %00 in a filter value',
    customersExport,
    `/api/customers/export?format=csv&filter=${json({ search: 'a' })}%00`,
  ],
  [
    'customers: \\u0000 inside the JSON filter',
    customersExport,
    `/api/customers/export?format=csv&filter=${json({ search: 'a\u0000b' })}`,
  ],
  [
    'customers: in a list of the filter',
    customersExport,
    `/api/customers/export?format=xlsx&filter=${json({ province: ['上海\u0000'] })}`,
  ],
  ['customers: in the format', customersExport, `/api/customers/export?format=csv%00`],
  ['monthly report: in the month', complaintsReport, `/api/reports/complaints?format=csv&month=2026-11%00`],
  [
    'survey responses: in the filter',
    responsesExport,
    `/api/surveys/responses/export?format=csv&filter=${json({ periodLabel: '2026-Q4\u0000' })}`,
  ],
  [
    'survey analysis: in the filter',
    analysisExport,
    `/api/surveys/analysis/export?format=csv&filter=${json({ templateKey: 'k\u0000' })}`,
  ],
  ['survey report: in the period', surveyReport, `/api/surveys/report?period=2026-Q4%00`],
  ['in the name of a parameter', customersExport, `/api/customers/export?format=csv&fil%00ter=x`],
];

describe('NUL in the query string of a download route', () => {
  it.each(cases)('%s → 400 BAD_USER_INPUT', async (_, route, path) => {
    const response = await get(route, path);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('BAD_USER_INPUT');
    expect(body.error.message).toMatch(/U\+0000/);
  });

  it('leaves ordinary filters working', async () => {
    const response = await get(customersExport, `/api/customers/export?format=csv&filter=${json({ search: '导出' })}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('导出测试客户');
  });
});
