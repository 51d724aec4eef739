import 'server-only';
import type { WorkOrder, WorkOrderWarrantyLine } from '@/generated/prisma/client';
import { TIME_ZONE } from '@/i18n/config';
import { formatDateTime } from '@/lib/format';
import { now as clockNow } from '@/server/clock';
import { prisma } from '@/server/db';
import { renderPdf, type DocBlock, type PrintableDocument } from '@/server/pdf/pdf-document';
import { storage } from '@/server/storage/storage';
import type { Viewer } from '@/server/viewer';
import type { Table } from '../survey-analysis/survey.export';
import { partsOf } from './work-order.rules';
import { getWorkOrder } from './work-order.service';
import { weeklyStats } from './work-order-stats.service';

/** Labels as the printed 派工单 names them (Chinese: the company's paper form). */
const STATUS: Record<WorkOrder['status'], string> = {
  CREATED: '待派工',
  ASSIGNED: '已派工',
  ACCEPTED: '已接单',
  IN_PROGRESS: '处理中',
  COMPLETED: '已完工',
  SIGNED_OFF: '已签收',
  REPORTED: '已回司反馈',
  CLOSED: '已关闭',
  CANCELLED: '已取消',
};
const PRIORITY: Record<WorkOrder['priority'], string> = { URGENT: '紧急', HIGH: '高', NORMAL: '普通', LOW: '低' };
const WARRANTY: Record<WorkOrderWarrantyLine['kind'], string> = { RETURN: '退货', REPLACE: '换货', REPAIR: '维修' };

const when = (at: Date | null, timeZone: string) => (at ? formatDateTime(at.toISOString(), timeZone) : null);

export type WorkOrderDocumentData = {
  order: WorkOrder;
  customerName: string;
  technicianName: string | null;
  warrantyLines: readonly WorkOrderWarrantyLine[];
  signature: Uint8Array | null;
};

/** The printed 派工单: the order, the times, the work, parts, 三包, fee and receipt, feedback and the signature. */
export function buildWorkOrderDocument(data: WorkOrderDocumentData, timeZone: string): PrintableDocument {
  const { order } = data;
  const parts = partsOf(order.parts);
  const blocks: DocBlock[] = [
    {
      kind: 'fields',
      pairs: [
        ['单号', order.number],
        ['状态', STATUS[order.status]],
        ['客户', data.customerName],
        ['优先级', PRIORITY[order.priority]],
        ['地址', order.siteAddress],
        ['设备', order.equipment],
        ['要求时间', when(order.requestedAt, timeZone)],
        ['技术员', data.technicianName],
      ],
    },
    { kind: 'text', label: '故障描述', value: order.description },
    { kind: 'section', title: '服务过程' },
    {
      kind: 'fields',
      pairs: [
        ['接单', when(order.acceptedAt, timeZone)],
        ['出发', when(order.departedAt, timeZone)],
        ['到达', when(order.arrivedAt, timeZone)],
        ['完工', when(order.finishedAt, timeZone)],
      ],
    },
    { kind: 'text', label: '维修内容', value: order.visitRecord },
    {
      kind: 'table',
      columns: [
        { header: '配件 / 设备' },
        { header: '数量', width: 60, align: 'right' },
        { header: '去向', width: 100 },
      ],
      rows: parts.map((p) => [p.name, p.quantity, p.direction === 'USED' ? '更换使用' : '带回（设备收条）']),
      emptyText: '无',
    },
    {
      kind: 'table',
      columns: [
        { header: '三包', width: 60 },
        { header: '配件' },
        { header: '数量', width: 60, align: 'right' },
        { header: '费用', width: 80, align: 'right' },
      ],
      rows: data.warrantyLines.map((l) => [WARRANTY[l.kind], l.part, l.quantity, l.cost.toFixed(2)]),
      emptyText: '无',
    },
    {
      kind: 'fields',
      pairs: [
        ['收费（元）', order.fee ? order.fee.toFixed(2) : null],
        ['收据号', order.receiptNo],
      ],
    },
    { kind: 'section', title: '客户签收' },
    { kind: 'text', label: '维修反馈', value: order.customerFeedback },
    {
      kind: 'fields',
      pairs: [
        ['签收人', order.customerSignoffName],
        ['电话', order.customerSignoffPhone],
        ['签收时间', when(order.signedOffAt, timeZone)],
        ['客户确认', when(order.customerConfirmedAt, timeZone)],
      ],
    },
  ];
  if (data.signature) blocks.push({ kind: 'image', data: data.signature, height: 120 });
  else blocks.push({ kind: 'signatures', labels: ['客户签字'] });
  blocks.push({ kind: 'text', label: '回司反馈', value: order.returnFeedback });
  return { title: '派工单', subtitle: order.number, filename: `派工单-${order.number}.pdf`, blocks };
}

/** The PDF of an order the viewer may read (NOT_FOUND otherwise), with the stored signature image. */
export async function workOrderPdf(
  viewer: Viewer,
  id: string,
  now: Date = clockNow(),
): Promise<{ filename: string; pdf: Buffer }> {
  const order = await getWorkOrder(viewer, id);
  const [customer, technician, warrantyLines, signature] = await Promise.all([
    prisma.customer.findUniqueOrThrow({ where: { id: order.customerId }, select: { name: true } }),
    order.technicianId ? prisma.user.findUnique({ where: { id: order.technicianId }, select: { name: true } }) : null,
    prisma.workOrderWarrantyLine.findMany({ where: { workOrderId: order.id }, orderBy: { createdAt: 'asc' } }),
    order.signatureKey ? storage().get(order.signatureKey) : null,
  ]);
  const document = buildWorkOrderDocument(
    { order, customerName: customer.name, technicianName: technician?.name ?? null, warrantyLines, signature },
    TIME_ZONE,
  );
  return { filename: document.filename, pdf: await renderPdf(document, { generatedAt: now, timeZone: TIME_ZONE }) };
}

/** The weekly statistics as one table for the CSV/Excel export (the survey exports' writers). */
export async function weeklyStatsTable(viewer: Viewer, weekOf: Date): Promise<{ weekStart: Date; table: Table }> {
  const stats = await weeklyStats(viewer, weekOf);
  const names = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: stats.rows.map((r) => r.technicianId) } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  const rows = stats.rows
    .map((r) => [
      names.get(r.technicianId) ?? r.technicianId,
      r.finished,
      r.onTime,
      r.fees,
      r.partsUsed,
      r.repeatRepairs,
    ])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'zh-CN'));
  return {
    weekStart: stats.weekStart,
    table: {
      title: `派工单周统计 ${stats.weekStart.toISOString().slice(0, 10)}`,
      header: ['技术员', '完工单数', '准时到达', '收费（元）', '配件用量', '返修'],
      rows,
    },
  };
}
