import { TIME_ZONE } from '@/i18n/config';
import { formatDateTime } from '@/lib/format';
import { requirePermission } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import { badField, notFound } from '@/server/errors';
import { PdfReport } from '@/server/pdf/pdf-report';
import type { Viewer } from '@/server/viewer';
import { surveyAnalysis, surveyBreakdown, surveyTrend } from './survey-analysis.service';
import { PERIOD_LABEL } from '../survey-campaigns/survey-campaign.rules';
import { SOURCE_LABEL } from './survey.export';

/**
 * The printable quarterly satisfaction report [000 §4.7.1 "每季度…对顾客满意度调查结果的分析形成文件"]: the period's
 * index with its formula, the dimensions, every question's distribution, the trend against the previous periods, the
 * breakdown by province and the low-score responses to follow up. Same numbers as the console's analysis page.
 */
const LOW_SCORE_ROWS = 100;
const TREND_PERIODS = 6;

export async function quarterlySurveyReport(
  viewer: Viewer,
  rawPeriod: string | null,
  now: Date,
): Promise<{ filename: string; pdf: Buffer }> {
  requirePermission(viewer, 'surveys:read');
  const period = (rawPeriod ?? '').trim().toUpperCase();
  if (!PERIOD_LABEL.test(period)) throw badField('period', 'survey.periodFormat');
  const campaigns = await prisma.surveyCampaign.findMany({
    where: { periodLabel: period, status: { not: 'DRAFT' } },
    select: { id: true, name: true, opensAt: true, closesAt: true, status: true },
    orderBy: { opensAt: 'asc' },
  });
  if (campaigns.length === 0) throw notFound('Survey period');
  const memo = new Map<string, Promise<unknown>>();
  const filter = { periodLabels: [period] };
  const [analysis, allPeriods, provinces, low] = await Promise.all([
    surveyAnalysis(viewer, filter, memo),
    surveyTrend(viewer, {}, memo),
    surveyBreakdown(viewer, filter, 'PROVINCE', memo),
    prisma.surveyResponse.findMany({
      where: { campaignId: { in: campaigns.map((c) => c.id) }, submittedAt: { not: null }, lowScore: true },
      orderBy: [{ indexScore: { sort: 'asc', nulls: 'first' } }, { submittedAt: 'desc' }],
      take: LOW_SCORE_ROWS,
      include: {
        customer: { select: { name: true, province: true } },
        _count: { select: { callbacks: true, complaints: true } },
      },
    }),
  ]);
  const upTo = allPeriods.findIndex((p) => p.periodLabel === period);
  const trend = allPeriods.slice(Math.max(0, upTo - TREND_PERIODS + 1), upTo + 1);

  const report = new PdfReport({
    title: `客户满意度季度分析报告（${period}）`,
    subtitle: campaigns.map((c) => c.name).join('、'),
    organisation: '客服通',
    generatedAt: now,
    timeZone: TIME_ZONE,
  });
  report.section('一、概况').fields(
    [
      ['调查期间', period],
      [
        '调查时间',
        `${formatDateTime(campaigns[0]!.opensAt.toISOString(), TIME_ZONE)} 至 ${formatDateTime(campaigns.at(-1)!.closesAt.toISOString(), TIME_ZONE)}`,
      ],
      ['邀请客户', analysis.invited],
      ['回收答卷', analysis.responses],
      ['回收率', `${(analysis.responseRate * 100).toFixed(1)}%`],
      ['满意度指数', analysis.index === null ? null : analysis.index.toFixed(1)],
      ['NPS', analysis.nps ? analysis.nps.score.toFixed(1) : null],
      ['低分答卷', analysis.lowScores],
    ],
    { columns: 2 },
  );
  report.textBlock(
    '满意度指数计算',
    `${analysis.formula}\n各题得分换算为 0–100：1–5 分题 (分值−1)÷4×100，1–10 分题 (分值−1)÷9×100，NPS 分值÷10×100，计分选项按其分值；维度得分为该维度全部回答的平均；指数为有回答的维度按权重加权平均。`,
  );

  report.section('二、各维度得分');
  report.barChart(
    analysis.dimensions.map((d) => ({ label: `${d.name}（权重 ${d.weight.toFixed(2)}）`, value: d.score })),
    { max: 100 },
  );
  report.table(
    [
      { header: '维度' },
      { header: '权重', width: 60, align: 'right' },
      { header: '有效权重', width: 70, align: 'right' },
      { header: '得分', width: 60, align: 'right' },
      { header: '回答数', width: 60, align: 'right' },
    ],
    analysis.dimensions.map((d) => [
      d.name,
      d.weight.toFixed(2),
      d.effectiveWeight.toFixed(2),
      d.score === null ? null : d.score.toFixed(1),
      d.answers,
    ]),
  );

  report.section('三、各题回答分布');
  for (const q of analysis.questions) {
    const head = `${q.question.position + 1}. ${q.question.text}（回答 ${q.answered}${q.average !== null ? `，平均 ${q.average.toFixed(2)}` : ''}${q.score !== null ? `，得分 ${q.score.toFixed(1)}` : ''}）`;
    if (q.distribution.length === 0) {
      report.paragraph(`${head}：文字回答 ${q.textAnswers} 条`, { muted: true });
      continue;
    }
    report.barChart(
      q.distribution.map((b) => ({
        label: b.label,
        value: b.share * 100,
        display: `${b.count}（${(b.share * 100).toFixed(0)}%）`,
      })),
      { max: 100, color: '#0d9488', title: head },
    );
  }

  report.section('四、与以往期间比较');
  report.barChart(
    trend.map((p) => ({ label: p.periodLabel, value: p.index })),
    { max: 100, color: '#7c3aed' },
  );
  indexTable(
    report,
    '期间',
    trend.map((p) => ({ ...p, name: p.periodLabel })),
  );

  report.section('五、按省份');
  indexTable(
    report,
    '省份',
    provinces.map((s) => ({ ...s, name: s.value ?? '（未填）' })),
  );

  report.section('六、低分答卷（需跟进）');
  report.table(
    [
      { header: '客户' },
      { header: '省份', width: 60 },
      { header: '指数', width: 50, align: 'right' },
      { header: '来源', width: 60 },
      { header: '提交时间', width: 100 },
      { header: '跟进', width: 80 },
    ],
    low.map((r) => [
      r.customer.name,
      r.customer.province,
      r.indexScore ? r.indexScore.toFixed(1) : null,
      SOURCE_LABEL[r.source],
      r.submittedAt ? formatDateTime(r.submittedAt.toISOString(), TIME_ZONE) : null,
      r._count.callbacks + r._count.complaints > 0
        ? `回访 ${r._count.callbacks} / 投诉 ${r._count.complaints}`
        : '未跟进',
    ]),
    { emptyText: '本期无低分答卷' },
  );
  report.signatures(['编制（市场部）', '审核', '批准（主管副总）']);
  return { filename: `满意度季度报告-${period}.pdf`, pdf: await report.toBuffer() };
}

type IndexRow = { name: string; responses: number; index: number | null; nps: number | null };

/** Responses, index and NPS per named group (a period, a province). */
function indexTable(report: PdfReport, header: string, rows: IndexRow[]): void {
  report.table(
    [
      { header },
      { header: '答卷数', width: 70, align: 'right' },
      { header: '满意度指数', width: 80, align: 'right' },
      { header: 'NPS', width: 70, align: 'right' },
    ],
    rows.map((r) => [r.name, r.responses, r.index?.toFixed(1) ?? null, r.nps?.toFixed(1) ?? null]),
  );
}
