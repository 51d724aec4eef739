import { renderPdf, type DocBlock, type PrintableDocument } from '@/server/pdf/pdf-document';
import type { ComplaintPeriodReport } from './periodic-report.service';
import {
  causeLabel,
  departmentLabel,
  percent,
  severityLabel,
  summaryTables,
  tableBlocks,
  tablesXlsx,
  type PeriodWords,
  type SummaryTable,
} from './report.export';
import { periodTitle, reportTitle, type ReportPeriodKind } from './report-period.rules';

/**
 * 月度/季度/年度投诉与服务报告 as files: the PDF (charts drawn as vector bars and lines, each with a numbered caption,
 * then the tables) and the Excel workbook (one sheet per table). The monthly summary's tables are reused with
 * 本期/上期 headings; the Pareto, the top causes with their actions and satisfaction are this report's own.
 */

const WORDS: Record<ReportPeriodKind, PeriodWords> = {
  MONTH: { current: '本月', previous: '上月', change: '环比', period: '月份' },
  QUARTER: { current: '本季度', previous: '上季度', change: '环比', period: '季度' },
  YEAR: { current: '本年度', previous: '上年度', change: '同比', period: '年度' },
};

export const causeName = (r: {
  causeClass: string | null;
  departmentName: string | null;
  departmentId: string | null;
}) => `${causeLabel(r.causeClass)} · ${departmentLabel(r.departmentName, r.departmentId)}`;
const score = (value: number | null, digits = 1) => (value === null ? '—' : value.toFixed(digits));

/** The tables of the periodic report, in the order printed. */
export function periodicTables(r: ComplaintPeriodReport): SummaryTable[] {
  const w = WORDS[r.kind];
  const s = r.satisfaction;
  return [
    ...summaryTables(r.summary, w),
    {
      name: '满意度与回访',
      columns: [
        { header: '指标', kind: 'text' },
        { header: '数值', kind: 'wide' },
      ],
      rows: [
        ['满意度调查答卷', s.responses],
        ['平均满意度指数（0–100）', score(s.averageIndex)],
        ['低分答卷', s.lowScores],
        ['NPS', score(s.nps)],
        ['已评分回访', s.callbacksScored],
        ['回访平均得分（1–5）', score(s.averageCallbackScore, 2)],
        ['投诉总数', r.summary.total],
        ['回访完成率', percent(r.summary.callbacks.completionRate)],
      ],
    },
    {
      name: '原因帕累托',
      columns: [
        { header: '序号', kind: 'index' },
        { header: '原因 · 责任部门', kind: 'text' },
        { header: '投诉数', kind: 'number' },
        { header: '占比', kind: 'wide' },
        { header: '累计占比', kind: 'wide' },
      ],
      rows: r.pareto.map((p, i) => [i + 1, causeName(p), p.count, percent(p.share), percent(p.cumulativeShare)]),
    },
    {
      name: '主要原因与纠正措施',
      columns: [
        { header: '序号', kind: 'index' },
        { header: '原因 · 责任部门', kind: 'text' },
        { header: '投诉数', kind: 'number' },
        { header: '措施数', kind: 'number' },
        { header: '进行中', kind: 'number' },
        { header: '已完成', kind: 'number' },
        { header: '已验证', kind: 'number' },
        { header: '逾期', kind: 'number' },
      ],
      rows: r.topCauses.map((c, i) => [i + 1, causeName(c), c.count, c.actions, c.open, c.done, c.verified, c.overdue]),
    },
  ];
}

export function periodicFilename(r: Pick<ComplaintPeriodReport, 'kind' | 'period'>, ext: 'pdf' | 'xlsx') {
  return `投诉与服务报告-${r.period}.${ext}`;
}

/** The printable report: a summary, then numbered charts, each with its caption and its table. */
export function buildPeriodicReportDocument(r: ComplaintPeriodReport): PrintableDocument {
  const w = WORDS[r.kind];
  const s = r.summary;
  const table = tableBlocks(periodicTables(r));
  const legend: readonly [string, string] = [`${w.current} ${r.period}`, `${w.previous} ${r.previousPeriod}`];
  let figure = 0;
  const caption = (text: string) => `图 ${++figure} ${text}`;
  /** A numbered bar chart of this period against the last. */
  const compared = <T extends { count: number; previousCount: number }>(
    what: string,
    rows: readonly T[],
    label: (row: T) => string,
  ): DocBlock => ({
    kind: 'barChart',
    title: caption(`${what}的投诉数（${w.current} / ${w.previous}）`),
    bars: rows.map((x) => ({ label: label(x), value: x.count, compare: x.previousCount })),
    legend,
    emptyText: `${w.current}无投诉`,
  });
  const blocks: DocBlock[] = [
    {
      kind: 'paragraph',
      text: `报告期：${periodTitle(r.kind, r.period)}（${r.period}，${s.timeZone}）。统计范围：报告期内登记的投诉；时效类指标统计截至报告期末。`,
      muted: true,
    },
    { kind: 'section', title: '一、总体情况' },
    {
      kind: 'fields',
      pairs: [
        ['投诉总数', `${s.total}（${w.previous} ${s.previous.total}）`],
        ['投诉率（投诉 ÷ 全部受理）', percent(s.complaintRate)],
        ['按时解决率', percent(s.onTimeResolutionRate)],
        ['逾期未解决', s.overdue],
        ['回访完成率', percent(s.callbacks.completionRate)],
        ['平均满意度指数', score(r.satisfaction.averageIndex)],
        ['NPS', score(r.satisfaction.nps)],
        ['重复投诉', s.repeatComplaints],
      ],
      columns: 2,
    },
    { kind: 'section', title: '二、投诉分类' },
    compared('按严重度', s.bySeverity, (x) => severityLabel(x.severity)),
    table('严重度'),
    compared('按原因分类', s.byCauseClass, (x) => causeLabel(x.causeClass)),
    table('原因分类'),
    compared('按责任部门', s.byDepartment, (x) => departmentLabel(x.departmentName, x.departmentId)),
    table('责任部门', `${w.current}无投诉`),
    { kind: 'section', title: '三、处理时效与回访' },
    {
      kind: 'barChart',
      title: caption('按时关闭与回访完成率（%）'),
      max: 100,
      bars: [
        { label: '按时解决率', value: pct(s.onTimeResolutionRate), display: percent(s.onTimeResolutionRate) },
        { label: '回访完成率', value: pct(s.callbacks.completionRate), display: percent(s.callbacks.completionRate) },
      ],
    },
    { kind: 'section', title: '四、满意度与投诉' },
    {
      kind: 'barChart',
      title: caption('满意度指数与 NPS'),
      max: 100,
      bars: [
        { label: '平均满意度指数', value: r.satisfaction.averageIndex },
        {
          label: 'NPS',
          value: r.satisfaction.nps === null ? null : Math.max(0, r.satisfaction.nps),
          display: score(r.satisfaction.nps),
        },
      ],
    },
    table('满意度与回访'),
    { kind: 'section', title: '五、改进重点' },
    {
      kind: 'paretoChart',
      caption: caption('投诉原因帕累托图（柱：投诉数；折线：累计占比）'),
      items: r.pareto
        .slice(0, 10)
        .map((p, i) => ({ label: `${i + 1}`, value: p.count, cumulativeShare: p.cumulativeShare })),
      emptyText: `${w.current}无已分类的投诉`,
    },
    table('原因帕累托', `${w.current}无已分类的投诉`),
    { kind: 'paragraph', text: '主要原因及其纠正/预防措施状态：' },
    table('主要原因与纠正措施', `${w.current}无已分类的投诉`),
    { kind: 'signatures', labels: ['编制', '审核（质量经理）', '批准（客服部部长）'] },
  ];
  return {
    title: reportTitle(r.kind, r.period),
    subtitle: `报告期 ${r.period}`,
    filename: periodicFilename(r, 'pdf'),
    blocks,
  };
}

function pct(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}

export const periodicPdf = (r: ComplaintPeriodReport, generatedAt: Date) =>
  renderPdf(buildPeriodicReportDocument(r), { generatedAt, timeZone: r.summary.timeZone });

/** A workbook with one sheet per table. */
export const periodicXlsx = (r: ComplaintPeriodReport) => tablesXlsx(periodicTables(r));
