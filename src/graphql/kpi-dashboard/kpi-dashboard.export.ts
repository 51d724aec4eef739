import 'server-only';
import type { Table } from '../survey-analysis/survey.export';
import type { KeyCount, KpiDashboardModel, Triple } from './kpi-dashboard.service';
import { formatDate } from '@/lib/format';

/**
 * The dashboard's tables as files (CSV/Excel through survey.export's writers): one table per chart, each figure with
 * the previous period and the same period last year beside it. Headers in Chinese, as the other report files.
 */
export const KPI_TABLES = [
  'summary',
  'type',
  'severity',
  'cause',
  'department',
  'product',
  'month',
  'keyAccounts',
] as const;
export type KpiTableId = (typeof KPI_TABLES)[number];

const SEVERITY: Record<string, string> = { GENERAL: '一般', MAJOR: '重大', CRISIS: '危机' };
const CAUSE: Record<string, string> = { QUALITY: '质量', NON_QUALITY: '非质量' };
const TYPE: Record<string, string> = { COMPLAINT: '投诉', CONSULTATION: '咨询', INQUIRY: '查询', SUGGESTION: '建议' };
const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

export function kpiTables(d: KpiDashboardModel, only?: KpiTableId | null): Table[] {
  const header = (first: string) => [
    first,
    d.periods.current.period,
    d.periods.previous.period,
    d.periods.lastYear.period,
  ];
  const row = (label: string, t: Triple<number | null>) => [
    label,
    round(t.current),
    round(t.previous),
    round(t.lastYear),
  ];
  const counts = (title: string, first: string, rows: readonly KeyCount[], label: (k: string | null) => string) => ({
    title,
    header: header(first),
    rows: rows.map((r) => row(label(r.key === null ? null : (r.label ?? r.key)), r.counts)),
  });
  const pick = <K extends 'median' | 'p90'>(t: KpiDashboardModel['toTriage'], k: K) => ({
    current: t.current[k],
    previous: t.previous[k],
    lastYear: t.lastYear[k],
  });
  const rate = (t: KpiDashboardModel['triageOnTime']) => ({
    current: t.current.rate,
    previous: t.previous.rate,
    lastYear: t.lastYear.rate,
  });
  const callbacks = (k: 'completionRate' | 'accuracy' | 'timeliness' | 'attitude') => ({
    current: d.callbacks.current[k],
    previous: d.callbacks.previous[k],
    lastYear: d.callbacks.lastYear[k],
  });
  const none = (text: string) => (k: string | null) => k ?? text;
  const tables: Record<KpiTableId, Table> = {
    summary: {
      title: '关键指标',
      header: header('指标'),
      rows: [
        row('投诉总数', d.total),
        row('服务客户数', d.customersServed),
        row('每百客户投诉率', d.ratePer100Customers),
        row('每百万元合同额投诉数', d.ratePerContractVolume),
        row('受理时长中位数（工作小时）', pick(d.toTriage, 'median')),
        row('受理时长P90（工作小时）', pick(d.toTriage, 'p90')),
        row('解决时长中位数（工作小时）', pick(d.toResolve, 'median')),
        row('解决时长P90（工作小时）', pick(d.toResolve, 'p90')),
        row('关闭时长中位数（工作小时）', pick(d.toClose, 'median')),
        row('关闭时长P90（工作小时）', pick(d.toClose, 'p90')),
        row('受理按时率', rate(d.triageOnTime)),
        row('解决按时率', rate(d.resolutionOnTime)),
        row('回访按时率', rate(d.callbackOnTime)),
        row('重复投诉', d.repeatComplaints),
        row('回访完成率', callbacks('completionRate')),
        row('回访准确性评分', callbacks('accuracy')),
        row('回访及时性评分', callbacks('timeliness')),
        row('回访态度评分', callbacks('attitude')),
        ['当前超期', d.overdueNow, null, null],
      ],
    },
    type: counts('按类型', '类型', d.byType, (k) => (k ? (TYPE[k] ?? k) : '—')),
    severity: counts('按严重度', '严重度', d.bySeverity, (k) => (k ? (SEVERITY[k] ?? k) : '未分级')),
    cause: counts('按原因类别', '原因类别', d.byCauseClass, (k) => (k ? (CAUSE[k] ?? k) : '未分级')),
    department: counts('按责任部门', '责任部门', d.byDepartment, none('未指定部门')),
    product: counts('按产品', '产品/零件', d.byProduct, none('未填写')),
    month: { title: '按月', header: ['月份', '投诉数'], rows: d.byMonth.map((m) => [m.month, m.count]) },
    keyAccounts: {
      title: '重点客户健康度',
      header: ['客户', '未结投诉', '超期义务', '最近满意度指数', '最近拜访', '本期三包费用'],
      rows: d.keyAccounts.map((k) => [
        k.name || k.customerId,
        k.openComplaints,
        k.overdueObligations,
        k.lastIndex,
        k.lastVisitAt ? formatDate(k.lastVisitAt.toISOString(), d.timeZone) : null,
        k.warrantyCost,
      ]),
    },
  };
  return only ? [tables[only]] : KPI_TABLES.map((id) => tables[id]);
}
