import admin from '../../../messages/zh-CN/admin.json';
import complaints from '../../../messages/zh-CN/complaints.json';
import intake from '../../../messages/zh-CN/intake.json';
import { formatDateTime } from '@/lib/format';
import type { DocBlock, PrintableDocument } from '@/server/pdf/pdf-document';
import type { PdfCell } from '@/server/pdf/pdf-report';

/**
 * The printable documents of one complaint (SPEC §4: "8D report … printable/exportable"; the 客户投诉处理单 of the
 * source procedures [002 C9 5.1–5.9, 003 (七)]) as pure functions of a plain data object: the loader
 * (complaint-document.service.ts) fetches it, these decide what is printed, PdfReport lays it out. Chinese only:
 * these are the company's controlled forms. Labels come from the console's zh-CN messages, so the paper and the
 * screen use the same words.
 */

export type ComplaintDocumentData = {
  number: string;
  channel: string;
  status: string;
  subject: string;
  description: string;
  desiredOutcome: string | null;
  /** The customer record's name, else the company name given at anonymous intake. */
  customerName: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  productRef: string | null;
  orderRef: string | null;
  contractNo: string | null;
  severity: string | null;
  causeClass: string | null;
  triageResult: string | null;
  declineReason: string | null;
  requires8D: boolean;
  escalationLevel: number;
  departmentName: string | null;
  ownerName: string | null;
  registeredByName: string | null;
  createdAt: Date;
  triageDueAt: Date | null;
  triagedAt: Date | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
  callbackDueAt: Date | null;
  closedAt: Date | null;
  customerFeedback: string | null;
  customerFeedbackComment: string | null;
  warrantyOutcome: string | null;
  /** 核决权限 for the complaint's severity (roles), null before triage. */
  authority: { approve: readonly string[]; close: readonly string[] } | null;
  actions: readonly {
    kind: string;
    description: string;
    ownerName: string | null;
    dueAt: Date | null;
    status: string;
    completedAt: Date | null;
  }[];
  eightD: {
    d1Team: readonly string[];
    d2Problem: string | null;
    d3Containment: string | null;
    d4RootCauseOccurrence: string | null;
    d4RootCauseOutflow: string | null;
    d5CorrectiveActions: string | null;
    d6Verification: string | null;
    d7Prevention: string | null;
    fmeaUpdated: boolean;
    controlPlanUpdated: boolean;
    d8Recognition: string | null;
    updatedAt: Date;
  } | null;
  approvals: readonly {
    stage: string;
    decision: string;
    approverName: string;
    comment: string | null;
    createdAt: Date;
  }[];
  callbacks: readonly {
    reason: string;
    status: string;
    dueAt: Date;
    completedAt: Date | null;
    assigneeName: string | null;
    completedByName: string | null;
    outcome: string | null;
    accuracyScore: number | null;
    timelinessScore: number | null;
    attitudeScore: number | null;
    otherDissatisfaction: string | null;
    suggestions: string | null;
    notes: string | null;
  }[];
  history: readonly {
    action: string;
    fromState: string | null;
    toState: string | null;
    comment: string | null;
    actorName: string | null;
    createdAt: Date;
  }[];
};

type Labels = Record<string, string>;
const label = (labels: Labels, code: string | null | undefined, fallback = '—') =>
  code ? (labels[code] ?? code) : fallback;

const STATUS: Labels = complaints.status;
const SEVERITY: Labels = complaints.severity;
const CAUSE: Labels = complaints.causeClass;
const WARRANTY: Labels = complaints.warranty;
const FEEDBACK: Labels = complaints.feedback;
const ACTION_KIND: Labels = complaints.actionKind;
const ACTION_STATUS: Labels = complaints.actionStatus;
const APPROVAL_STAGE: Labels = complaints.approvalStage;
const APPROVAL_DECISION: Labels = complaints.approvalDecision;
const CHANNEL: Labels = intake.channel;
const ROLE: Labels = admin.roles;
// The requirement triage of [000 §4.5], in the form's own words (合理/不合理/超出权限).
const TRIAGE: Labels = {
  WITHIN_AUTHORITY: '合理，权限内处理',
  BEYOND_AUTHORITY: '合理，超出权限（上报）',
  UNREASONABLE: '不合理（说明并婉拒）',
};
// Callbacks are labelled here: their module's messages are being written in parallel, and the form must not wait.
const CALLBACK_STATUS: Labels = { PENDING: '待回访', DONE: '已回访', CANCELLED: '已取消' };
const CALLBACK_REASON: Labels = {
  POST_RESOLUTION: '处理后回访',
  KEY_ACCOUNT: '重要客户回访',
  PERIODIC: '定期回访',
  SURVEY_FOLLOW_UP: '满意度跟进',
};
const CALLBACK_OUTCOME: Labels = {
  NO_PROBLEM: '客户满意，无问题',
  REOPENED: '发现问题，重新打开',
  NEW_COMPLAINT: '发现新问题，另立投诉',
  UNREACHABLE: '未联系上',
};

function historyActionLabel(action: string): string {
  const commands: Labels = complaints.command;
  const actions: Labels = complaints.historyAction;
  return commands[action] ?? actions[action] ?? action;
}
const stateLabel = (state: string | null) => (state ? (STATUS[state] ?? ACTION_STATUS[state] ?? state) : '');
const yesNo = (value: boolean) => (value ? '是' : '否');

/** Formats instants in the given zone; the builders receive it so tests pin it. */
function timeFormat(timeZone: string) {
  return (at: Date | null | undefined): string | null => (at ? formatDateTime(at.toISOString(), timeZone) : null);
}

const subtitleOf = (d: ComplaintDocumentData) => `${d.number} · ${label(STATUS, d.status)}`;
const customerOf = (d: ComplaintDocumentData) => d.customerName ?? '—';
const roles = (list: readonly string[]) => list.map((r) => label(ROLE, r)).join('、');

function actionsTable(d: ComplaintDocumentData, at: ReturnType<typeof timeFormat>): DocBlock {
  return {
    kind: 'table',
    columns: [
      { header: '类型', width: 54 },
      { header: '措施内容' },
      { header: '负责人', width: 54 },
      { header: '完成期限', width: 84 },
      { header: '状态', width: 44 },
      { header: '完成时间', width: 84 },
    ],
    rows: d.actions.map((a) => [
      label(ACTION_KIND, a.kind),
      a.description,
      a.ownerName,
      at(a.dueAt),
      label(ACTION_STATUS, a.status),
      at(a.completedAt),
    ]),
    emptyText: '尚无措施',
  };
}

function approvalsTable(
  approvals: ComplaintDocumentData['approvals'],
  at: ReturnType<typeof timeFormat>,
  emptyText: string,
): DocBlock {
  return {
    kind: 'table',
    columns: [
      { header: '阶段', width: 62 },
      { header: '结论', width: 46 },
      { header: '审批人', width: 70 },
      { header: '意见' },
      { header: '时间', width: 84 },
    ],
    rows: approvals.map((a) => [
      label(APPROVAL_STAGE, a.stage),
      label(APPROVAL_DECISION, a.decision),
      a.approverName,
      a.comment,
      at(a.createdAt),
    ]),
    emptyText,
  };
}

/** The 8D report [002 C9 5.3–5.8]: header, D1–D8 with both root causes, FMEA/control-plan flags, actions, approvals. */
export function buildEightDReport(d: ComplaintDocumentData, { timeZone }: { timeZone: string }): PrintableDocument {
  const at = timeFormat(timeZone);
  const e = d.eightD;
  const blocks: DocBlock[] = [
    { kind: 'section', title: '基本信息' },
    {
      kind: 'fields',
      pairs: [
        ['投诉编号', d.number],
        ['客户', customerOf(d)],
        ['投诉主题', d.subject],
        ['产品/零件号', d.productRef],
        ['订单/批次号', d.orderRef],
        ['合同编号', d.contractNo],
        ['严重度', label(SEVERITY, d.severity, SEVERITY.none)],
        ['原因分类', label(CAUSE, d.causeClass)],
        ['责任部门', d.departmentName],
        ['负责人', d.ownerName],
        ['投诉日期', at(d.createdAt)],
        ['分派日期', at(d.triagedAt)],
        ['要求完成', at(d.resolutionDueAt)],
        ['解决日期', at(d.resolvedAt)],
        ['关闭日期', at(d.closedAt)],
        ['8D 最后更新', at(e?.updatedAt)],
      ],
    },
  ];
  if (!e) blocks.push({ kind: 'paragraph', text: '尚未填写 8D 记录：以下各栏留空，可手工填写。', muted: true });

  blocks.push(
    { kind: 'section', title: 'D1 成立小组' },
    {
      kind: 'table',
      columns: [{ header: '序号', width: 40, align: 'center' }, { header: '成员（姓名 / 部门 / 职责）' }],
      rows: (e?.d1Team ?? []).map((member, i) => [i + 1, member]),
      emptyText: '未填写',
    },
    { kind: 'section', title: 'D2 问题描述' },
    { kind: 'text', label: '问题描述（5W2H）', value: e?.d2Problem },
    { kind: 'text', label: '客户投诉原文', value: d.description },
    { kind: 'section', title: 'D3 临时围堵措施' },
    { kind: 'text', label: '围堵措施', value: e?.d3Containment },
    { kind: 'section', title: 'D4 根本原因分析' },
    { kind: 'text', label: '发生原因（为什么会产生）', value: e?.d4RootCauseOccurrence },
    { kind: 'text', label: '流出原因（为什么没有被发现）', value: e?.d4RootCauseOutflow },
    { kind: 'section', title: 'D5 永久纠正措施' },
    { kind: 'text', label: '纠正措施', value: e?.d5CorrectiveActions },
    { kind: 'section', title: 'D6 纠正措施实施与效果验证' },
    { kind: 'text', label: '实施与验证', value: e?.d6Verification },
    { kind: 'section', title: 'D7 预防再发生' },
    { kind: 'text', label: '预防措施（标准化、横向展开）', value: e?.d7Prevention },
    {
      kind: 'fields',
      pairs: [
        ['FMEA 已更新', e ? yesNo(e.fmeaUpdated) : null],
        ['控制计划已更新', e ? yesNo(e.controlPlanUpdated) : null],
      ],
    },
    { kind: 'section', title: 'D8 小组祝贺与表彰' },
    { kind: 'text', label: '表彰', value: e?.d8Recognition },
    { kind: 'section', title: '措施一览（围堵 / 纠正 / 预防）' },
    actionsTable(d, at),
    { kind: 'section', title: '审批' },
  );
  if (d.authority)
    blocks.push({
      kind: 'paragraph',
      text: `核决权限（${label(SEVERITY, d.severity)}）：处置方案由 ${roles(d.authority.approve)} 批准；结案由 ${roles(d.authority.close)} 确认。`,
      muted: true,
    });
  blocks.push(approvalsTable(d.approvals, at, '尚无审批'), {
    kind: 'signatures',
    labels: ['编制（8D 组长）', '审核（质量经理）', '批准'],
  });

  return { title: '8D 报告', subtitle: subtitleOf(d), filename: `8D报告-${d.number}.pdf`, blocks };
}

/**
 * The 客户投诉处理单: received → triage (合理/不合理/超出权限) → investigation and disposition → approval by
 * authority (核决权限) → verification of effectiveness → 三包 → customer feedback → callback (回访) → closure, with
 * the complete history at the end.
 */
export function buildHandlingForm(d: ComplaintDocumentData, { timeZone }: { timeZone: string }): PrintableDocument {
  const at = timeFormat(timeZone);
  const verifications = d.history.filter((h) => h.action === 'VERIFY');
  const closure = d.approvals.find((a) => a.stage === 'CLOSURE' && a.decision === 'APPROVED');
  const blocks: DocBlock[] = [
    { kind: 'section', title: '一、投诉受理' },
    {
      kind: 'fields',
      pairs: [
        ['投诉编号', d.number],
        ['受理渠道', label(CHANNEL, d.channel)],
        ['受理时间', at(d.createdAt)],
        ['受理人', d.registeredByName ?? (d.channel === 'PORTAL' || d.channel === 'API' ? '客户自助提交' : null)],
        ['客户 / 单位', customerOf(d)],
        ['联系人', d.contactName],
        ['联系电话', d.contactPhone],
        ['电子邮件', d.contactEmail],
        ['产品/零件号', d.productRef],
        ['订单/批次号', d.orderRef],
        ['合同编号', d.contractNo],
        ['当前状态', label(STATUS, d.status)],
      ],
    },
    { kind: 'text', label: `投诉内容：${d.subject}`, value: d.description },
    { kind: 'text', label: '客户期望的处理结果', value: d.desiredOutcome },

    { kind: 'section', title: '二、评审与分派' },
    {
      kind: 'fields',
      pairs: [
        ['严重度', label(SEVERITY, d.severity, SEVERITY.none)],
        ['原因分类', label(CAUSE, d.causeClass)],
        ['要求评审', label(TRIAGE, d.triageResult, '未评审')],
        ['需要 8D', yesNo(d.requires8D || d.severity === 'MAJOR' || d.severity === 'CRISIS')],
        ['责任部门', d.departmentName],
        ['负责人', d.ownerName],
        ['分派期限', at(d.triageDueAt)],
        ['分派时间', at(d.triagedAt)],
        ['处理期限', at(d.resolutionDueAt)],
        ['升级级别', d.escalationLevel > 0 ? `第 ${d.escalationLevel} 级` : '未升级'],
      ],
    },
  ];
  if (d.declineReason) blocks.push({ kind: 'text', label: '不合理要求的说明（已告知客户）', value: d.declineReason });

  blocks.push(
    { kind: 'section', title: '三、调查与处置' },
    { kind: 'text', label: '原因分析（发生原因）', value: d.eightD?.d4RootCauseOccurrence },
    { kind: 'text', label: '原因分析（流出原因）', value: d.eightD?.d4RootCauseOutflow },
    actionsTable(d, at),

    { kind: 'section', title: '四、核决权限审批' },
  );
  if (d.authority) {
    blocks.push({
      kind: 'paragraph',
      text: `本投诉为“${label(SEVERITY, d.severity)}”：处置方案由 ${roles(d.authority.approve)} 批准；结案由 ${roles(d.authority.close)} 确认。`,
      muted: true,
    });
  }
  blocks.push(
    approvalsTable(
      d.approvals.filter((a) => a.stage === 'DISPOSITION'),
      at,
      '无需审批或尚未审批',
    ),

    { kind: 'section', title: '五、效果验证' },
    {
      kind: 'table',
      columns: [
        { header: '验证时间', width: 84 },
        { header: '验证人', width: 70 },
        { header: '结论', width: 60 },
        { header: '验证说明' },
      ],
      rows: verifications.map((v) => [
        at(v.createdAt),
        v.actorName,
        v.toState === 'RESOLVED' ? '有效' : '无效，退回调查',
        v.comment,
      ]),
      emptyText: '尚未验证',
    },

    { kind: 'section', title: '六、三包处理与客户反馈' },
    {
      kind: 'fields',
      pairs: [
        ['三包结果', d.warrantyOutcome ? label(WARRANTY, d.warrantyOutcome) : WARRANTY.none],
        ['解决时间', at(d.resolvedAt)],
        ['客户意见', label(FEEDBACK, d.customerFeedback, '尚未反馈')],
        ['客户说明', d.customerFeedbackComment],
      ],
    },

    { kind: 'section', title: '七、回访' },
    {
      kind: 'fields',
      pairs: [
        ['回访期限', at(d.callbackDueAt)],
        ['回访次数', d.callbacks.filter((c) => c.status === 'DONE').length],
      ],
    },
    {
      kind: 'table',
      columns: [
        { header: '类型', width: 58 },
        { header: '期限', width: 84 },
        { header: '状态', width: 44 },
        { header: '回访时间 / 回访人', width: 92 },
        { header: '评分（准确/及时/态度）', width: 64, align: 'center' },
        { header: '回访结果' },
      ],
      rows: d.callbacks.map((c) => [
        label(CALLBACK_REASON, c.reason),
        at(c.dueAt),
        label(CALLBACK_STATUS, c.status),
        [at(c.completedAt), c.completedByName ?? c.assigneeName].filter(Boolean).join(' / ') || null,
        c.accuracyScore !== null || c.timelinessScore !== null || c.attitudeScore !== null
          ? [c.accuracyScore, c.timelinessScore, c.attitudeScore].map((s) => s ?? '—').join(' / ')
          : null,
        callbackResult(c),
      ]),
      emptyText: '尚无回访任务',
    },

    { kind: 'section', title: '八、结案确认' },
    {
      kind: 'fields',
      pairs: [
        ['结案日期', at(d.closedAt)],
        ['确认人', closure?.approverName ?? null],
      ],
    },
    { kind: 'signatures', labels: ['受理人', '责任部门负责人', '质量经理（结案确认）'] },

    { kind: 'section', title: '九、处理记录' },
    {
      kind: 'table',
      columns: [
        { header: '时间', width: 84 },
        { header: '操作', width: 84 },
        { header: '状态', width: 104 },
        { header: '处理人', width: 62 },
        { header: '说明' },
      ],
      rows: d.history.map((h) => [
        at(h.createdAt),
        historyActionLabel(h.action),
        transition(h.fromState, h.toState),
        h.actorName ?? '系统',
        h.comment,
      ]),
      emptyText: '暂无记录',
    },
  );

  return { title: '客户投诉处理单', subtitle: subtitleOf(d), filename: `客户投诉处理单-${d.number}.pdf`, blocks };
}

function transition(from: string | null, to: string | null): PdfCell {
  if (!from && !to) return null;
  return from ? `${stateLabel(from)} → ${stateLabel(to)}` : stateLabel(to);
}

function callbackResult(c: ComplaintDocumentData['callbacks'][number]): string | null {
  const parts = [
    c.outcome ? label(CALLBACK_OUTCOME, c.outcome) : null,
    c.otherDissatisfaction ? `其他不满：${c.otherDissatisfaction}` : null,
    c.suggestions ? `建议：${c.suggestions}` : null,
    c.notes,
  ].filter((p): p is string => !!p);
  return parts.length ? parts.join('；') : null;
}
