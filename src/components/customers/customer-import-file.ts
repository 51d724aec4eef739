import { CUSTOMER_COLUMNS } from '@/graphql/customers/customer-columns.rules';
import { IMPORT_MAX_BYTES } from '@/graphql/customers/customer-import.rules';

/** What importCustomers takes: CSV as text, Excel as base64. */
export type ImportPayload = { format: 'CSV' | 'XLSX'; content: string };

export class ImportFileError extends Error {
  constructor(readonly reason: 'unsupportedType' | 'tooLarge' | 'empty') {
    super(reason);
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000; // String.fromCharCode takes its arguments on the stack; keep each call small
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/**
 * CSV bytes as text. Files saved by Excel on Chinese Windows are often GBK rather than UTF-8, so a file that is not
 * valid UTF-8 is read as GB18030 (a superset of GBK) instead of turning every Chinese character into "�".
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export async function readImportFile(file: File): Promise<ImportPayload> {
  const name = file.name.toLowerCase();
  const format = name.endsWith('.csv') ? 'CSV' : name.endsWith('.xlsx') ? 'XLSX' : null;
  if (!format) throw new ImportFileError('unsupportedType');
  if (file.size === 0) throw new ImportFileError('empty');
  if (file.size > IMPORT_MAX_BYTES) throw new ImportFileError('tooLarge');
  const bytes = new Uint8Array(await file.arrayBuffer());
  return format === 'CSV' ? { format, content: decodeCsv(bytes) } : { format, content: bytesToBase64(bytes) };
}

/** The import template: the export's header row (UTF-8 with a BOM so Excel shows the Chinese headers). */
export function templateCsvHref(): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent('\uFEFF' + CUSTOMER_COLUMNS.map((c) => c.header).join(',') + '\r\n')}`;
}

export const IMPORT_HEADERS = CUSTOMER_COLUMNS.map((c) => ({ key: c.key, header: c.header, kind: c.kind }));
