import ExcelJS from 'exceljs';
import { CsvError, parse } from 'csv-parse/sync';
import { Prisma } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import { badField, DomainError } from '@/server/errors';
import { csvCellValue } from '@/server/export/csv';
import { appendHistory } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { CUSTOMER_COLUMNS, ENUM_LABELS, type CustomerColumn } from './customer-columns.rules';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './customer-import.rules';
import { buildSearchText, ZCustomerInput, type TCustomerInput } from './customer.rules';
import { emitWebhookEventsFor } from '../webhooks/webhook-outbox.service';
import { englishMessage, zodFieldErrors, type ErrorKey, type ErrorParams } from '@/server/error-keys';

export { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS };

/** One row's problem: `key`/`params` name the message (messages/<locale>/errors.json), `message` is its English text. */
export type ImportRowError = {
  row: number;
  field: string | null;
  message: string;
  key: ErrorKey;
  params: ErrorParams | null;
};

const rowError = (row: number, field: string | null, key: ErrorKey, params?: ErrorParams): ImportRowError => ({
  row,
  field,
  key,
  params: params ?? null,
  message: englishMessage(key, params),
});
export type ImportResult = {
  ok: boolean;
  dryRun: boolean;
  rowCount: number;
  importedCount: number;
  errors: ImportRowError[];
};

type RawRow = { row: number; values: Record<string, unknown> };

function columnFor(header: string): CustomerColumn | undefined {
  const h = header.trim();
  return CUSTOMER_COLUMNS.find((c) => c.header === h || c.key.toLowerCase() === h.toLowerCase());
}

function readCsv(content: string): RawRow[] {
  let records: string[][];
  try {
    records = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    // A malformed file is the uploader's to fix: BAD_USER_INPUT naming the line, not an internal error.
    if (!(error instanceof CsvError)) throw error;
    // csv-parse counts the line it stopped at (1-based, the header is line 1).
    const line = typeof error.lines === 'number' ? error.lines : null;
    throw new DomainError('BAD_USER_INPUT', 'customer.csvUnreadable', {
      params: { line: line ?? '?' },
      fields: { content: { key: 'customer.csvUnreadable', params: { line: line ?? '?' } } },
    });
  }
  return toRows(records);
}

async function readXlsx(base64: string): Promise<RawRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw badField('content', 'customer.xlsxUnreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const records: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[]; // 1-based; index 0 is empty
    records.push(
      values.slice(1).map((v) => (v && typeof v === 'object' && 'text' in v ? (v as { text: unknown }).text : v)),
    );
  });
  return toRows(records);
}

function toRows(records: unknown[][]): RawRow[] {
  const [header, ...body] = records;
  if (!header) return [];
  const columns = header.map((h) => columnFor(String(h ?? '')));
  if (!columns.some((c) => c?.key === 'name')) {
    throw badField('content', 'customer.nameColumnMissing');
  }
  return body.map((cells, i) => {
    const values: Record<string, unknown> = {};
    columns.forEach((column, j) => {
      if (column) values[column.key] = cells[j];
    });
    return { row: i + 2, values };
  });
}

/** Turns one file row into a CustomerInput-shaped object (dates, money, enum labels), collecting cell errors. */
function coerce(raw: RawRow, errors: ImportRowError[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of CUSTOMER_COLUMNS) {
    const value = raw.values[column.key];
    if (value == null || value === '' || column.exportOnly) continue;
    switch (column.kind) {
      case 'date': {
        const date =
          value instanceof Date
            ? value
            : /^\d{4}-\d{1,2}-\d{1,2}$/.test(String(value).trim())
              ? new Date(
                  `${String(value)
                    .trim()
                    .replace(/-(\d)(?=-|$)/g, '-0$1')}T00:00:00Z`,
                )
              : null;
        if (!date || Number.isNaN(date.getTime()))
          errors.push(rowError(raw.row, column.key, 'customer.importDateInvalid', { column: column.header }));
        else out[column.key] = date;
        break;
      }
      case 'money':
        out[column.key] = typeof value === 'number' ? value.toFixed(2) : String(value).replace(/[,，¥￥\s]/g, '');
        break;
      case 'enum': {
        const text = String(value).trim();
        const code = ENUM_LABELS[column.key]?.[text] ?? text.toUpperCase();
        out[column.key] = code;
        break;
      }
      case 'text':
        out[column.key] = csvCellValue(String(value)); // an exported file comes back without the export's formula guard
    }
  }
  return out;
}

/**
 * Imports customers from CSV text or base64 XLSX. **All or nothing:** every row is validated first (fields, duplicates
 * inside the file, numbers already in the database); if any row has an error nothing is written and every error is
 * returned with its row number. Otherwise all rows are created in one transaction.
 */
export async function importCustomers(
  viewer: Viewer,
  args: { format: 'CSV' | 'XLSX'; content: string; dryRun?: boolean | null },
): Promise<ImportResult> {
  requirePermission(viewer, 'customers:import');
  if (args.content.length > IMPORT_MAX_BYTES * 1.4) throw badField('content', 'customer.fileTooLarge');
  const rows = args.format === 'CSV' ? readCsv(args.content) : await readXlsx(args.content);
  const dryRun = !!args.dryRun;
  if (rows.length === 0) throw badField('content', 'customer.fileEmpty');
  if (rows.length > IMPORT_MAX_ROWS) throw badField('content', 'customer.tooManyRows', { max: IMPORT_MAX_ROWS });

  const errors: ImportRowError[] = [];
  const valid: { row: number; input: TCustomerInput }[] = [];
  // Numbers of every row, valid or not, so a duplicate is reported in the first round, not after other fixes.
  const numbers: { row: number; contractNo?: string; certificateNo?: string }[] = [];
  for (const raw of rows) {
    const cellErrors: ImportRowError[] = [];
    const candidate = coerce(raw, cellErrors);
    const numberOf = (key: 'contractNo' | 'certificateNo') =>
      (typeof candidate[key] === 'string' && candidate[key].trim()) || undefined;
    numbers.push({ row: raw.row, contractNo: numberOf('contractNo'), certificateNo: numberOf('certificateNo') });
    const parsed = ZCustomerInput.safeParse(candidate);
    if (!parsed.success) {
      for (const [field, problem] of Object.entries(zodFieldErrors(parsed.error))) {
        if (!cellErrors.some((e) => e.field === field))
          cellErrors.push(rowError(raw.row, field, problem.key, problem.params));
      }
    }
    errors.push(...cellErrors);
    if (parsed.success && cellErrors.length === 0) valid.push({ row: raw.row, input: parsed.data });
  }

  // Unique numbers: inside the file, and against the database.
  for (const key of ['contractNo', 'certificateNo'] as const) {
    const firstRow = new Map<string, number>();
    for (const entry of numbers) {
      const row = entry.row;
      const value = entry[key];
      if (!value) continue;
      const seen = firstRow.get(value);
      if (seen) errors.push(rowError(row, key, 'customer.importDuplicateRow', { row: seen }));
      else firstRow.set(value, row);
    }
    const values = [...firstRow.keys()];
    if (values.length) {
      const existing = await prisma.customer.findMany({
        where: { [key]: { in: values } },
        select: { contractNo: true, certificateNo: true },
      });
      const taken = new Set(existing.map((e) => e[key]));
      for (const { row, [key]: value } of numbers) {
        if (value && taken.has(value))
          errors.push(
            rowError(row, key, key === 'contractNo' ? 'customer.contractNoTaken' : 'customer.certificateNoTaken'),
          );
      }
    }
  }

  errors.sort((a, b) => a.row - b.row);
  if (errors.length || dryRun)
    return { ok: errors.length === 0, dryRun, rowCount: rows.length, importedCount: 0, errors };

  await prisma.$transaction(
    async (tx) => {
      const createdIds: string[] = [];
      for (const { input } of valid) {
        const { contacts: _c, contracts: _k, ownerId: _o, ...data } = input;
        const created = await tx.customer.create({
          data: {
            ...data,
            status: data.status ?? undefined,
            creditStanding: data.creditStanding ?? undefined,
            searchText: buildSearchText(data.name, data.contactPerson, []),
          },
          select: { id: true, status: true },
        });
        createdIds.push(created.id);
        await appendHistory(tx, viewer, {
          entityType: 'Customer',
          entityId: created.id,
          action: 'IMPORT',
          toState: created.status,
        });
      }
      // Webhooks: customer.created for every imported customer (the payload emitCustomerEvent sends), in one go.
      await emitWebhookEventsFor(
        tx,
        'customer.created',
        'Customer',
        Prisma.sql`
          SELECT c."id"::text AS "subjectId",
                 jsonb_build_object('id', c."id", 'name', c."name", 'status', c."status", 'grade', c."grade",
                                    'keyAccountStatus', c."keyAccountStatus") AS payload
          FROM unnest(${createdIds}::uuid[]) WITH ORDINALITY AS i(id, n) JOIN "Customer" c ON c."id" = i.id
          ORDER BY i.n`,
      );
    },
    { timeout: 120_000 },
  );
  return { ok: true, dryRun, rowCount: rows.length, importedCount: valid.length, errors: [] };
}
