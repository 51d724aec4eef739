import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider, type AbstractIntlMessages } from 'next-intl';
import { describe, expect, it } from 'vitest';
import type { ReportComplaintMonthlySummaryQuery } from '@/gql/graphql';
import { monthRange, summariseComplaints, type SummaryComplaint } from '@/graphql/reports/report.rules';
import { loadMessages } from '@/i18n/messages';
import { SummaryView } from './complaint-monthly-report';

type Summary = ReportComplaintMonthlySummaryQuery['complaintMonthlySummary'];
const TZ = 'Asia/Shanghai';

/** A summary as the GraphQL response carries it (instants as ISO strings). */
function summaryOf(complaints: SummaryComplaint[]): Summary {
  const range = monthRange('2026-11', TZ)!;
  const summary = summariseComplaints({
    range,
    previousRange: monthRange('2026-10', TZ)!,
    asOf: range.to,
    intake: [
      { type: 'COMPLAINT', count: complaints.length },
      { type: 'CONSULTATION', count: 3 },
    ],
    previousIntake: [],
    complaints,
    previousComplaints: [],
    priorComplaints: [],
    callbacks: [],
    hoursBetween: () => 2,
  });
  const wire: Summary = JSON.parse(JSON.stringify({ ...summary, timeZone: TZ }));
  return wire;
}

const complaint = (number: string, overrides: Partial<SummaryComplaint> = {}): SummaryComplaint => ({
  id: number,
  number,
  customerId: 'c',
  customerName: '甲精密',
  status: 'INVESTIGATING',
  severity: 'MAJOR',
  causeClass: 'QUALITY',
  departmentId: 'd',
  departmentName: '生产部',
  productRef: 'BR-118',
  createdAt: new Date('2026-11-03T02:00:00Z'),
  triagedAt: null,
  resolvedAt: null,
  closedAt: null,
  resolutionDueAt: new Date('2026-11-05T02:00:00Z'),
  rootCause: null,
  ...overrides,
});

async function render(summary: Summary, locale: 'zh-CN' | 'en' = 'zh-CN') {
  // The JSON files are the messages' shape; next-intl's type wants it spelled as nested strings.
  const messages: AbstractIntlMessages = JSON.parse(JSON.stringify(await loadMessages(locale)));
  return renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages,
      timeZone: TZ,
      children: createElement(SummaryView, { summary, timeZone: TZ }),
    }),
  );
}

describe('the monthly report view', () => {
  it('shows the KPI tiles, the chart boxes, the improvement focus and the tables, in both languages', async () => {
    const summary = summaryOf([complaint('TS-1'), complaint('TS-2', { createdAt: new Date('2026-11-04T02:00:00Z') })]);
    const zh = await render(summary);
    for (const id of [
      'kpi-total',
      'kpi-rate',
      'kpi-overdue',
      'kpi-on-time',
      'kpi-callbacks',
      'chart-severity',
      'chart-intake',
      'chart-department',
      'chart-products',
      'report-focus',
      'table-departments',
      'table-root-causes',
    ]) {
      expect(zh).toContain(`data-testid="${id}"`);
    }
    expect(zh).toMatch(/data-testid="kpi-total-value"[^>]*>2</);
    expect(zh).toMatch(/data-testid="kpi-rate-value"[^>]*>40\.0%</);
    expect(zh).toContain('质量问题 · 生产部');
    expect(zh).toContain('统计截至 2026-12-01 00:00');
    const en = await render(summary, 'en');
    expect(en).toContain('Improvement focus');
    expect(en).toContain('Quality · 生产部');
  });

  it('a month without complaints shows the empty state', async () => {
    const html = await render(summaryOf([]));
    expect(html).toContain('data-testid="report-empty"');
    expect(html).toContain('本月没有登记的投诉');
    expect(html).toContain('本月共受理 3 条咨询、查询和建议。');
    expect(html).not.toContain('data-testid="kpi-total"');
  });
});
