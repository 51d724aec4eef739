import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createApiKeyRow, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { gqlHttp } from '../helpers/graphql-http';

// Issue 10, item 6 (GraphQL part): parser errors of imports, the Date range, introspection and suggestions by viewer.

const IMPORT = `mutation($format: ImportFormat!, $content: String!) { importCustomers(format: $format, content: $content) { ok importedCount } }`;

let agent: Viewer;
let admin: Viewer;
let customer: Viewer;
let apiClient: Viewer;
const anonymous: Viewer = { kind: 'anonymous' };

beforeAll(async () => {
  agent = (await createStaff('SERVICE_AGENT')).viewer;
  admin = (await createStaff('ADMIN')).viewer;
  customer = (await createCustomerUser((await createCustomerRecord()).id)).viewer;
  const { row } = await createApiKeyRow(['customers:read']);
  apiClient = { kind: 'apiClient', apiKeyId: row.id, name: row.name, scopes: row.scopes };
});

describe('a malformed import file is BAD_USER_INPUT naming the line, never an internal error', () => {
  it.each([
    ['an unclosed quote', '公司名称,省份\n甲公司,上海\n"乙公司,浙江\n', 3],
    ['a stray quote inside a field', '公司名称,省份\n甲"公"司,上海\n', 2],
    ['a quote followed by text', '公司名称,省份\n甲公司,上海\n丙公司,"浙"江\n', 3],
  ])('CSV with %s', async (_, content, line) => {
    const before = await prisma.customer.count();
    const result = await gqlHttp(agent, { query: IMPORT, variables: { format: 'CSV', content } });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      key: 'customer.csvUnreadable',
      params: { line },
      fields: { content: { key: 'customer.csvUnreadable', params: { line } } },
    });
    expect(result.errors?.[0]?.message).toContain(`line ${line}`);
    expect(await prisma.customer.count()).toBe(before);
  });

  it.each([
    ['not a zip at all', Buffer.from('公司名称\n甲公司\n').toString('base64')],
    ['a truncated workbook', 'truncated'],
  ])('Excel that is %s', async (_, content) => {
    let base64 = content;
    if (content === 'truncated') {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('客户');
      sheet.addRow(['公司名称']);
      sheet.addRow(['甲公司']);
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
      base64 = bytes.subarray(0, bytes.length - 200).toString('base64');
    }
    const result = await gqlHttp(agent, { query: IMPORT, variables: { format: 'XLSX', content: base64 } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('dates outside the years 1–9999', () => {
  it('are BAD_USER_INPUT (HTTP 400) before they reach PostgreSQL', async () => {
    const query = `mutation($input: AddCalendarDaysInput!) { addCalendarDays(input: $input) { date } }`;
    for (const from of ['0000-01-01', '10000-01-01']) {
      const result = await gqlHttp(admin, { query, variables: { input: { from, isWorkday: false, name: '假日' } } });
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const literal = await gqlHttp(admin, {
      query: `mutation { addCalendarDays(input: { from: "0000-02-01", isWorkday: false, name: "假日" }) { date } }`,
    });
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.status).toBe(400);
    expect(await prisma.calendarDay.count()).toBe(0);
  });
});

describe('the schema is shown to staff and API clients only, in production', () => {
  const INTROSPECTION = `{ __schema { queryType { name } types { name } } }`;
  const TYPE = `{ __type(name: "User") { fields { name } } }`;

  it('anonymous visitors and customers get no introspection in production (HTTP 400)', async () => {
    for (const viewer of [anonymous, customer]) {
      for (const query of [INTROSPECTION, TYPE]) {
        const result = await gqlHttp(viewer, { query }, { production: true });
        expect(result.status).toBe(400);
        expect(result.errors?.[0]?.extensions).toEqual({
          code: 'GRAPHQL_VALIDATION_FAILED',
          key: 'query.introspectionNotAllowed',
        });
        expect(result.errors?.[0]?.message).toBe('GraphQL introspection is not allowed here.');
        expect(result.data).toBeUndefined();
      }
    }
    // __typename is not introspection of the schema.
    expect((await gqlHttp(anonymous, { query: `{ __typename }` }, { production: true })).status).toBe(200);
  });

  it('staff and API clients do, in production; everyone does outside it', async () => {
    for (const viewer of [admin, apiClient]) {
      const result = await gqlHttp(viewer, { query: INTROSPECTION }, { production: true });
      expect(result.errors).toBeUndefined();
      expect((result.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(50);
    }
    expect((await gqlHttp(anonymous, { query: INTROSPECTION }, { production: false })).errors).toBeUndefined();
  });

  it('"Did you mean" hints only for staff and API clients in production', async () => {
    const typo = `{ viewr { kind } }`;
    const badEnum = `query($f: CustomerFilter) { customers(filter: $f) { totalCount } }`;
    for (const viewer of [anonymous, customer]) {
      const field = await gqlHttp(viewer, { query: typo }, { production: true });
      expect(field.status).toBe(400);
      expect(field.errors?.[0]?.message).toBe('Cannot query field "viewr" on type "Query".');
      const value = await gqlHttp(
        viewer,
        { query: badEnum, variables: { f: { status: ['ACTIV'] } } },
        { production: true },
      );
      expect(value.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(value.errors?.[0]?.message).not.toMatch(/Did you mean/);
    }
    for (const viewer of [admin, apiClient]) {
      const field = await gqlHttp(viewer, { query: typo }, { production: true });
      expect(field.errors?.[0]?.message).toMatch(/Did you mean "viewer"\?/);
    }
    expect((await gqlHttp(anonymous, { query: typo }, { production: false })).errors?.[0]?.message).toMatch(
      /Did you mean/,
    );
  });
});
