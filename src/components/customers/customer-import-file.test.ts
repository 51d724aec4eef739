import { describe, expect, it } from 'vitest';
import { bytesToBase64, decodeCsv, templateCsvHref } from './customer-import-file';

describe('import file reading', () => {
  it('encodes bytes as base64, also for large files', () => {
    expect(bytesToBase64(new Uint8Array([0, 1, 2, 253, 254, 255]))).toBe(
      Buffer.from([0, 1, 2, 253, 254, 255]).toString('base64'),
    );
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });

  it('reads UTF-8 CSV and falls back to GB18030 for files saved by Chinese Excel', () => {
    expect(decodeCsv(new TextEncoder().encode('公司名称\n华东机械'))).toBe('公司名称\n华东机械');
    // "公司名称" in GBK
    expect(decodeCsv(new Uint8Array([0xb9, 0xab, 0xcb, 0xbe, 0xc3, 0xfb, 0xb3, 0xc6]))).toBe('公司名称');
  });

  it('offers a template with the export headers', () => {
    const text = decodeURIComponent(templateCsvHref().split(',').slice(1).join(','));
    expect(text.startsWith('\uFEFF合同编号,证书编号,公司名称,')).toBe(true);
  });
});
