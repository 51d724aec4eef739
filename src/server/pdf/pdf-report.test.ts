import { describe, expect, it } from 'vitest';
import { columnWidths, pageRuns, PdfReport } from './pdf-report';

describe('PdfReport', () => {
  it('writes a PDF with the Chinese font embedded, a table and a footer on every page', async () => {
    const report = new PdfReport({
      title: '客户投诉处理单',
      subtitle: 'TS-2026-000123 · 已结案',
      organisation: '客服通',
      generatedAt: new Date('2026-12-01T02:00:00Z'),
      timeZone: 'Asia/Shanghai',
    });
    report.section('一、基本信息').fields([
      ['客户', '华东精密汽配有限公司（喆堃）'],
      ['编号', 'TS-2026-000123'],
      ['严重度', '重大'],
      ['责任部门', null],
    ]);
    report.textBlock('问题描述', '第 3 批次零件外径超差 0.2 mm，顾客产线停线。');
    report.table(
      [{ header: '类型', width: 80 }, { header: '内容' }, { header: '期限', width: 80, align: 'right' }],
      Array.from({ length: 60 }, (_, i) => ['纠正措施', `更换刀具并加严首件检验 ${i}`, '2026-12-31']),
    );
    report.signatures(['处理人', '质量经理', '客户']);
    const pdf = await report.toBuffer();
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toContain('NotoSansSC');
    // 60 action rows do not fit on one page: the table breaks over pages and each page has its footer.
    const pages = (raw.match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    expect(pdf.length).toBeLessThan(200_000);
  });
});

describe('PdfReport.barChart', () => {
  it('draws labelled bars (null values as an empty track) and breaks pages with the title kept to its bars', async () => {
    const report = new PdfReport({
      title: '满意度报告',
      generatedAt: new Date('2026-12-01T02:00:00Z'),
      timeZone: 'Asia/Shanghai',
    });
    for (let i = 0; i < 12; i++) {
      report.barChart(
        [
          { label: '服务及时性', value: 77.2 },
          { label: '收费合理性', value: null },
          { label: '超出上限', value: 140, display: '140（封顶）' },
        ],
        { title: `第 ${i + 1} 题`, max: 100 },
      );
    }
    const raw = (await report.toBuffer()).toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect((raw.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(1);
  });
});

describe('table pages', () => {
  it('shares the width left by fixed columns among the * columns', () => {
    expect(columnWidths([{ width: 80 }, {}, { width: '*' }, { width: 40 }], 400)).toEqual([80, 140, 140, 40]);
    expect(columnWidths([{ width: 300 }, {}], 200)).toEqual([300, 0]);
  });

  it('fills each page under its own header and never splits a row', () => {
    // 100 pt left on this page, 300 on a fresh one, header 20: 80 → rows of 30+30 (a third would reach 90 ≥ 80);
    // then 280 per page → 9 rows of 30 (270), then the rest.
    expect(pageRuns(Array(20).fill(30), 20, 100, 300)).toEqual([2, 9, 9]);
    expect(pageRuns([10, 500, 10], 20, 100, 300)).toEqual([1, 1, 1]); // a row taller than a page goes alone
    expect(pageRuns([], 20, 100, 300)).toEqual([]);
    expect(pageRuns([90], 20, 50, 300)).toEqual([1]); // the first row always starts where the table starts
  });
});
