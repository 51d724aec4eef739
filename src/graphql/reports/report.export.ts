import ExcelJS from 'exceljs';
import complaints from '../../../messages/zh-CN/complaints.json';
import intake from '../../../messages/zh-CN/intake.json';
import { formatDateTime } from '@/lib/format';
import { csvFile, type CsvCell } from '@/server/export/csv';
import { renderPdf, type DocBlock, type PrintableDocument } from '@/server/pdf/pdf-document';
import type { PdfCell } from '@/server/pdf/pdf-report';
import type { ComplaintMonthlySummaryResult } from './report.service';
import type { FocusItem } from './report.rules';

/**
 * The monthly complaint summary as files (SPEC §9: CSV/Excel export, printable PDF report). One set of tables —
 * an overview and one table per breakdown — feeds all three, so the CSV, each Excel sheet and the PDF print the same
 * figures. Chinese labels, as the customer export: the files go to the company's management review.
 */

/** A column's kind decides its width and alignment on paper and in Excel: text takes what is left; wide holds changes and rates. */
export type SummaryColumn = { header: string; kind: 'text' | 'number' | 'wide' | 'code' | 'index' };
export type SummaryTable = { name: string; columns: readonly SummaryColumn[]; rows: readonly (readonly PdfCell[])[] };
const txt = (header: string): SummaryColumn => ({ header, kind: 'text' });
const num = (header: string): SummaryColumn => ({ header, kind: 'number' });
const chg = (header = '环比'): SummaryColumn => ({ header, kind: 'wide' });
const idx = (header = '序号'): SummaryColumn => ({ header, kind: 'index' });

type Labels = Record<string, string>;
const TYPE: Labels = intake.type;
const SEVERITY: Labels = complaints.severity;
const CAUSE: Labels = complaints.causeClass;
const NOT_TRIAGED = '未分级';
const NO_DEPARTMENT = '未分派';

export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const change = (count: number, previous: number) =>
  `${signed(count - previous)}${previous > 0 ? `（${signed(Math.round(((count - previous) / previous) * 1000) / 10)}%）` : ''}`;
const hours = (value: number | null) => (value === null ? '—' : value.toFixed(1));
export const severityLabel = (s: string | null) => (s ? (SEVERITY[s] ?? s) : NOT_TRIAGED);
export const causeLabel = (c: string | null) => (c ? (CAUSE[c] ?? c) : NOT_TRIAGED);
export const departmentLabel = (name: string | null, id: string | null) => name ?? (id ? id : NO_DEPARTMENT);

export function monthTitle(month: string): string {
  const [year, m] = month.split('-');
  return `${year} 年 ${Number(m)} 月`;
}

/** One line for an improvement-focus item, e.g. "质量问题 · 生产部" or "产品 BR-118". */
export function focusLabel(item: FocusItem): string {
  switch (item.kind) {
    case 'CAUSE_DEPARTMENT':
      return `${causeLabel(item.causeClass ?? null)} · ${departmentLabel(item.departmentName ?? null, item.departmentId ?? null)}`;
    case 'PRODUCT':
      return `产品 ${item.productRef}`;
    case 'REPEAT_CUSTOMER':
      return `客户 ${item.customerName ?? item.customerId} 90 天内重复投诉`;
    case 'OVERDUE_DEPARTMENT':
      return `${departmentLabel(item.departmentName ?? null, item.departmentId ?? null)} 逾期未解决`;
  }
}

/** What "this period" and "the last" are called in the tables: 本月/上月 in the monthly summary, 本期/上期 else. */
export type PeriodWords = { current: string; previous: string; change: string; period: string };
export const MONTH_WORDS: PeriodWords = { current: '本月', previous: '上月', change: '环比', period: '月份' };

/** A table of counts this period and the last, with the change, one row per group. */
function monthOnMonth<T extends { count: number; previousCount: number }>(
  name: string,
  header: string,
  groups: readonly T[],
  label: (group: T) => string,
  w: PeriodWords,
): SummaryTable {
  return {
    name,
    columns: [txt(header), num(w.current), num(w.previous), chg(w.change)],
    rows: groups.map((r) => [label(r), r.count, r.previousCount, change(r.count, r.previousCount)]),
  };
}

const asOfText = (s: ComplaintMonthlySummaryResult) => formatDateTime(s.asOf.toISOString(), s.timeZone);

export function summaryTables(s: ComplaintMonthlySummaryResult, w: PeriodWords = MONTH_WORDS): SummaryTable[] {
  const a = s.averageBusinessHours;
  return [
    {
      name: '概览',
      columns: [txt('指标'), num(w.current), num(w.previous)],
      rows: [
        [w.period, s.month, s.previous.month],
        ['投诉总数', s.total, s.previous.total],
        ['环比变化', change(s.total, s.previous.total), null],
        ['受理总数（咨询、查询、投诉、建议）', s.intakeTotal, s.previous.intakeTotal],
        ['投诉率（投诉 ÷ 全部受理）', percent(s.complaintRate), percent(s.previous.complaintRate)],
        ['处理中（当前）', s.statusGroups.open, null],
        ['已解决（当前）', s.statusGroups.resolved, null],
        ['已关闭（当前）', s.statusGroups.closed, null],
        ['已驳回（当前）', s.statusGroups.rejected, null],
        ['逾期未解决', s.overdue, null],
        ['按期解决', s.resolvedOnTime, null],
        ['超期解决', s.resolvedLate, null],
        ['按时解决率', percent(s.onTimeResolutionRate), null],
        ['平均分派时长（工作小时）', hours(a.toTriage), null],
        ['平均解决时长（工作小时）', hours(a.toResolve), null],
        ['平均关闭时长（工作小时）', hours(a.toClose), null],
        ['重复投诉（同一客户 90 天内）', s.repeatComplaints, null],
        ['应回访', s.callbacks.due, null],
        ['已回访', s.callbacks.done, null],
        ['按期回访', s.callbacks.doneOnTime, null],
        ['回访逾期', s.callbacks.overdue, null],
        ['回访完成率', percent(s.callbacks.completionRate), null],
        ['统计截至', asOfText(s), null],
      ],
    },
    monthOnMonth('受理类型', '类型', s.intake, (r) => TYPE[r.type] ?? r.type, w),
    monthOnMonth('严重度', '严重度', s.bySeverity, (r) => severityLabel(r.severity), w),
    monthOnMonth('原因分类', '原因分类', s.byCauseClass, (r) => causeLabel(r.causeClass), w),
    {
      name: '责任部门',
      columns: [txt('责任部门'), num(w.current), num(w.previous), chg(w.change), num('处理中'), num('逾期')],
      rows: s.byDepartment.map((r) => [
        departmentLabel(r.departmentName, r.departmentId),
        r.count,
        r.previousCount,
        change(r.count, r.previousCount),
        r.open,
        r.overdue,
      ]),
    },
    {
      name: '产品',
      columns: [txt('产品/零件号'), num('投诉数')],
      rows: s.topProducts.map((r) => [r.productRef, r.count]),
    },
    {
      name: '原因×部门',
      columns: [txt('原因分类'), txt('责任部门'), num('投诉数')],
      rows: s.topCauses.map((r) => [
        causeLabel(r.causeClass),
        departmentLabel(r.departmentName, r.departmentId),
        r.count,
      ]),
    },
    {
      name: '重复投诉',
      columns: [txt('客户'), num(`${w.current}投诉`), num('其中重复'), chg(`近 90 天及${w.current}`)],
      rows: s.repeatCustomers.map((r) => [r.customerName ?? r.customerId, r.complaints, r.repeats, r.inWindow]),
    },
    {
      name: '8D根本原因',
      columns: [{ header: '投诉编号', kind: 'code' }, txt('发生原因'), txt('流出原因')],
      rows: s.rootCauses.map((r) => [r.number, r.occurrence, r.outflow]),
    },
    {
      name: '改进重点',
      columns: [idx(), txt('改进重点'), num('投诉数'), chg(`占${w.current}投诉`)],
      rows: s.improvementFocus.map((f, i) => [i + 1, focusLabel(f), f.count, percent(f.share)]),
    },
  ];
}

const EXCEL_WIDTH: Record<SummaryColumn['kind'], number> = { text: 36, number: 12, wide: 16, code: 18, index: 8 };
const PDF_COLUMN: Record<SummaryColumn['kind'], { width?: number; align: 'left' | 'right' | 'center' }> = {
  text: { align: 'left' },
  number: { width: 56, align: 'right' },
  wide: { width: 88, align: 'right' },
  code: { width: 96, align: 'left' },
  index: { width: 36, align: 'center' },
};

const cellText = (value: PdfCell) => (value === null || value === undefined ? '' : String(value));

/** One CSV: the tables one after another, each under its name, a blank line between. Counts stay numbers. */
export function summaryCsv(s: ComplaintMonthlySummaryResult): string {
  const lines: (readonly CsvCell[])[] = [[`月度投诉汇总与分析 ${s.month}`]];
  for (const table of summaryTables(s))
    lines.push(
      [],
      [`【${table.name}】`],
      table.columns.map((c) => c.header),
      ...table.rows,
    );
  return csvFile(lines);
}

/** A workbook with one sheet per table. */
export const summaryXlsx = (s: ComplaintMonthlySummaryResult) => tablesXlsx(summaryTables(s));

/** One sheet per table, bold headers, widths by column kind (also the periodic report's workbook). */
export async function tablesXlsx(tables: readonly SummaryTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kefu';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name);
    sheet.columns = table.columns.map(({ header, kind }) => ({ header, width: EXCEL_WIDTH[kind] }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((v) => (v === undefined ? null : v)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A PDF table block by the name of one of `tables`, its columns sized by kind. */
export function tableBlocks(tables: readonly SummaryTable[]) {
  const byName = new Map(tables.map((t) => [t.name, t]));
  return (name: string, emptyText = '无'): DocBlock => {
    const t = byName.get(name)!;
    return {
      kind: 'table',
      columns: t.columns.map(({ header, kind }) => ({ header, ...PDF_COLUMN[kind] })),
      rows: t.rows,
      emptyText,
    };
  };
}

/** The printable monthly report: the overview, charts where a comparison is easier seen than read, the tables. */
export function buildMonthlyReportDocument(s: ComplaintMonthlySummaryResult): PrintableDocument {
  const all = summaryTables(s);
  const tables = new Map(all.map((t) => [t.name, t]));
  const table = tableBlocks(all);
  const legend: readonly [string, string] = [`本月 ${s.month}`, `上月 ${s.previous.month}`];
  const blocks: DocBlock[] = [
    {
      kind: 'paragraph',
      text: `统计范围：${monthTitle(s.month)}登记的投诉（${s.timeZone}）。时效类指标统计截至 ${asOfText(s)}；状态为当前状态。时长按工作日历的工作小时计。`,
      muted: true,
    },
    { kind: 'section', title: '一、总体情况' },
    {
      kind: 'fields',
      pairs: tables
        .get('概览')!
        .rows.filter((r) => r[0] !== '月份' && r[0] !== '统计截至')
        .map(
          (r) =>
            [
              String(r[0]),
              r[2] === null || r[2] === undefined ? r[1] : `${cellText(r[1])}（上月 ${cellText(r[2])}）`,
            ] as const,
        ),
    },
  ];
  if (s.total === 0) blocks.push({ kind: 'paragraph', text: '本月没有登记的投诉。' });
  blocks.push(
    { kind: 'section', title: '二、受理类型与投诉率' },
    {
      kind: 'barChart',
      title: '受理数量（本月 / 上月）',
      bars: s.intake.map((r) => ({ label: TYPE[r.type] ?? r.type, value: r.count, compare: r.previousCount })),
      legend,
    },
    table('受理类型'),
    { kind: 'section', title: '三、严重度与原因分类' },
    {
      kind: 'barChart',
      title: '按严重度',
      bars: s.bySeverity.map((r) => ({ label: severityLabel(r.severity), value: r.count, compare: r.previousCount })),
      legend,
    },
    table('严重度'),
    {
      kind: 'barChart',
      title: '按原因分类',
      bars: s.byCauseClass.map((r) => ({ label: causeLabel(r.causeClass), value: r.count, compare: r.previousCount })),
      legend,
    },
    table('原因分类'),
    { kind: 'section', title: '四、责任部门' },
    {
      kind: 'barChart',
      title: '按责任部门',
      bars: s.byDepartment.map((r) => ({
        label: departmentLabel(r.departmentName, r.departmentId),
        value: r.count,
        compare: r.previousCount,
      })),
      legend,
      emptyText: '本月无投诉',
    },
    table('责任部门', '本月无投诉'),
    { kind: 'section', title: '五、主要问题' },
    {
      kind: 'barChart',
      title: '投诉最多的产品/零件',
      bars: s.topProducts.map((r) => ({ label: r.productRef, value: r.count })),
      emptyText: '未登记产品',
    },
    table('原因×部门'),
    // The Excel sheet has the root causes as a table; on paper one text block wraps long causes better.
    {
      kind: 'text',
      label: '8D 根本原因（D4）',
      value: s.rootCauses.length
        ? s.rootCauses.map((r) => `${r.number}：发生 — ${r.occurrence ?? '—'}；流出 — ${r.outflow ?? '—'}`).join('\n')
        : '本月投诉尚无 8D 根本原因',
    },
    { kind: 'section', title: '六、重复投诉与回访' },
    table('重复投诉', '本月无重复投诉'),
    { kind: 'section', title: '七、改进重点' },
    table('改进重点', '本月无突出问题'),
    { kind: 'signatures', labels: ['编制', '审核（质量经理）', '批准（客服部部长）'] },
  );
  return {
    title: '月度投诉汇总与分析',
    subtitle: monthTitle(s.month),
    filename: `月度投诉汇总-${s.month}.pdf`,
    blocks,
  };
}

export const summaryPdf = (s: ComplaintMonthlySummaryResult, generatedAt: Date) =>
  renderPdf(buildMonthlyReportDocument(s), { generatedAt, timeZone: s.timeZone });
