import ExcelJS from 'exceljs';
import type { ResponseSource } from '@/generated/prisma/enums';
import { TIME_ZONE } from '@/i18n/config';
import { formatDateTime } from '@/lib/format';
import { requirePermission } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import { csvFile } from '@/server/export/csv';
import type { Viewer } from '@/server/viewer';
import { surveyAnalysis, surveyBreakdown, surveyTrend, type AnalysisFilter } from './survey-analysis.service';
import { responseWhere, type ResponseFilter } from '../survey-responses/survey-response.service';
import { parseChoices } from '../survey-templates/survey-template.rules';

/**
 * Survey exports (SPEC §6 "charts and export"): the raw responses — one row per response, one column per question —
 * and the analysis tables, as CSV (UTF-8 with BOM, so Excel opens the Chinese intact) or Excel. Responses are read in
 * batches by cursor, so memory stays flat; the analysis is the same aggregate the console shows.
 */
export type ExportFormat = 'csv' | 'xlsx';
export type Table = { title: string; header: string[]; rows: (string | number | null)[][] };

const BATCH = 1000;
export const EXPORT_ROW_LIMIT = 100_000;

export const SOURCE_LABEL: Record<ResponseSource, string> = {
  LINK: '个人链接',
  PORTAL: '客户门户',
  PHONE: '电话',
  FAX: '传真/信函',
  API: '系统接口',
};
const TYPE_LABEL: Record<string, string> = {
  RATING_5: '评分 1–5',
  RATING_10: '评分 1–10',
  NPS: 'NPS 0–10',
  SINGLE_CHOICE: '单选',
  MULTI_CHOICE: '多选',
  TEXT: '文字',
};
const time = (d: Date | null) => (d ? formatDateTime(d.toISOString(), TIME_ZONE) : '');

/** The raw responses the filter covers (the console's response list), as one table. */
export async function responsesTable(viewer: Viewer, filter: ResponseFilter): Promise<Table> {
  requirePermission(viewer, 'surveys:read');
  const where = responseWhere(filter);
  const templateIds = (
    await prisma.surveyResponse.findMany({ where, distinct: ['templateId'], select: { templateId: true } })
  ).map((r) => r.templateId);
  const templates = await prisma.surveyTemplate.findMany({
    where: { id: { in: templateIds } },
    include: { questions: { orderBy: { position: 'asc' } } },
    orderBy: [{ createdAt: 'asc' }, { version: 'asc' }],
  });
  const many = templates.length > 1;
  const questions = templates.flatMap((t) =>
    t.questions.map((q) => ({
      ...q,
      choices: parseChoices(q.options),
      header: `${many ? `v${t.version} ` : ''}Q${q.position + 1} ${q.text}`,
    })),
  );
  const column = new Map(questions.map((q, i) => [q.id, i]));
  const header = [
    '调查活动',
    '期间',
    '客户',
    '省份',
    '行业',
    '等级',
    '重要客户',
    '来源',
    '录入人',
    '提交时间',
    '满意度指数',
    '低分',
    ...questions.map((q) => q.header),
  ];
  const rows: (string | number | null)[][] = [];
  for (let cursor: string | undefined; rows.length < EXPORT_ROW_LIMIT;) {
    const batch = await prisma.surveyResponse.findMany({
      where,
      orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      include: {
        campaign: { select: { name: true, periodLabel: true } },
        customer: { select: { name: true, province: true, industry: true, grade: true, keyAccountStatus: true } },
        enteredBy: { select: { name: true } },
        answers: true,
      },
    });
    for (const r of batch) {
      const cells: (string | number | null)[] = new Array<string | number | null>(questions.length).fill(null);
      for (const a of r.answers) {
        const i = column.get(a.questionId);
        if (i === undefined) continue;
        const q = questions[i]!;
        cells[i] =
          a.numericValue ??
          a.textValue ??
          a.choiceValues.map((v) => q.choices.find((c) => c.value === v)?.label ?? v).join('、');
      }
      rows.push([
        r.campaign.name,
        r.campaign.periodLabel,
        r.customer.name,
        r.customer.province,
        r.customer.industry,
        r.customer.grade,
        r.customer.keyAccountStatus === 'ACTIVE' ? '是' : '否',
        SOURCE_LABEL[r.source],
        r.enteredBy?.name ?? null,
        time(r.submittedAt),
        r.indexScore ? r.indexScore.toNumber() : null,
        r.lowScore ? '是' : '否',
        ...cells,
      ]);
    }
    if (batch.length < BATCH) break;
    cursor = batch.at(-1)!.id;
  }
  return { title: '答卷', header, rows };
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The analysis as tables: summary, dimensions, questions (one row per answer value), trend, provinces. */
export async function analysisTables(viewer: Viewer, filter: AnalysisFilter): Promise<Table[]> {
  requirePermission(viewer, 'surveys:read');
  const memo = new Map<string, Promise<unknown>>();
  const [analysis, trend, provinces] = await Promise.all([
    surveyAnalysis(viewer, filter, memo),
    surveyTrend(viewer, filter, memo),
    surveyBreakdown(viewer, filter, 'PROVINCE', memo),
  ]);
  return [
    {
      title: '概览',
      header: ['项目', '数值'],
      rows: [
        ['答卷数', analysis.responses],
        ['邀请数', analysis.invited],
        ['回收率', pct(analysis.responseRate)],
        ['满意度指数', analysis.index],
        ['计算公式', analysis.formula],
        ['NPS', analysis.nps?.score ?? null],
        ['低分答卷', analysis.lowScores],
      ],
    },
    {
      title: '维度得分',
      header: ['维度代码', '维度', '权重', '有效权重', '得分', '回答数'],
      rows: analysis.dimensions.map((d) => [d.code, d.name, d.weight, d.effectiveWeight, d.score, d.answers]),
    },
    {
      title: '题目统计',
      header: ['序号', '题目', '题型', '回答数', '平均值', '得分', '选项/分值', '人数', '占比'],
      rows: analysis.questions.flatMap((q) => {
        const head = [
          q.question.position + 1,
          q.question.text,
          TYPE_LABEL[q.question.type] ?? q.question.type,
          q.answered,
          q.average,
          q.score,
        ];
        if (q.distribution.length === 0) return [[...head, '文字回答', q.textAnswers, null]];
        return q.distribution.map((b, i) => [
          ...(i === 0 ? head : [null, null, null, null, null, null]),
          b.label,
          b.count,
          pct(b.share),
        ]);
      }),
    },
    {
      title: '期间趋势',
      header: ['期间', '答卷数', '满意度指数', 'NPS'],
      rows: trend.map((p) => [p.periodLabel, p.responses, p.index, p.nps]),
    },
    {
      title: '按省份',
      header: ['省份', '答卷数', '满意度指数', 'NPS'],
      rows: provinces.map((s) => [s.value ?? '（未填）', s.responses, s.index, s.nps]),
    },
  ];
}

export function tablesToCsv(tables: readonly Table[]): string {
  const lines: (string | number | null)[][] = [];
  tables.forEach((t, i) => {
    if (tables.length > 1) {
      if (i > 0) lines.push([]);
      lines.push([`【${t.title}】`]);
    }
    lines.push(t.header, ...t.rows);
  });
  return csvFile(lines);
}

export async function tablesToXlsx(tables: readonly Table[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kefu';
  for (const t of tables) {
    const sheet = workbook.addWorksheet(t.title);
    sheet.columns = t.header.map((h) => ({ header: h, width: Math.min(40, Math.max(10, h.length * 2 + 2)) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of t.rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
