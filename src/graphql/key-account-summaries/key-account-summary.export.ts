import 'server-only';
import { TZDate } from '@date-fns/tz';
import type { KeyAccountExchangeSummary } from '@/generated/prisma/client';
import { TIME_ZONE } from '@/i18n/config';
import { now as clockNow } from '@/server/clock';
import { prisma } from '@/server/db';
import { renderPdf, type PrintableDocument } from '@/server/pdf/pdf-document';
import type { Viewer } from '@/server/viewer';
import type { SummaryFigures } from './key-account-summary.rules';
import { getSummary } from './key-account-summary.service';

/** Obligation kinds as the printed form names them (SPEC §2 perks). */
const OBLIGATION_KIND: Record<string, string> = {
  CALLBACK: '定期回访',
  LEADERSHIP_VISIT: '领导走访',
  QUALITY_REPORT: '免费质量分析报告',
  TRAINING: '培训',
  PRICING_REVIEW: '优惠价格评审',
  EXCHANGE_SUMMARY: '客户服务交流信息',
};

function localDate(at: Date | string, timeZone: string): string {
  const d = new TZDate(new Date(at).getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export type SummaryDocumentData = {
  summary: KeyAccountExchangeSummary;
  customerName: string;
  departments: string[];
  issuedBy: string | null;
};

/** The printed 《客户服务交流信息》: period and recipients, the figures as tables, the three text sections. */
export function buildSummaryDocument(data: SummaryDocumentData, timeZone: string): PrintableDocument {
  const { summary } = data;
  const f = summary.figures as unknown as SummaryFigures;
  const endInclusive = new Date(summary.periodEnd.getTime() - 1);
  return {
    title: '客户服务交流信息',
    subtitle: `${data.customerName} · ${summary.period} · ${summary.status === 'ISSUED' ? '已发布' : '草稿'}`,
    filename: `客户服务交流信息-${summary.period}.pdf`,
    blocks: [
      {
        kind: 'fields',
        pairs: [
          ['客户', data.customerName],
          [
            '期间',
            `${summary.period}（${localDate(summary.periodStart, timeZone)} 至 ${localDate(endInclusive, timeZone)}）`,
          ],
          ['统计时间', localDate(summary.figuresAt, timeZone)],
          ['发布时间', summary.issuedAt ? localDate(summary.issuedAt, timeZone) : null],
          ['发布人', data.issuedBy],
          ['报送部门', ['客户服务部部长', ...data.departments].join('、')],
        ],
      },
      { kind: 'section', title: '一、服务数据' },
      {
        kind: 'table',
        columns: [
          { header: '投诉受理' },
          { header: '已结', align: 'right' },
          { header: '未结', align: 'right' },
          { header: '超期', align: 'right' },
          { header: '一般/重大/危机', align: 'right' },
        ],
        rows: [
          [
            f.complaints.received,
            f.complaints.closed,
            f.complaints.open,
            f.complaints.overdue,
            `${f.complaints.general}/${f.complaints.major}/${f.complaints.crisis}`,
          ],
        ],
      },
      {
        kind: 'table',
        columns: [
          { header: '咨询', align: 'right' },
          { header: '查询', align: 'right' },
          { header: '建议', align: 'right' },
          { header: '回访已完成', align: 'right' },
          { header: '待回访（逾期）', align: 'right' },
        ],
        rows: [
          [
            f.interactions.consultation,
            f.interactions.inquiry,
            f.interactions.suggestion,
            f.callbacks.done,
            `${f.callbacks.pending}（${f.callbacks.overdue}）`,
          ],
        ],
      },
      {
        kind: 'fields',
        pairs: [
          ['满意度答卷', f.satisfaction.responses],
          ['平均满意度指数', f.satisfaction.averageIndex],
          ['低分答卷', f.satisfaction.lowScores],
          ['未完成服务事项', `${f.obligations.open}（逾期 ${f.obligations.overdue}）`],
        ],
      },
      {
        kind: 'table',
        columns: [{ header: '服务事项' }, { header: '到期日' }, { header: '状态' }, { header: '备注', width: '*' }],
        rows: f.obligations.items.map((o) => [
          OBLIGATION_KIND[o.kind] ?? o.kind,
          localDate(o.dueAt, timeZone),
          o.overdue ? '逾期' : '进行中',
          o.note,
        ]),
        emptyText: '无未完成事项',
      },
      { kind: 'section', title: '二、客户需求' },
      { kind: 'paragraph', text: summary.customerNeeds ?? '无' },
      { kind: 'section', title: '三、困难' },
      { kind: 'paragraph', text: summary.difficulties ?? '无' },
      { kind: 'section', title: '四、我方措施及备注' },
      { kind: 'paragraph', text: summary.measures ?? '无' },
      { kind: 'signatures', labels: ['编制', '审核', '客户服务部部长'] },
    ],
  };
}

/** The summary as a PDF (keyaccounts:read, as the summary itself). */
export async function summaryPdf(
  viewer: Viewer,
  id: string,
  now: Date = clockNow(),
): Promise<{ filename: string; pdf: Buffer }> {
  const summary = await getSummary(viewer, id);
  const [customer, departments, issuer] = await Promise.all([
    prisma.customer.findUniqueOrThrow({ where: { id: summary.customerId }, select: { name: true } }),
    prisma.department.findMany({
      where: { id: { in: summary.recipientDepartmentIds } },
      select: { name: true },
      orderBy: { name: 'asc' },
    }),
    summary.issuedById ? prisma.user.findUnique({ where: { id: summary.issuedById }, select: { name: true } }) : null,
  ]);
  const document = buildSummaryDocument(
    {
      summary,
      customerName: customer.name,
      departments: departments.map((d) => d.name),
      issuedBy: issuer?.name ?? null,
    },
    TIME_ZONE,
  );
  return { filename: document.filename, pdf: await renderPdf(document, { generatedAt: now, timeZone: TIME_ZONE }) };
}
