import { describe, expect, it } from 'vitest';
import { blocksOf } from '@/server/pdf/pdf-document';
import { buildMonthlyReportDocument, focusLabel, summaryCsv, summaryTables } from './report.export';
import { monthRange, summariseComplaints } from './report.rules';

const TZ = 'Asia/Shanghai';
const empty = {
  ...summariseComplaints({
    range: monthRange('2026-02', TZ)!,
    previousRange: monthRange('2026-01', TZ)!,
    asOf: monthRange('2026-02', TZ)!.to,
    intake: [],
    previousIntake: [],
    complaints: [],
    previousComplaints: [],
    priorComplaints: [],
    callbacks: [],
    hoursBetween: () => 0,
  }),
  timeZone: TZ,
};

describe('monthly summary files', () => {
  it('words each improvement focus in one line', () => {
    expect(
      focusLabel({
        kind: 'CAUSE_DEPARTMENT',
        count: 3,
        share: 0.5,
        causeClass: 'QUALITY',
        departmentId: 'd',
        departmentName: '生产部',
      }),
    ).toBe('质量问题 · 生产部');
    expect(
      focusLabel({
        kind: 'CAUSE_DEPARTMENT',
        count: 2,
        share: 0.5,
        causeClass: null,
        departmentId: null,
        departmentName: null,
      }),
    ).toBe('未分级 · 未分派');
    expect(focusLabel({ kind: 'PRODUCT', count: 2, share: 0.5, productRef: 'BR-118' })).toBe('产品 BR-118');
    expect(focusLabel({ kind: 'REPEAT_CUSTOMER', count: 2, share: 0.5, customerId: 'c1', customerName: null })).toBe(
      '客户 c1 90 天内重复投诉',
    );
    expect(
      focusLabel({ kind: 'OVERDUE_DEPARTMENT', count: 1, share: 0.5, departmentId: 'd', departmentName: '生产部' }),
    ).toBe('生产部 逾期未解决');
  });

  it('an empty month still has every table, says so on paper, and prints the charts with zero bars', () => {
    expect(summaryTables(empty).map((t) => [t.name, t.rows.length])).toEqual([
      ['概览', 23],
      ['受理类型', 4],
      ['严重度', 3],
      ['原因分类', 2],
      ['责任部门', 0],
      ['产品', 0],
      ['原因×部门', 0],
      ['重复投诉', 0],
      ['8D根本原因', 0],
      ['改进重点', 0],
    ]);
    const doc = buildMonthlyReportDocument(empty);
    expect(doc).toMatchObject({
      title: '月度投诉汇总与分析',
      subtitle: '2026 年 2 月',
      filename: '月度投诉汇总-2026-02.pdf',
    });
    expect(blocksOf(doc, 'paragraph').map((p) => p.text)).toContain('本月没有登记的投诉。');
    expect(blocksOf(doc, 'barChart').map((c) => [c.title, c.bars.length])).toEqual([
      ['受理数量（本月 / 上月）', 4],
      ['按严重度', 3],
      ['按原因分类', 2],
      ['按责任部门', 0],
      ['投诉最多的产品/零件', 0],
    ]);
    expect(summaryCsv(empty)).toContain('投诉率（投诉 ÷ 全部受理）,—,—');
  });
});
