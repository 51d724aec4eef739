import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { exportCustomersCsv, exportCustomersXlsx } from '@/graphql/customers/customer.export';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

const IMPORT = /* GraphQL */ `
  mutation Import($format: ImportFormat!, $content: String!, $dryRun: Boolean) {
    importCustomers(format: $format, content: $content, dryRun: $dryRun) {
      ok
      dryRun
      rowCount
      importedCount
      errors {
        row
        field
        message
        key
        params
      }
    }
  }
`;
type ImportData = {
  importCustomers: {
    ok: boolean;
    dryRun: boolean;
    rowCount: number;
    importedCount: number;
    errors: { row: number; field: string | null; message: string; key: string; params: unknown }[];
  };
};

let agent: Viewer;

describe('customer import: all or nothing', () => {
  beforeAll(async () => {
    agent = (await createStaff('SERVICE_AGENT')).viewer;
    await createCustomerRecord({ name: '已有公司', certificateNo: 'EXIST-1' });
  });

  it('imports nothing when any row is invalid, and reports every row error with its row number', async () => {
    const csv = [
      '公司名称,证书编号,邮编,初审费,状态,审核日期',
      '好公司一,NEW-1,200000,1000,有效,2025-01-02',
      ',NEW-2,123,abc,BOGUS,2025-02-30x',
      '好公司三,EXIST-1,200001,2000.5,ACTIVE,',
      '好公司四,NEW-1,200002,,,',
    ].join('\n');
    const before = await prisma.customer.count();
    const { importCustomers: r } = await gqlOk<ImportData>(agent, IMPORT, { format: 'CSV', content: csv });
    expect(r).toMatchObject({ ok: false, rowCount: 4, importedCount: 0 });
    expect(r.errors.map((e) => [e.row, e.field])).toEqual(
      [
        [3, 'auditDate'],
        [3, 'name'],
        [3, 'initialAuditFee'],
        [3, 'status'],
        [3, 'postcode'],
        [4, 'certificateNo'],
        [5, 'certificateNo'],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    expect(r.errors.find((e) => e.row === 5)).toMatchObject({ key: 'customer.importDuplicateRow', params: { row: 2 } });
    expect(await prisma.customer.count()).toBe(before);
  });

  it('reports a duplicate number on a row that also has other errors, each as a key with params', async () => {
    const csv = '公司名称,证书编号,邮编\n甲,SAME-1,200000\n,SAME-1,1\n';
    const { importCustomers: r } = await gqlOk<ImportData>(agent, IMPORT, { format: 'CSV', content: csv });
    expect(r.errors).toEqual([
      { row: 3, field: 'name', key: 'validation.required', params: null, message: 'Required.' },
      {
        row: 3,
        field: 'postcode',
        key: 'customer.postcodeInvalid',
        params: null,
        message: 'The postcode must be 6 digits.',
      },
      {
        row: 3,
        field: 'certificateNo',
        key: 'customer.importDuplicateRow',
        params: { row: 2 },
        message: 'Duplicate of row 2.',
      },
    ]);
  });

  it('dry run validates without writing; a valid file imports every row with history', async () => {
    const csv =
      '\uFEFF公司名称,联系人,省份,信用状况,客户来源\n导入甲,张三,上海,良好,展会\n导入乙,李四,江苏,FAIR,REFERRAL\n';
    const dry = await gqlOk<ImportData>(agent, IMPORT, { format: 'CSV', content: csv, dryRun: true });
    expect(dry.importCustomers).toEqual({ ok: true, dryRun: true, rowCount: 2, importedCount: 0, errors: [] });
    expect(await prisma.customer.count({ where: { name: { startsWith: '导入' } } })).toBe(0);
    const real = await gqlOk<ImportData>(agent, IMPORT, { format: 'CSV', content: csv });
    expect(real.importCustomers).toMatchObject({ ok: true, importedCount: 2 });
    const rows = await prisma.customer.findMany({
      where: { name: { startsWith: '导入' } },
      orderBy: { name: 'asc' },
      omit: { searchText: false },
    });
    expect(rows.map((c) => [c.name, c.creditStanding, c.source, c.searchText])).toEqual([
      ['导入乙', 'FAIR', 'REFERRAL', '导入乙 李四'],
      ['导入甲', 'GOOD', 'TRADE_SHOW', '导入甲 张三'],
    ]);
    expect(await prisma.historyEntry.count({ where: { action: 'IMPORT' } })).toBe(2);
  });

  it('round-trips an Excel export back through the import', async () => {
    await createCustomerRecord({
      name: '导出公司',
      province: '浙江',
      initialAuditFee: '1234.50',
      auditDate: new Date('2025-06-01'),
    });
    const xlsx = await exportCustomersXlsx(agent, { province: ['浙江'] }, null);
    await prisma.customer.deleteMany({ where: { name: '导出公司' } });
    const { importCustomers: r } = await gqlOk<ImportData>(agent, IMPORT, {
      format: 'XLSX',
      content: xlsx.toString('base64'),
    });
    expect(r).toMatchObject({ ok: true, importedCount: 1, errors: [] });
    const back = await prisma.customer.findFirstOrThrow({ where: { name: '导出公司' } });
    expect(back.initialAuditFee?.toFixed(2)).toBe('1234.50');
    expect(back.auditDate?.toISOString().slice(0, 10)).toBe('2025-06-01');
  });

  it('rejects files without a name column, empty files and unreadable Excel with BAD_USER_INPUT', async () => {
    expect(errorCodes(await gqlAs(agent, IMPORT, { format: 'CSV', content: 'foo,bar\n1,2\n' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await gqlAs(agent, IMPORT, { format: 'CSV', content: '公司名称\n' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      errorCodes(await gqlAs(agent, IMPORT, { format: 'XLSX', content: Buffer.from('not excel').toString('base64') })),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('needs the customers:import permission', async () => {
    const quality = (await createStaff('QUALITY_MANAGER')).viewer;
    expect(errorCodes(await gqlAs(quality, IMPORT, { format: 'CSV', content: '公司名称\nx\n' }))).toEqual([
      'FORBIDDEN',
    ]);
  });
});

describe('customer export', () => {
  it('exports the filtered list as CSV with Chinese headers and a BOM, and as a readable workbook', async () => {
    await createCustomerRecord({ name: '出口甲', province: '福建', initialAuditFee: '99.90' });
    await createCustomerRecord({ name: '出口乙', province: '福建' });
    await createCustomerRecord({ name: '别省', province: '四川' });
    const csv = await exportCustomersCsv(agent, { province: ['福建'] }, { field: 'NAME', direction: 'ASC' });
    const lines = csv.replace('\uFEFF', '').trim().split('\n');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toContain('公司名称');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('出口乙'); // 乙 (U+4E59) sorts before 甲 (U+7532)
    expect(lines[2]).toContain('99.90');
    expect(lines[2]).toContain('有效'); // enum codes are exported as the Chinese labels the import reads back

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await exportCustomersXlsx(agent, { province: ['福建'] }, null)) as unknown as ArrayBuffer,
    );
    expect(workbook.worksheets[0]!.rowCount).toBe(3);
  });

  it('refuses viewers without customers:read', async () => {
    await expect(exportCustomersCsv({ kind: 'anonymous' }, {}, null)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(
      exportCustomersCsv({ kind: 'apiClient', apiKeyId: 'x', name: 'w', scopes: ['customers:write'] }, {}, null),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
