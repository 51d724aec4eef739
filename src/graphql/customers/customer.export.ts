import ExcelJS from 'exceljs';
import type { CustomerModel as Customer } from '@/graphql/mappers';
import { prisma } from '@/server/db';
import { requirePermission } from '@/server/auth/policies';
import { csvFile } from '@/server/export/csv';
import type { Viewer } from '@/server/viewer';
import { CUSTOMER_COLUMNS, ENUM_LABELS } from './customer-columns.rules';
import { customerOrderBy, customerWhere, type CustomerFilter, type CustomerSort } from './customer.service';

const BATCH = 1000;
export const EXPORT_ROW_LIMIT = 100_000;

/** Enum codes are exported as their Chinese label (the first label the import maps to the code). */
const LABEL_OF: Record<string, Record<string, string>> = Object.fromEntries(
  Object.entries(ENUM_LABELS).map(([key, labels]) => [
    key,
    Object.fromEntries(
      Object.entries(labels)
        .reverse()
        .map(([label, code]) => [code, label]),
    ),
  ]),
);

function cell(customer: Customer, column: (typeof CUSTOMER_COLUMNS)[number]): string {
  const value = customer[column.key];
  if (value == null) return '';
  if (column.kind === 'enum') return LABEL_OF[column.key]?.[String(value)] ?? String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'toFixed' in value) return (value as { toFixed: (n: number) => string }).toFixed(2);
  return String(value);
}

/** The filtered, sorted customers, read in batches by cursor so memory stays flat for large exports. */
async function* exportRows(
  viewer: Viewer,
  filter: CustomerFilter,
  sort: CustomerSort | null,
): AsyncGenerator<string[]> {
  requirePermission(viewer, 'customers:read');
  const where = customerWhere(filter);
  const orderBy = customerOrderBy(sort);
  let cursor: string | undefined;
  let total = 0;
  for (;;) {
    const rows = await prisma.customer.findMany({
      where,
      orderBy,
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const row of rows) yield CUSTOMER_COLUMNS.map((c) => cell(row, c));
    total += rows.length;
    if (rows.length < BATCH || total >= EXPORT_ROW_LIMIT) return;
    cursor = rows.at(-1)!.id;
  }
}

export async function exportCustomersCsv(
  viewer: Viewer,
  filter: CustomerFilter,
  sort: CustomerSort | null,
): Promise<string> {
  const lines: string[][] = [CUSTOMER_COLUMNS.map((c) => c.header)];
  for await (const row of exportRows(viewer, filter, sort)) lines.push(row);
  return csvFile(lines);
}

export async function exportCustomersXlsx(
  viewer: Viewer,
  filter: CustomerFilter,
  sort: CustomerSort | null,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kefu';
  const sheet = workbook.addWorksheet('客户');
  sheet.columns = CUSTOMER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.kind === 'text' ? 20 : 14 }));
  sheet.getRow(1).font = { bold: true };
  for await (const row of exportRows(viewer, filter, sort)) {
    sheet.addRow(
      row.map((value, i) => (CUSTOMER_COLUMNS[i]!.kind === 'money' && value !== '' ? Number(value) : value)),
    );
  }
  CUSTOMER_COLUMNS.forEach((c, i) => {
    if (c.kind === 'money') sheet.getColumn(i + 1).numFmt = '#,##0.00';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
